// A customer's contacts across channels, newest first, with each answer and the task it belongs
// to: on a follow-up task (its own interaction marked) and on the customer's page.
import type { HistoryRow } from '../../../src/services/followups/queries';
import { localTime } from '../../../src/domain/timeText';
import { ScoreBadge } from '../../pages/followups/parts';

export function History(p: { rows: HistoryRow[]; timeZone: string; currentInteractionId?: string; currentTaskId?: string }) {
  if (p.rows.length === 0) return <p class="muted">No contacts yet.</p>;
  return (
    <ol class="timeline">
      {p.rows.map((h) => (
        <li class={h.interactionId === p.currentInteractionId ? 'timeline-item timeline-current' : 'timeline-item'}>
          <div class="timeline-head">
            <strong>
              {h.channel} · {h.externalId}
            </strong>
            <span class="muted small">{localTime(h.closedAt, p.timeZone)}</span>
          </div>
          <p class="small">
            With {h.agentName ?? h.agentEmail}
            {h.survey && h.score !== null ? (
              <>
                {' '}
                · <ScoreBadge survey={h.survey} score={h.score} />
                {h.flagged ? <span class="muted"> (not counted: link scanner)</span> : null}
              </>
            ) : (
              <span class="muted"> · no answer</span>
            )}
            {h.followupId && h.followupId !== p.currentTaskId ? (
              <>
                {' '}
                · <a href={`/follow-ups/${h.followupId}`}>its follow-up</a>
              </>
            ) : null}
          </p>
          {h.comment ? <p class="timeline-body">“{h.comment}”</p> : null}
        </li>
      ))}
    </ol>
  );
}
