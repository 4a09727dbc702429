// Helpdesk connections: the accounts Heard receives closed tickets from and writes ratings back to.
import { desc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { connectionDeliveries, connections, teams, type Provider } from '../db/schema';
import { randomToken } from '../security/crypto';
import { auditStatement } from './audit';

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
    teamId: deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, team)),
  };
}

export async function createConnection(deps: Deps, actorId: string | null, input: ConnectionInput): Promise<Connection> {
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
