// The responses page body: what the list is filtered to (with a way out of each drill-down), the
// CSV export of exactly that, and one keyset page of responses.
import type { DayRange } from '../../../src/domain/period';
import { rangeLabel } from '../../../src/domain/periodLabels';
import type { SurveyKind } from '../../../src/domain/surveys';
import { dashUrl, type DashParams } from '../../../src/domain/dashParams';
import type { ResponsePage } from '../../../src/services/dashboard/responseList';
import { SURVEY_LABEL } from './format';
import { ResponseList } from './ResponseList';
import { DASH_ID, SwapLink } from './SwapLink';

const GROUP_LABEL: Record<string, string> = {
  promoters: 'promoters (9–10)',
  passives: 'passives (7–8)',
  detractors: 'detractors (0–6)',
  low: 'low scores',
  high: 'high scores',
};

export interface ResponsesBodyProps {
  page: ResponsePage;
  params: DashParams;
  range: DayRange;
  today: number;
  tz: string;
  /** Names for the filter summary. */
  names: { team: string | null; agent: string | null; theme?: string | null };
  agentHref: (agentId: string) => string | null;
}

export function ResponsesBody(p: ResponsesBodyProps) {
  const q = p.params;
  const without = (extra: Partial<DashParams>) => dashUrl('/responses', { ...q, cursor: null, ...extra });
  const chips: Array<{ label: string; clear: string; name: string }> = [];
  if (q.survey) chips.push({ name: 'survey', label: SURVEY_LABEL[q.survey as SurveyKind], clear: without({ survey: null, score: null }) });
  if (q.score !== null && q.survey) {
    chips.push({ name: 'score', label: typeof q.score === 'number' ? `score ${q.score}` : (GROUP_LABEL[q.score] ?? q.score), clear: without({ score: null }) });
  }
  if (q.team) chips.push({ name: 'team', label: `team ${p.names.team ?? '?'}`, clear: without({ team: null }) });
  if (q.agent) chips.push({ name: 'agent', label: `agent ${p.names.agent ?? '?'}`, clear: without({ agent: null }) });
  if (q.channel) chips.push({ name: 'channel', label: `channel ${q.channel}`, clear: without({ channel: null }) });
  if (q.tag) chips.push({ name: 'tag', label: `tag ${q.tag}`, clear: without({ tag: null }) });
  if (q.comments) chips.push({ name: 'comments', label: 'with a comment', clear: without({ comments: false }) });
  if (q.sentiment) chips.push({ name: 'sentiment', label: `${q.sentiment} comments`, clear: without({ sentiment: null }) });
  if (q.theme) chips.push({ name: 'theme', label: `theme ${p.names.theme ?? '?'}`, clear: without({ theme: null }) });
  if (q.q) chips.push({ name: 'q', label: `“${q.q}”`, clear: without({ q: null }) });
  return (
    <section id={DASH_ID} class="dash" aria-label="Responses">
      <div class="list-head">
        <p class="dash-range">
          <strong>{rangeLabel(p.range, p.today)}</strong>
          {chips.length > 0 && <span class="muted"> · filtered by</span>}
        </p>
        <a class="button button-secondary button-small" href={dashUrl('/responses.csv', { ...q, cursor: null })} download>
          Download CSV
        </a>
      </div>
      {chips.length > 0 && (
        <ul class="chips" aria-label="Active filters">
          {chips.map((c) => (
            <li class="chip" data-chip={c.name}>
              {c.label}{' '}
              <SwapLink href={c.clear} class="chip-clear">
                <span aria-hidden="true">×</span>
                <span class="visually-hidden">Remove {c.label}</span>
              </SwapLink>
            </li>
          ))}
        </ul>
      )}
      <CommentSearch params={q} />
      <div class="card">
        <ResponseList rows={p.page.rows} tz={p.tz} agentHref={p.agentHref} empty="No responses match these filters." />
        <nav class="pager" aria-label="Pages">
          {q.cursor && <SwapLink href={without({})}>← Newest</SwapLink>}
          {p.page.nextCursor && (
            <SwapLink href={dashUrl('/responses', { ...q, cursor: p.page.nextCursor })} data="older">
              Older responses →
            </SwapLink>
          )}
        </nav>
      </div>
    </section>
  );
}

/** Words to find in comments (any of Heard's languages) and the sentiment to show; the other filters ride along. */
function CommentSearch(p: { params: DashParams }) {
  const q = p.params;
  const hidden = Object.entries(q).filter(([k, v]) => !['q', 'sentiment', 'cursor'].includes(k) && v !== null && v !== false && v !== '');
  return (
    <form class="comment-search" method="get" action="/responses" role="search" hx-get="/responses" hx-target={`#${DASH_ID}`} hx-swap="outerHTML" hx-push-url="true">
      {hidden.map(([k, v]) => (
        <input type="hidden" name={k} value={v === true ? '1' : String(v)} />
      ))}
      <label for="comment-q" class="visually-hidden">
        Search comments
      </label>
      <input id="comment-q" type="search" name="q" value={q.q ?? ''} maxlength={200} placeholder="Search comments: refund, reembolso, 退款" />
      <label for="comment-sentiment" class="visually-hidden">
        Sentiment
      </label>
      <select id="comment-sentiment" name="sentiment">
        <option value="">Any sentiment</option>
        {(['negative', 'neutral', 'positive'] as const).map((s) => (
          <option value={s} selected={q.sentiment === s}>
            {s[0]!.toUpperCase() + s.slice(1)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-small">
        Search
      </button>
    </form>
  );
}
