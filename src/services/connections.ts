// Helpdesk connections: the accounts Heard receives closed tickets from and writes ratings back to.
import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import {
  connectionDeliveries,
  connections,
  interactions,
  interactionTickets,
  teams,
  writebacks,
  type DeliveryOutcome,
  type Provider,
} from '../db/schema';
import { randomToken } from '../security/crypto';
import { ticketUrlOf } from '../domain/ticketLinks';
import { auditStatement } from './audit';
import type { ConnectionInfo } from '../connectors/types';

export interface ConnectionInput {
  provider: Provider;
  name: string;
  /** The helpdesk's signing secret; Heard generates one when none is given. */
  secret?: string | null;
  apiUrl?: string | null;
  apiUser?: string | null;
  apiToken?: string | null;
  /** Team name; created when it does not exist yet. */
  team?: string | null;
  ticketUrl?: string | null;
}

export type Connection = typeof connections.$inferSelect & { team: string | null };

/** Where the helpdesk sends its webhooks. */
export function webhookUrl(publicUrl: string, c: { provider: Provider; id: string }): string {
  return `${publicUrl}/hooks/${c.provider}/${c.id}`;
}

function teamStatements(deps: Pick<Deps, 'db' | 'newId' | 'clock'>, team: string | null | undefined) {
  if (!team) return { statements: [], teamId: null };
  return {
    statements: [deps.db.insert(teams).values({ id: deps.newId(), name: team, createdAt: deps.clock() }).onConflictDoNothing()],
    // A sub-select in the same atomic batch, so the team made just before is found.
    teamId: sql<string>`(SELECT ${teams.id} FROM ${teams} WHERE ${teams.name} = ${team})`,
  };
}

