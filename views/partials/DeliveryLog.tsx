// A connection's recent deliveries with the "Send a test event" button: the whole card is what the
// button's htmx POST answers, so the new delivery shows at the top of the list it just joined.
import type { DeliveryOutcome } from '../../src/db/schema';
import type { Connection, DeliveryLogRow } from '../../src/services/connections';
import { when } from '../../src/domain/timeText';
import { CsrfField, Note } from './forms';
import { DataTable } from './table';

export const DELIVERIES_ID = 'deliveries';

const OUTCOME_BADGE: Record<DeliveryOutcome, string> = {
  accepted: 'badge badge-success',
  ignored: 'badge',
  rejected: 'badge badge-danger',
};

/** The responses list from the day the ticket closed, filtered to its agent: where its answer shows up. */
function answersHref(d: DeliveryLogRow): string | null {
  if (!d.interactionId || !d.agentId || d.closedAt === null) return null;
  // A day early, so a time zone west of UTC still includes the closing day.
  const from = new Date(d.closedAt - 86_400_000).toISOString().slice(0, 10);
  return `/responses?agent=${encodeURIComponent(d.agentId)}&from=${from}`;
}

export interface DeliveryLogProps {
  connection: Pick<Connection, 'id'>;
  csrf: string;
  deliveries: DeliveryLogRow[];
  /** The HTTP status Heard's intake answered the test event with, right after the button. */
  test?: number;
}

export function DeliveryLog(p: DeliveryLogProps) {
  return (
    <section class="card" id={DELIVERIES_ID} aria-labelledby="deliveries-title">
      <div class="card-head">
        <h2 id="deliveries-title">Recent deliveries</h2>
        <form
          method="post"
          action={`/admin/integrations/${p.connection.id}/test`}
          hx-post={`/admin/integrations/${p.connection.id}/test`}
          hx-target={`#${DELIVERIES_ID}`}
          hx-swap="outerHTML"
          class="inline-form"
        >
          <CsrfField token={p.csrf} />
          <button type="submit" class="button button-small button-secondary">
            Send a test event
          </button>
        </form>
      </div>
      {p.test === undefined ? null : p.test < 300 ? (
        <Note kind="success">Test event sent: Heard’s webhook answered {p.test}. It is at the top of the list.</Note>
      ) : (
        <Note kind="error">Test event refused with status {p.test}: check the signing secret under Edit connection.</Note>
      )}
      <DataTable
        columns={['Received', 'Outcome', 'Ticket']}
        rows={p.deliveries}
        empty="Nothing received yet. Send a test event, or close a ticket in your helpdesk."
        row={(d) => {
          const answers = answersHref(d);
          return (
            <tr data-delivery={d.id}>
              <td>
                <span class="nowrap">{when(d.receivedAt)}</span>
                <div class="muted small cell-wrap">
                  <code>{d.event}</code>
                </div>
              </td>
              <td class="cell-wrap">
                <span class={OUTCOME_BADGE[d.outcome]}>{d.outcome}</span>
                {d.reason ? <div class="muted small">{d.reason}</div> : null}
              </td>
              <td class="cell-wrap">
                {d.ticketId === null ? '—' : d.ticketUrl ? <a href={d.ticketUrl}>{d.ticketId}</a> : d.ticketId}
                {answers ? (
                  <div class="small">
                    <a href={answers}>Answers</a>
                  </div>
                ) : null}
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}
