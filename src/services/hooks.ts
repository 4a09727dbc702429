// A helpdesk's webhook arrives: verify it, read it, fill in what it names only by id, and ingest
// the closed ticket as an interaction, recording every delivery (accepted, ignored or rejected) once.
import { and, eq } from 'drizzle-orm';
import { connectorFor } from '../connectors';
import { HelpdeskError, type ClosedTicket, type Connector, type ConnectionInfo } from '../connectors/types';
import { connectionDeliveries, interactionTickets, type DeliveryOutcome } from '../db/schema';
import type { Deps, Statement } from '../deps';
import { err, ok, type Result } from '../domain/result';
import { sha256Hex } from '../security/crypto';
import { attentionStatement, connectionInfo, getConnection, type Connection } from './connections';
import { helpdeskFetch, isAuthFailure } from './helpdeskApi';
import { ingestInteraction, ZInteractionInput, type TInteractionInput } from './ingest';

export interface HookAnswer {
  status: number;
  body: string;
  contentType: string;
}

const problem = (status: number, title: string, detail: string): HookAnswer => ({
  status,
  body: JSON.stringify({ type: 'about:blank', title, status, detail }),
  contentType: 'application/problem+json',
});

type Delivery = typeof connectionDeliveries.$inferSelect;

/** The same answer for a delivery and for every retry of it: built from the stored row alone. */
const answerFor = (d: Delivery): HookAnswer => ({
  status: 200,
  body: JSON.stringify({ outcome: d.outcome, reason: d.reason, ticketId: d.ticketId, interactionId: d.interactionId }),
  contentType: 'application/json',
});

interface DeliveryFacts {
  dedupeKey: string;
  event: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  ticketId: string | null;
  interactionId?: string | null;
}

function deliveryStatement(deps: Pick<Deps, 'db' | 'newId'>, connectionId: string, d: DeliveryFacts, now: number): Statement {
  return deps.db
    .insert(connectionDeliveries)
    .values({
      id: deps.newId(),
      connectionId,
      dedupeKey: d.dedupeKey,
      event: d.event.slice(0, 100),
      outcome: d.outcome,
      reason: d.reason?.slice(0, 500) ?? null,
      ticketId: d.ticketId?.slice(0, 200) ?? null,
      interactionId: d.interactionId ?? null,
      receivedAt: now,
    })
    .onConflictDoNothing();
}

async function findDelivery(deps: Pick<Deps, 'db'>, connectionId: string, dedupeKey: string) {
  const [row] = await deps.db
    .select()
    .from(connectionDeliveries)
    .where(and(eq(connectionDeliveries.connectionId, connectionId), eq(connectionDeliveries.dedupeKey, dedupeKey)));
  return row ?? null;
}

/** Writes the delivery (unless a racing retry already did) and answers from what is stored. */
async function settle(deps: Deps, connectionId: string, d: DeliveryFacts, now: number, also: Statement[] = []): Promise<HookAnswer> {
  await deps.atomic([...also, deliveryStatement(deps, connectionId, d, now)]);
  const stored = await findDelivery(deps, connectionId, d.dedupeKey);
  if (!stored) throw new Error('delivery vanished after insert');
  return answerFor(stored);
}

/** Keys come from the payload: a long one is stored as its hash. */
const keyOf = async (key: string) => (key.length <= 200 ? key : `sha256:${await sha256Hex(key)}`);

const LOCALE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;
const clip = (s: string | undefined, n: number) => (s ? s.slice(0, n) : undefined);

/**
 * The interaction a closed ticket becomes. Its externalId is provider, connection, ticket and the
 * closing time: retries of one closing share it, a ticket reopened and closed again gets a new one.
 */