export async function createConnection(deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>, actorId: string | null, input: ConnectionInput): Promise<Connection> {
  const id = `cn_${randomToken(9)}`;
  const now = deps.clock();
  const team = teamStatements(deps, input.team);
  await deps.atomic([
    ...team.statements,
    deps.db.insert(connections).values({
      id,
      provider: input.provider,
      name: input.name,
      secret: input.secret || randomToken(24),
      apiUrl: input.apiUrl?.replace(/\/+$/, '') || null,
      apiUser: input.apiUser || null,
      apiToken: input.apiToken || null,
      teamId: team.teamId,
      ticketUrl: input.ticketUrl || null,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(deps, { actorId, action: 'connection.created', target: input.name, detail: input.provider }),
  ]);
  const created = await getConnection(deps, id);
  if (!created) throw new Error('connection vanished after insert');
  return created;
}

export async function getConnection(deps: Pick<Deps, 'db'>, id: string): Promise<Connection | null> {
  const [row] = await deps.db
    .select({ c: connections, team: teams.name })
    .from(connections)
    .leftJoin(teams, eq(teams.id, connections.teamId))
    .where(eq(connections.id, id));
  return row ? { ...row.c, team: row.team } : null;
}

export async function listConnections(deps: Pick<Deps, 'db'>): Promise<Connection[]> {
  const rows = await deps.db
    .select({ c: connections, team: teams.name })
    .from(connections)
    .leftJoin(teams, eq(teams.id, connections.teamId))
    .orderBy(desc(connections.createdAt));
  return rows.map((r) => ({ ...r.c, team: r.team }));
}

/** What connectors get to see of a connection. */
export function connectionInfo(c: typeof connections.$inferSelect): ConnectionInfo {
  return { id: c.id, provider: c.provider, secret: c.secret, apiUrl: c.apiUrl, apiUser: c.apiUser, apiToken: c.apiToken };
}

/**
 * Marks a connection whose stored credentials the helpdesk refused; saving new ones clears it.
 * Entering the state (not each refusal after it) also queues the admins' email (connectionAttention.ts).
 */
export function attentionStatement(deps: Pick<Deps, 'db'>, connectionId: string, reason: string, now: number) {
  const entering = sql`${connections.attention} IS NULL`;
  return deps.db
    .update(connections)
    .set({
      attention: reason.slice(0, 300),
      attentionSince: sql`CASE WHEN ${entering} THEN ${now} ELSE ${connections.attentionSince} END`,
      attentionEmailAt: sql`CASE WHEN ${entering} THEN ${now} ELSE ${connections.attentionEmailAt} END`,
      updatedAt: now,
    })
    .where(eq(connections.id, connectionId));
}

/** What the integration page's edit form saves. Empty credentials keep what is stored. */
export interface ConnectionChange {
  name: string;
  /** A new signing secret; null keeps the current one. */
  secret: string | null;
  /** Null removes the API credentials altogether: Heard then only receives. */
  apiUrl: string | null;
  apiUser: string | null;
  /** A new token; null keeps the stored one. */
  apiToken: string | null;
  team: string | null;
  ticketUrl: string | null;
}

const CHANGE_WORDS = { name: 'name', secret: 'secret', apiUrl: 'API URL', apiUser: 'API user', apiToken: 'API token', ticketUrl: 'ticket URL' } as const;

/**
 * Saves the form; new API credentials clear the "needs attention" mark the helpdesk's refusal set.
 * The audit entry names the fields that changed, never their values.
 */
export async function updateConnection(deps: Deps, actorId: string | null, id: string, change: ConnectionChange): Promise<Connection | null> {
  const before = await getConnection(deps, id);
  if (!before) return null;
  const apiUrl = change.apiUrl?.replace(/\/+$/, '') || null;
  const next = {
    name: change.name,
    secret: change.secret || before.secret,
    apiUrl,
    apiUser: apiUrl ? change.apiUser || null : null,
    apiToken: apiUrl ? change.apiToken || before.apiToken : null,
    ticketUrl: change.ticketUrl || null,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
  const credentials = changed.some((k) => k === 'apiUrl' || k === 'apiUser' || k === 'apiToken');
  const words: string[] = changed.map((k) => CHANGE_WORDS[k]);
  if ((change.team || null) !== before.team) words.push('team');
  const team = teamStatements(deps, change.team);
  await deps.atomic([
    ...team.statements,
    deps.db
      .update(connections)
      .set({
        ...next,
        teamId: team.teamId,
        ...(credentials ? { attention: null, attentionSince: null, attentionEmailAt: null } : {}),
        updatedAt: deps.clock(),
      })
      .where(eq(connections.id, id)),
    auditStatement(deps, { actorId, action: 'connection.updated', target: change.name, detail: words.join(', ') || 'nothing changed' }),
  ]);
  return getConnection(deps, id);
}

/**
 * Removes the connection with its delivery log, queued write-backs and ticket links: its
 * interactions and answers stay, they just no longer point at a ticket.
 */
export async function deleteConnection(deps: Deps, actorId: string | null, id: string): Promise<boolean> {
  const conn = await getConnection(deps, id);
  if (!conn) return false;
  await deps.atomic([
    deps.db.delete(connectionDeliveries).where(eq(connectionDeliveries.connectionId, id)),
    deps.db.delete(writebacks).where(eq(writebacks.connectionId, id)),
    deps.db.delete(interactionTickets).where(eq(interactionTickets.connectionId, id)),
    deps.db.delete(connections).where(eq(connections.id, id)),
    auditStatement(deps, { actorId, action: 'connection.deleted', target: conn.name, detail: conn.provider }),
  ]);
  return true;
}

export type ConnectionSummary = Connection & {
  lastDelivery: { outcome: DeliveryOutcome; receivedAt: number; reason: string | null } | null;
};

/** Every connection with its newest delivery, for the integrations list. */
export async function listConnectionSummaries(deps: Pick<Deps, 'db'>): Promise<ConnectionSummary[]> {
  const all = await listConnections(deps);
  if (all.length === 0) return [];
  const latest = deps.db
    .select({ connectionId: connectionDeliveries.connectionId, at: max(connectionDeliveries.receivedAt).as('at') })
    .from(connectionDeliveries)
    .groupBy(connectionDeliveries.connectionId)
    .as('latest');
  const rows = await deps.db
    .select({
      connectionId: connectionDeliveries.connectionId,
      outcome: connectionDeliveries.outcome,
      receivedAt: connectionDeliveries.receivedAt,
      reason: connectionDeliveries.reason,
    })
    .from(connectionDeliveries)
    .innerJoin(latest, and(eq(latest.connectionId, connectionDeliveries.connectionId), eq(latest.at, connectionDeliveries.receivedAt)));
  const last = new Map(rows.map((r) => [r.connectionId, { outcome: r.outcome, receivedAt: r.receivedAt, reason: r.reason }]));
  return all.map((c) => ({ ...c, lastDelivery: last.get(c.id) ?? null }));
}

/** The connection's newest deliveries, with the interaction each became (for links to its answers). */
export async function deliveryLog(deps: Pick<Deps, 'db'>, connectionId: string, limit = 50) {
  const rows = await deps.db
    .select({
      ticketTemplate: connections.ticketUrl,
      id: connectionDeliveries.id,
      event: connectionDeliveries.event,
      outcome: connectionDeliveries.outcome,
      reason: connectionDeliveries.reason,
      ticketId: connectionDeliveries.ticketId,
      receivedAt: connectionDeliveries.receivedAt,
      interactionId: connectionDeliveries.interactionId,
      agentId: interactions.agentId,
      closedAt: interactions.closedAt,
    })
    .from(connectionDeliveries)
    .innerJoin(connections, eq(connections.id, connectionDeliveries.connectionId))
    .leftJoin(interactions, eq(interactions.id, connectionDeliveries.interactionId))
    .where(eq(connectionDeliveries.connectionId, connectionId))
    .orderBy(desc(connectionDeliveries.receivedAt), desc(connectionDeliveries.id))
    .limit(limit);
  return rows.map(({ ticketTemplate, ...r }) => ({ ...r, ticketUrl: ticketUrlOf({ ticketId: r.ticketId, ticketTemplate }) }));
}
export type DeliveryLogRow = Awaited<ReturnType<typeof deliveryLog>>[number];

/** The connection's newest write-backs: what was queued, how often it was tried, and the last error. */
export async function recentWritebacks(deps: Pick<Deps, 'db'>, connectionId: string, limit = 50) {
  return deps.db
    .select({
      id: writebacks.id,
      ticketId: writebacks.ticketId,
      status: writebacks.status,
      attempts: writebacks.attempts,
      responseStatus: writebacks.responseStatus,
      error: writebacks.error,
      createdAt: writebacks.createdAt,
      nextAttemptAt: writebacks.nextAttemptAt,
      doneAt: writebacks.doneAt,
    })
    .from(writebacks)
    .where(eq(writebacks.connectionId, connectionId))
    .orderBy(desc(writebacks.createdAt), desc(writebacks.id))
    .limit(limit);
}
export type WritebackRow = Awaited<ReturnType<typeof recentWritebacks>>[number];
