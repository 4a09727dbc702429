// Agents a dashboard lists: those currently in the visible teams (or one agent), plus any others
// named in `withIds` (agents with answers in those teams who have since moved).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';

export interface AgentRow {
  id: string;
  name: string | null;
  email: string;
  teamId: string | null;
  teamName: string | null;
}

export async function findAgents(
  db: Db,
  s: { teamIds: readonly string[] | null; agentId: string | null; withIds: readonly string[] },
): Promise<AgentRow[]> {
  const member: SQL[] = [];
  if (s.agentId !== null) member.push(sql`a.id = ${s.agentId}`);
  if (s.teamIds) member.push(sql`a.team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`);
  const inScope = member.length ? sql.join(member, sql` AND `) : sql`1`;
  return db.all<AgentRow>(
    sql`SELECT a.id, a.name, a.email, a.team_id AS teamId, t.name AS teamName
      FROM agents a LEFT JOIN teams t ON t.id = a.team_id
      WHERE (${inScope}) OR a.id IN (SELECT value FROM json_each(${JSON.stringify(s.withIds)}))`,
  );
}
