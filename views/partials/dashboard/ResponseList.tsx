// Responses as a list of cards (readable on a phone, scannable on a desk): score, when, who
// handled it and on which channel, the comment, the customer.
import type { ListedResponse } from '../../../src/services/dashboard/responseList';
import type { SurveyKind } from '../../../src/domain/surveys';
import { scoreGroup } from './Charts';
import { SURVEY_LABEL, when } from './format';

const TONE = { low: 'badge-danger', mid: '', high: 'badge-success' } as const;
const WORD = { low: 'low', mid: 'middling', high: 'high' } as const;

function tagsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function ResponseItem(p: { r: ListedResponse; tz: string; agentHref: string | null }) {
  const group = scoreGroup(p.r.survey as SurveyKind, p.r.score);
  return (
    <li class="response" data-response={p.r.id}>
      <div class="response-head">
        <span class={`badge ${TONE[group]}`} title={`${WORD[group]} score`}>
          {SURVEY_LABEL[p.r.survey as SurveyKind]} {p.r.score}
        </span>
        <span class="muted small">{when(p.r.createdAt, p.tz)}</span>
        {p.r.source === 'import' && <span class="badge">imported</span>}
        {p.r.sentiment && p.r.sentiment !== 'neutral' && (
          <span class={`badge ${p.r.sentiment === 'negative' ? 'badge-danger' : 'badge-success'}`} data-sentiment={p.r.sentiment}>
            {p.r.sentiment}
            {p.r.severity === 'high' && ', severe'}
          </span>
        )}
      </div>
      {p.r.comment ? <p class="response-comment">{p.r.comment}</p> : <p class="response-comment muted">No comment</p>}
      {(tagsOf(p.r.reasons).length > 0 || p.r.resolved !== null) && (
        <p class="response-reasons small">
          {p.r.resolved !== null && <span class={`badge ${p.r.resolved ? 'badge-success' : 'badge-danger'}`}>{p.r.resolved ? 'resolved' : 'not resolved'}</span>}
          {tagsOf(p.r.reasons).map((k) => (
            <span class="tag" data-reason={k}>
              {k.replace(/_/g, ' ')}
            </span>
          ))}
        </p>
      )}
      <p class="response-meta small">
        {p.agentHref ? <a href={p.agentHref}>{p.r.agentName ?? p.r.agentEmail}</a> : <span>{p.r.agentName ?? p.r.agentEmail}</span>}
        {p.r.teamName && <span> · {p.r.teamName}</span>}
        <span> · {p.r.channel}</span>
        <span class="response-customer"> · {p.r.customerName ?? p.r.customerEmail}</span>
        {p.r.ticketUrl && (
          <span>
            {' · '}
            <a href={p.r.ticketUrl}>Ticket {p.r.ticketId}</a>
          </span>
        )}
        {tagsOf(p.r.tags).map((t) => (
          <span class="tag">{t}</span>
        ))}
      </p>
    </li>
  );
}

export function ResponseList(p: { rows: ListedResponse[]; tz: string; agentHref: (agentId: string) => string | null; empty: string }) {
  if (p.rows.length === 0) return <p class="empty muted">{p.empty}</p>;
  return (
    <ul class="responses">
      {p.rows.map((r) => (
        <ResponseItem r={r} tz={p.tz} agentHref={p.agentHref(r.agentId)} />
      ))}
    </ul>
  );
}
