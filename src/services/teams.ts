// Teams: made by admins here, or on first sight at ingest (the `team` field).
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../deps';
import { agents, teams, users, userTeams } from '../db/schema';
import { err, ok, type Result } from '../domain/result';
import { auditStatement } from './audit';

/** The same limits ingest applies to the `team` field, so a team made here can also arrive there. */
export const ZTeamName = z.string().trim().min(1, 'Enter a team name.').max(100, 'Use at most 100 characters.');

export async function teamNames(deps: Pick<Deps, 'db'>): Promise<Map<string, string>> {
  const rows = await deps.db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface TeamRow {
  id: string;
  name: string;
  agents: number;
  managers: number;
  createdAt: number;
}

export async function listTeams(deps: Pick<Deps, 'db'>): Promise<TeamRow[]> {
  const agentCount = deps.db.select({ teamId: agents.teamId, n: count().as('agent_n') }).from(agents).groupBy(agents.teamId).as('a');
  const managerCount = deps.db
    .select({ teamId: userTeams.teamId, n: count().as('manager_n') })
    .from(userTeams)
    .innerJoin(users, eq(users.id, userTeams.userId))
    .where(eq(users.active, true))
    .groupBy(userTeams.teamId)
    .as('m');
  return deps.db
    .select({
      id: teams.id,
      name: teams.name,
      createdAt: teams.createdAt,
      agents: sql<number>`coalesce(${agentCount.n}, 0)`,
      managers: sql<number>`coalesce(${managerCount.n}, 0)`,
    })
    .from(teams)
    .leftJoin(agentCount, eq(agentCount.teamId, teams.id))
    .leftJoin(managerCount, eq(managerCount.teamId, teams.id))
    .orderBy(asc(teams.name));
}

export async function createTeam(
  deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>,
  actorId: string,
  name: string,
): Promise<Result<{ id: string }, 'exists'>> {
  const [existing] = await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (existing) return err('exists');
  const id = deps.newId();
  try {
    await deps.atomic([
      deps.db.insert(teams).values({ id, name, createdAt: deps.clock() }),
      auditStatement(deps, { actorId, action: 'team.created', target: name }),
    ]);
  } catch (error) {
    // Ingest made the same team a moment ago.
    const [raced] = await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
    if (raced) return err('exists');
    throw error;
  }
  return ok({ id });
}
