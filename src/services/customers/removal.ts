// Deleting answers and follow-up tasks with everything that copies them, for erasure and retention.
// Each function returns the statements of one bounded atomic step: ids travel as one JSON array
// (one bound parameter however many rows, well under D1's 100), and the rollup cells are
// subtracted from the rows as they are inside the same write, so the dashboards stay exact.
import { sql } from 'drizzle-orm';
import type { Deps, RawWrite, Statement } from '../../deps';
import { responseCells, sentCells } from '../../db/queries/rollupStatements';
import { removePhraseCells } from '../../db/queries/phraseCells';

const raw = (text: string, ...params: unknown[]): RawWrite => ({ sql: text, params });
const inJson = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/**
 * Rows of a table whose text key starts with `<prefix>/<id>/`, for each id the `ids` subquery
 * gives: a range on the primary key ('0' follows '/'), so no scan however large the table is.
 */
const keyed = (table: string, prefix: string, ids: string) =>
  `DELETE FROM ${table} WHERE id IN (SELECT x.id FROM ${ids} k JOIN ${table} x
    ON x.id > '${prefix}/' || k.value || '/' AND x.id < '${prefix}/' || k.value || '0')`;

const IDS = '(SELECT value FROM json_each(?))';
const RESPONSES_OF_REQUESTS = '(SELECT r.id AS value FROM json_each(?) q JOIN responses r ON r.request_id = q.value)';
const RECOVERY_REQUESTS = `(SELECT id FROM survey_requests WHERE purpose = 'recovery' AND ${inJson('followup_id')})`;

/**
 * Follow-up tasks with their activity (notes, calls, emails), links, recovery surveys and their
 * events, and the queued or delivered copies of their webhooks (and events still to queue) and helpdesk notes.
 */
export function deleteTasks(taskIds: readonly string[]): Statement[] {
  const j = JSON.stringify(taskIds);
  return [
    raw(keyed('webhook_deliveries', 'followup.opened', IDS), j),
    raw(keyed('webhook_deliveries', 'followup.closed', IDS), j),
    raw(keyed('writebacks', 'followup', IDS), j),
    raw(`DELETE FROM response_events WHERE request_id IN ${RECOVERY_REQUESTS}`, j),
    raw(`DELETE FROM followup_checks WHERE request_id IN ${RECOVERY_REQUESTS}`, j),
    raw(`DELETE FROM survey_requests WHERE purpose = 'recovery' AND ${inJson('followup_id')}`, j),
    raw(`DELETE FROM followup_events WHERE ${inJson('followup_id')}`, j),
    raw(`DELETE FROM followup_links WHERE ${inJson('followup_id')}`, j),
    raw(`DELETE FROM followup_announcements WHERE ${inJson('followup_id')}`, j),
    raw(`DELETE FROM followups WHERE ${inJson('id')}`, j),
  ];
}

/** The copies of answers sent on: queued or delivered webhook bodies and helpdesk notes. */
export function answerCopies(requestIds: readonly string[]): RawWrite[] {
  const j = JSON.stringify(requestIds);
  return [raw(keyed('webhook_deliveries', 'response.created', RESPONSES_OF_REQUESTS), j), raw(keyed('writebacks', 'response', IDS), j)];
}

/**
 * The answers to some survey requests: their rollup cells, theme phrases, events (clicks,
 * confirmations, submitted comments), pending checks, and copies in webhooks, helpdesk notes and alerts.
 * The requests stay. Tasks opened by these answers must be gone first (`deleteTasks`).
 */
export function deleteAnswers(deps: Pick<Deps, 'db' | 'config'>, requestIds: readonly string[]): Statement[] {
  const j = JSON.stringify(requestIds);
  return [
    responseCells(deps.db, deps.config.timeZone, -1, { idsJson: sql`${j}` }),
    ...answerCopies(requestIds),
    ...removePhraseCells(deps.db, deps.config.timeZone, sql`SELECT r.id FROM json_each(${j}) q JOIN responses r ON r.request_id = q.value`),
    raw(`DELETE FROM response_phrases WHERE response_id IN ${RESPONSES_OF_REQUESTS}`, j),
    raw(`DELETE FROM followup_links WHERE response_id IN ${RESPONSES_OF_REQUESTS}`, j),
    raw(`DELETE FROM followup_checks WHERE ${inJson('request_id')}`, j),
    raw(`DELETE FROM alert_checks WHERE ${inJson('request_id')}`, j),
    // An email alert's copies in the outbox are keyed `<delivery id>/<address>`: a range on the unique key.
    raw(
      `DELETE FROM outbox WHERE id IN (SELECT o.id FROM ${RESPONSES_OF_REQUESTS} k JOIN alert_deliveries d ON d.response_id = k.value
        JOIN outbox o ON o.idempotency_key > d.id || '/' AND o.idempotency_key < d.id || '0')`,
      j,
    ),
    raw(`DELETE FROM alert_deliveries WHERE response_id IN ${RESPONSES_OF_REQUESTS}`, j),
    raw(`DELETE FROM response_events WHERE ${inJson('request_id')}`, j),
    raw(`DELETE FROM responses WHERE ${inJson('request_id')}`, j),
  ];
}

/**
 * Whole interactions: their surveys' answers (as `deleteAnswers`), the surveys themselves with
 * their delivered counts, ticket links, and the link from a helpdesk delivery's log entry.
 */
export function deleteInteractions(deps: Pick<Deps, 'db' | 'config'>, interactionIds: readonly string[], requestIds: readonly string[]): Statement[] {
  const ints = JSON.stringify(interactionIds);
  const reqs = JSON.stringify(requestIds);
  return [
    ...deleteAnswers(deps, requestIds),
    sentCells(deps.db, deps.config.timeZone, -1, { idsJson: sql`${reqs}` }),
    raw(`DELETE FROM survey_requests WHERE ${inJson('id')}`, reqs),
    // The delivery's log entry keeps its outcome and ticket id (so a redelivery is still recognised), not the interaction.
    raw(`UPDATE connection_deliveries SET interaction_id = NULL WHERE ${inJson('interaction_id')}`, ints),
    raw(`DELETE FROM interaction_tickets WHERE ${inJson('interaction_id')}`, ints),
    raw(`DELETE FROM interactions WHERE ${inJson('id')}`, ints),
  ];
}
