// An alert rule's recent deliveries with the "Send a test alert" button: the whole card is what the
// button's htmx POST answers, so the test shows at the top of the list with its outcome.
import { when } from '../../src/domain/timeText';
import type { AlertDeliveryRow } from '../../src/services/alerts/deliveries';
import { CsrfField, Note } from './forms';
import { DataTable } from './table';

export const ALERT_DELIVERIES_ID = 'alert-deliveries';

const BADGE = { delivered: 'badge badge-success', failed: 'badge badge-danger', pending: 'badge', sending: 'badge' } as const;

export function AlertDeliveries(p: { rule: { id: string }; csrf: string; deliveries: AlertDeliveryRow[]; tested?: boolean; waitMinutes?: number }) {
  const test = p.tested ? p.deliveries.find((d) => d.responseId === null) : undefined;
  return (
    <section class="card" id={ALERT_DELIVERIES_ID} aria-labelledby="alert-deliveries-title">
      <div class="card-head">
        <h2 id="alert-deliveries-title">Recent alerts</h2>
        <form
          method="post"
          action={`/alerts/${p.rule.id}/test`}
          hx-post={`/alerts/${p.rule.id}/test`}
          hx-target={`#${ALERT_DELIVERIES_ID}`}
          hx-swap="outerHTML"
          class="inline-form"
        >
          <CsrfField token={p.csrf} />
          <button type="submit" class="button button-small button-secondary">
            Send a test alert
          </button>
        </form>
      </div>
      {p.waitMinutes ? (
        <Note kind="error">
          No test alert sent: this rule sent several in the last few minutes. Try again in {p.waitMinutes} minute{p.waitMinutes === 1 ? '' : 's'}.
        </Note>
      ) : null}
      {test ? (
        test.status === 'delivered' ? (
          <Note kind="success">Test alert sent{test.responseStatus ? ` (answered ${test.responseStatus})` : ''}. Look for it where this rule posts.</Note>
        ) : (
          <Note kind="error">The test alert was not delivered: {test.error ?? test.status}. Heard tries it again with the others.</Note>
        )
      ) : null}
      <DataTable
        columns={['Alert', 'Status', { label: 'Tries', num: true }, 'Queued']}
        rows={p.deliveries}
        stack
        empty="Nothing sent yet. Send a test alert to check the destination."
        row={(d) => (
          <tr>
            <td class="cell-wrap cell-title">{d.title}</td>
            <td class="cell-wrap" data-label="Status">
              <span class={BADGE[d.status]}>{d.status}</span>
              {d.error ? <div class="muted small">{d.error}</div> : null}
              {d.status === 'pending' && d.attempts > 0 ? <div class="muted small">next try {when(d.nextAttemptAt)}</div> : null}
            </td>
            <td class="num" data-label="Tries">
              {d.attempts}
            </td>
            <td class="nowrap" data-label="Queued">
              {when(d.createdAt)}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
