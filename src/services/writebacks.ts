// Ratings and closed follow-ups written back to the helpdesk ticket an interaction came from.
// A write-back is queued in the same atomic write as the change it reports (only for tickets whose
// connection has API credentials), then sent by runDueWork, claimed first, retried with backoff.
// A refusal of the credentials (401/403) marks the connection as needing attention and parks its
// write-backs until an admin saves new ones.
import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { connectorFor } from '../connectors';
import type { SQLiteColumn, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import { HelpdeskError, type TicketNote } from '../connectors/types';
import { bind, compiled } from '../db/compiled';
import { connections, interactionTickets, writebacks } from '../db/schema';
import type { Deps, Statement } from '../deps';
import { STATUS_LABELS, type ClosingStatus } from '../domain/followups';
import { isRetryableStatus, WEBHOOK_MAX_ATTEMPTS, webhookRetryDelay } from '../domain/webhooks';
import { answerNote, followupNote } from '../domain/ticketNote';
import { en } from '../i18n/en';
import { attentionStatement, connectionInfo } from './connections';
import { drain } from './drain';
import { helpdeskFetch, isAuthFailure } from './helpdeskApi';
import type { SurveyContext } from './respond';

const CLAIM_TTL = 2 * 60_000;
const BATCH = 10;
const MAX_PER_RUN = 200;

const p = sql.placeholder;

const writable = sql`c.api_url is not null and c.api_token is not null`;

/** Whether the interaction's ticket is on a connection that can write back: read with the survey, so most answers build no note. */
export const writableTicket = (interactionId: SQLiteColumn) =>
  sql<number>`exists (select 1 from ${interactionTickets} t join ${connections} c on c.id = t.connection_id
    where t.interaction_id = ${interactionId} and ${writable})`;

// Columns in table order, as insert ... select requires; nothing when the ticket's connection cannot write.
const queueQuery = compiled((db) =>
  db
    .insert(writebacks)
    .select(
      sql`select ${p('id')}, t.connection_id, t.ticket_id, ${p('payload')}, 'pending', 0, ${p('now')}, null, null, null, ${p('now')}, null, null
      from ${interactionTickets} t join ${connections} c on c.id = t.connection_id
      where t.interaction_id = ${p('interactionId')} and ${writable}`,
    )
    .onConflictDoNothing(),
);

/** Queues a note for the ticket of an interaction; `id` is stable per happening, so queuing twice does nothing. */
export function queueWriteback(deps: Pick<Deps, 'db'>, w: { id: string; interactionId: string; note: TicketNote; now: number }): Statement {
  return bind(queueQuery(deps.db), { id: w.id, interactionId: w.interactionId, payload: JSON.stringify(w.note), now: w.now });
}

/**
 * The write-back of an answer being stored, for saveAnswer's atomic write: one per counted answer
 * that is new or differs from what was counted before. A flagged (scanner) confirmation never writes.
 */
export function answerWritebacks(
  deps: Pick<Deps, 'db' | 'config'>,
  ctx: SurveyContext,
  answer: { score: number; comment: string | null | undefined; flagged: boolean },
  now: number,
): Statement[] {
  if (answer.flagged || ctx.purpose !== 'survey' || !ctx.writesBack) return [];
  const before = ctx.response && !ctx.response.flagged ? ctx.response : null;
  const comment = answer.comment === undefined ? (ctx.response?.comment ?? null) : answer.comment;
  if (before && before.score === answer.score && before.comment === comment) return [];
  const note = answerNote({
    survey: ctx.survey,
    score: answer.score,
    comment,
    question: en.scales[ctx.survey].question(ctx.agentName),
    link: `${deps.config.publicUrl}/agents/${encodeURIComponent(ctx.agentId)}`,
    changed: before !== null,
  });
  return [queueWriteback(deps, { id: `response/${ctx.requestId}/${now}`, interactionId: ctx.interactionId, note, now })];
}

/** The write-back of a follow-up task closing (each closing of a reopened task is its own). */
export function followupWriteback(
  deps: Pick<Deps, 'db' | 'config'>,
  task: { id: string; interactionId: string },
  closed: { status: ClosingStatus; outcome: string; by: string },
  now: number,
): Statement {
  const note = followupNote({
    status: STATUS_LABELS[closed.status],
    outcome: closed.outcome,
    closedBy: closed.by,
    link: `${deps.config.publicUrl}/follow-ups/${encodeURIComponent(task.id)}`,
  });
  return queueWriteback(deps, { id: `followup/${task.id}/${now}`, interactionId: task.interactionId, note, now });
}

// ---- delivery ----

async function claimDue(deps: Pick<Deps, 'db'>, now: number) {
  const due = and(
    or(
      and(eq(writebacks.status, 'pending'), lte(writebacks.nextAttemptAt, now)),
      and(eq(writebacks.status, 'sending'), lte(writebacks.claimedUntil, now)),
    ),
    // Parked while the connection's credentials are refused.
    inArray(writebacks.connectionId, deps.db.select({ id: connections.id }).from(connections).where(isNull(connections.attention))),
  );
  const ids = deps.db.select({ id: writebacks.id }).from(writebacks).where(due).orderBy(writebacks.nextAttemptAt).limit(BATCH);
  return deps.db
    .update(writebacks)
    .set({ status: 'sending', claimedUntil: now + CLAIM_TTL, attempts: sql`${writebacks.attempts} + 1` })
    .where(and(inArray(writebacks.id, ids), due))
    .returning({ id: writebacks.id, connectionId: writebacks.connectionId, ticketId: writebacks.ticketId, payload: writebacks.payload, attempts: writebacks.attempts });
}

type Claim = Awaited<ReturnType<typeof claimDue>>[number];
type Outcome = 'done' | 'retried' | 'failed' | 'paused';

interface Sent {
  status: number | null;
  error: string | null;
  label: string;
  /** Nothing to send with: trying again cannot help. */
  final?: boolean;
}

async function send(deps: Pick<Deps, 'db'>, c: Claim, fetchImpl: typeof fetch): Promise<Sent> {
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, c.connectionId));
  const connector = row ? connectorFor(row.provider) : null;
  if (!row || !connector) return { status: null, error: 'the connection no longer exists', label: 'Helpdesk', final: true };
  if (!row.apiUrl || !row.apiToken) return { status: null, error: 'the connection has no API credentials', label: connector.label, final: true };
  try {
    await helpdeskFetch(fetchImpl)(connector.writeBack(connectionInfo(row), c.ticketId, JSON.parse(c.payload) as TicketNote));
    return { status: 200, error: null, label: connector.label };
  } catch (error) {
    if (error instanceof HelpdeskError) return { status: error.status, error: error.message, label: connector.label };
    // The call could not even be built from what is stored: trying again would fail the same way.
    return { status: null, error: String(error).slice(0, 300), label: connector.label, final: true };
  }
}

