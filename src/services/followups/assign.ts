// Who can take a new task, read from the database for the pure chooser in domain/followups.ts.
import { and, eq, max, sql } from 'drizzle-orm';
import { compiled } from '../../db/compiled';
import type { Deps } from '../../deps';
import { agents, followups, users, userTeams } from '../../db/schema';
import { type AssignmentRule } from '../../domain/followups';
import { chooseAssignee, type Assignee, type Candidate } from '../../domain/assignment';

/** Agents with an active agent account, by agents.id: only they can sign in and work a task. */
const withAccount = and(eq(users.email, agents.email), eq(users.active, true), eq(users.role, 'agent'));

// Every task an answer opens asks who can take it: compiled once, the lists passed as JSON.
const p = sql.placeholder;
const lastAssignedTo = (column: typeof followups.assigneeAgentId | typeof followups.assigneeUserId) =>
  compiled((db) =>
    db
      .select({ id: column, at: max(followups.openedAt) })
      .from(followups)
      .where(sql`${column} in (select value from json_each(${p('ids')}))`)
      .groupBy(column),
  );
const lastAssignedQuery = { agent: lastAssignedTo(followups.assigneeAgentId), user: lastAssignedTo(followups.assigneeUserId) };
const handlingAgentQuery = compiled((db) => db.select({ id: agents.id }).from(agents).innerJoin(users, withAccount).where(eq(agents.id, p('agentId'))));
const activeManager = and(eq(users.role, 'manager'), eq(users.active, true));
const teamManagersQuery = compiled((db) =>
  db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userTeams, eq(userTeams.userId, users.id))
    .where(and(activeManager, eq(userTeams.teamId, p('teamId')))),
);
const allTeamsManagersQuery = compiled((db) => db.select({ id: users.id }).from(users).where(and(activeManager, eq(users.allTeams, true))));

async function lastAssigned(deps: Pick<Deps, 'db'>, column: typeof followups.assigneeAgentId | typeof followups.assigneeUserId, ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const query = lastAssignedQuery[column === followups.assigneeAgentId ? 'agent' : 'user'];
  const rows = await query(deps.db).all({ ids: JSON.stringify(ids) });
  return new Map(rows.flatMap((r) => (r.id && r.at !== null ? [[r.id, r.at] as const] : [])));
}

async function candidatesOf(deps: Pick<Deps, 'db'>, column: Parameters<typeof lastAssigned>[1], ids: string[]): Promise<Candidate[]> {
  const last = await lastAssigned(deps, column, ids);
  return ids.map((id) => ({ id, lastAssignedAt: last.get(id) ?? null }));
}

/** Active managers of the team; without a team (or when it has none), managers who see every team. */
export async function teamManagers(deps: Pick<Deps, 'db'>, teamId: string | null): Promise<string[]> {
  if (teamId) {
    const rows = await teamManagersQuery(deps.db).all({ teamId });
    if (rows.length > 0) return rows.map((r) => r.id);
  }
  const all = await allTeamsManagersQuery(deps.db).all();
  return all.map((r) => r.id);
}

/** Agents of the team who can sign in, with their names, for round-robin and the reassign menu. */
export async function teamAgents(deps: Pick<Deps, 'db'>, teamId: string | null) {
  if (!teamId) return [];
  return deps.db
    .select({ id: agents.id, name: agents.name, email: agents.email })
    .from(agents)
    .innerJoin(users, withAccount)
    .where(eq(agents.teamId, teamId))
    .orderBy(agents.email);
}

export async function pickAssignee(
  deps: Pick<Deps, 'db'>,
  rule: AssignmentRule,
  handling: { agentId: string; teamId: string | null },
): Promise<Assignee | null> {
  const [agentRow] = await handlingAgentQuery(deps.db).all({ agentId: handling.agentId });
  const managers = candidatesOf(deps, followups.assigneeUserId, await teamManagers(deps, handling.teamId));
  const team =
    rule === 'round_robin'
      ? candidatesOf(deps, followups.assigneeAgentId, (await teamAgents(deps, handling.teamId)).map((a) => a.id))
      : Promise.resolve([]);
  return chooseAssignee(rule, { handlingAgent: agentRow?.id ?? null, teamAgents: await team, managers: await managers });
}

/** The email address and name of an assignee, to tell them about the task. */
export async function contactOf(deps: Pick<Deps, 'db'>, a: Assignee): Promise<{ email: string; name: string | null } | null> {
  const table = a.kind === 'agent' ? agents : users;
  const [row] = await deps.db.select({ email: table.email, name: table.name }).from(table).where(eq(table.id, a.id));
  return row ?? null;
}

export const assigneeColumns = (a: Assignee | null) => ({
  assigneeAgentId: a?.kind === 'agent' ? a.id : null,
  assigneeUserId: a?.kind === 'user' ? a.id : null,
});
