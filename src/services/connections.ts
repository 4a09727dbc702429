// Helpdesk connections: the accounts Heard receives closed tickets from and writes ratings back to.
import { desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { connectionDeliveries, connections, teams, type Provider } from '../db/schema';
import { randomToken } from '../security/crypto';
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

/** `https://acme.zendesk.com/agent/tickets/{id}` with the ticket id filled in; null without a template. */
export function ticketLink(template: string | null, ticketId: string): string | null {
  return template ? template.replaceAll('{id}', encodeURIComponent(ticketId)) : null;
}

function teamStatements(deps: Pick<Deps, 'db' | 'newId' | 'clock'>, team: string | null | undefined) {
  if (!team) return { statements: [], teamId: null };
  return {
    statements: [deps.db.insert(teams).values({ id: deps.newId(), name: team, createdAt: deps.clock() }).onConflictDoNothing()],
    teamId: sql`(select ${teams.id} from ${teams} where ${teams.name} = ${team})`,
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
      // drizzle accepts a sub-select for a column value; typed as the column's type.
      teamId: team.teamId as unknown as string | null,
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

export async function recentConnectionDeliveries(deps: Pick<Deps, 'db'>, connectionId: string, limit = 50) {
  return deps.db
    .select()
    .from(connectionDeliveries)
    .where(eq(connectionDeliveries.connectionId, connectionId))
    .orderBy(desc(connectionDeliveries.receivedAt), desc(connectionDeliveries.id))
    .limit(limit);
}

/** What connectors get to see of a connection. */
export function connectionInfo(c: typeof connections.$inferSelect): ConnectionInfo {
  return { id: c.id, provider: c.provider, secret: c.secret, apiUrl: c.apiUrl, apiUser: c.apiUser, apiToken: c.apiToken };
}

/** Marks a connection whose stored credentials the helpdesk refused; saving new ones clears it. */
export function attentionStatement(deps: Pick<Deps, 'db'>, connectionId: string, reason: string, now: number) {
  return deps.db.update(connections).set({ attention: reason.slice(0, 300), updatedAt: now }).where(eq(connections.id, connectionId));
}