async function deliverOne(deps: Pick<Deps, 'db' | 'atomic'>, c: Claim, now: number, fetchImpl: typeof fetch): Promise<Outcome> {
  const r = await send(deps, c, fetchImpl);
  const mine = and(eq(writebacks.id, c.id), eq(writebacks.status, 'sending'));
  const finish = (set: SQLiteUpdateSetSource<typeof writebacks>) =>
    deps.db.update(writebacks).set({ claimedUntil: null, responseStatus: r.status, error: r.error, lastAttemptAt: now, ...set }).where(mine);
  if (r.error === null) {
    await finish({ status: 'done', doneAt: now });
    return 'done';
  }
  if (isAuthFailure(new HelpdeskError(r.status, r.error))) {
    // Not an attempt that counts: it goes out once the credentials are fixed.
    await deps.atomic([
      finish({ status: 'pending', attempts: sql`${writebacks.attempts} - 1`, nextAttemptAt: now }),
      attentionStatement(deps, c.connectionId, `${r.label} refused the API credentials (HTTP ${r.status}) when writing to ticket ${c.ticketId}: save a new API token.`, now),
    ]);
    return 'paused';
  }
  if (!r.final && isRetryableStatus(r.status) && c.attempts < WEBHOOK_MAX_ATTEMPTS) {
    await finish({ status: 'pending', nextAttemptAt: now + webhookRetryDelay(c.attempts) });
    return 'retried';
  }
  await finish({ status: 'failed' });
  return 'failed';
}

export interface WritebackReport {
  done: number;
  retried: number;
  failed: number;
  /** Held back because the helpdesk refused the connection's credentials. */
  paused: number;
}

/** Sends what is due. Safe to run from several places at once: each write-back is claimed first. */
export async function deliverWritebacks(deps: Pick<Deps, 'db' | 'atomic'>, now: number, fetchImpl: typeof fetch = fetch): Promise<WritebackReport> {
  const report: WritebackReport = { done: 0, retried: 0, failed: 0, paused: 0 };
  return drain(() => claimDue(deps, now), (c) => deliverOne(deps, c, now, fetchImpl), report, MAX_PER_RUN);
}