function interactionFrom(conn: Connection, t: ClosedTicket): Result<TInteractionInput, string> {
  const lookedUp = (p: { id?: string }, who: string) => (p.id ? ` (${who} ${p.id} has none in the helpdesk either)` : '');
  if (!t.customer.email) return err(`no customer email in the payload${lookedUp(t.customer, 'customer')}`);
  if (!t.agent.email) return err(`no agent email in the payload${lookedUp(t.agent, 'agent')}: is the ticket assigned?`);
  const parsed = ZInteractionInput.safeParse({
    externalId: `${conn.provider}:${conn.id}:${t.ticketId}:${t.closedAt}`,
    customer: {
      email: t.customer.email,
      name: clip(t.customer.name, 200),
      locale: t.customer.locale && LOCALE.test(t.customer.locale) ? t.customer.locale : undefined,
    },
    agent: { email: t.agent.email, name: clip(t.agent.name, 200) },
    team: clip(t.team?.name, 100) ?? conn.team ?? undefined,
    channel: t.channel,
    closedAt: new Date(t.closedAt).toISOString(),
    tags: t.tags,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err(`${issue.path.join('.') || 'payload'}: ${issue.message}`);
  }
  return ok(parsed.data);
}

const needsLookup = (t: ClosedTicket) => !t.customer.email || !t.agent.email || Boolean(t.team?.id && !t.team.name);

type Filled = Result<ClosedTicket, { transient: boolean; reason: string }>;

async function fillIn(connector: Connector, conn: ConnectionInfo, t: ClosedTicket, fetchImpl: typeof fetch): Promise<Filled> {
  if (!connector.lookup || !needsLookup(t) || !conn.apiUrl || !conn.apiToken) return ok(t);
  try {
    return ok(await connector.lookup(conn, t, helpdeskFetch(fetchImpl)));
  } catch (error) {
    if (!(error instanceof HelpdeskError)) throw error;
    // Someone the helpdesk does not know: the mapping says what is missing.
    if (error.status === 404) return ok(t);
    const reason = `${connector.label} look-up failed: ${error.message}`;
    return err({ transient: !isAuthFailure(error), reason });
  }
}

export async function receiveHook(
  deps: Deps,
  provider: string,
  connectionId: string,
  hook: { headers: Headers; rawBody: string },
  fetchImpl: typeof fetch = fetch,
): Promise<HookAnswer> {
  const connector = connectorFor(provider);
  const conn = connector ? await getConnection(deps, connectionId) : null;
  if (!connector || !conn || conn.provider !== provider) return problem(404, 'Unknown connection', 'No helpdesk connection has this webhook URL.');
  const info = connectionInfo(conn);
  const now = deps.clock();
  const inbound = { ...hook, now };

  // Nothing is stored for a request that does not prove it comes from the helpdesk.
  const verified = await connector.verify(info, inbound);
  if (!verified.ok) return problem(401, 'Signature check failed', verified.error);

  const parsed = connector.parse(inbound);
  if (!parsed.ok) {
    const dedupeKey = `unreadable:${await sha256Hex(hook.rawBody)}`;
    return settle(deps, conn.id, { dedupeKey, event: 'unreadable', outcome: 'rejected', reason: parsed.error, ticketId: null }, now);
  }
  const p = parsed.value;
  if (p.kind === 'challenge') return { status: 200, body: p.body, contentType: p.contentType };

  const dedupeKey = await keyOf(p.dedupeKey);
  const earlier = await findDelivery(deps, conn.id, dedupeKey);
  if (earlier) return answerFor(earlier);
  if (p.kind === 'ignored') return settle(deps, conn.id, { dedupeKey, event: p.event, outcome: 'ignored', reason: p.reason, ticketId: null }, now);

  const base = { dedupeKey, event: p.event, ticketId: p.ticket.ticketId };
  const filled = await fillIn(connector, info, p.ticket, fetchImpl);
  if (!filled.ok && filled.error.transient) {
    // Nothing stored: the helpdesk retries, and the look-up may work then.
    return problem(503, 'Helpdesk look-up failed', `${filled.error.reason}; retry later.`);
  }
  if (!filled.ok) {
    return settle(deps, conn.id, { ...base, outcome: 'rejected', reason: filled.error.reason }, now, [
      attentionStatement(deps, conn.id, `${filled.error.reason}: save a new API token.`, now),
    ]);
  }
  const input = interactionFrom(conn, filled.value);
  if (!input.ok) return settle(deps, conn.id, { ...base, outcome: 'rejected', reason: input.error }, now);

  const ticketId = filled.value.ticketId;
  const ingested = await ingestInteraction(deps, input.value, (interactionId) => [
    deliveryStatement(deps, conn.id, { ...base, outcome: 'accepted', reason: null, interactionId }, now),
    deps.db.insert(interactionTickets).values({ interactionId, connectionId: conn.id, ticketId }).onConflictDoNothing(),
  ]);
  if (ingested.created) return answerFor((await findDelivery(deps, conn.id, dedupeKey))!);
  // The same closing arrived before under another delivery key (or a racing retry won).
  return settle(deps, conn.id, { ...base, outcome: 'accepted', reason: 'already received: same ticket and closing time', interactionId: ingested.interaction.id }, now);
}
