// A follow-up task's activity log, newest first. The task page includes it; after an email sent
// through htmx it rides along out of band, so the log shows the email without a reload.
import { STATUS_LABELS, type FollowupStatus } from '../../../src/domain/followups';
import { localTime } from '../../../src/domain/timeText';
import type { ActivityRow } from '../../../src/services/followups/queries';

const KIND_LABELS: Record<ActivityRow['kind'], string> = {
  opened: 'Opened',
  attached: 'Another answer',
  note: 'Note',
  call: 'Call',
  attempt: 'Contact attempt',
  email: 'Email to customer',
  status: 'Status',
  assigned: 'Assignment',
  escalated: 'Escalation',
  reopened: 'Reopened',
  reason: 'New reason',
};

export function Activity(p: { rows: ActivityRow[]; timeZone: string; oob?: boolean }) {
  return (
    <ol id="activity-log" class="timeline" hx-swap-oob={p.oob ? 'true' : undefined}>
      {[...p.rows].reverse().map((e) => {
        const data = JSON.parse(e.data) as { subject?: string; to?: FollowupStatus };
        // A status entry names the status it moved to.
        const to = e.kind === 'status' && data.to && data.to in STATUS_LABELS ? STATUS_LABELS[data.to] : null;
        return (
          <li class={`timeline-item timeline-${e.kind}`}>
            <div class="timeline-head">
              <strong>{to ? `${KIND_LABELS.status} → ${to}` : KIND_LABELS[e.kind]}</strong>
              <span class="muted small">
                {e.actor} · {localTime(e.at, p.timeZone)}
              </span>
            </div>
            {data.subject ? <p class="timeline-subject">Subject: {data.subject}</p> : null}
            {e.body ? <p class="timeline-body">{e.body}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
