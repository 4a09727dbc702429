// Follow-up tasks still open, per agent who handled the interaction, within the visible teams.
import { sql } from 'drizzle-orm';
import type { Db } from '../../deps';

export async function countOpenFollowups(db: Db, s: { teamIds: readonly string[] | null; agentId: string | null }): Promise<Map<string, number>> {
  const rows = await db.all<{ agentId: string; n: number }>(
    sql`SELECT agent_id AS agentId, count(*) AS n FROM followups
      WHERE status IN ('open', 'in_progress')
        ${s.teamIds ? sql`AND team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))` : sql``}
        ${s.agentId !== null ? sql`AND agent_id = ${s.agentId}` : sql``}
      GROUP BY agent_id`,
  );
  return new Map(rows.map((r) => [r.agentId, r.n]));
}
