// Sums of rollup cells: one cube, one grain, a span of periods, optionally split by period and/or
// one dimension.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import { cellOf, sumOfCountColumns, type CellSum } from './cells';

export interface RollupSelection {
  cube: number;
  grain: number;
  /** '' unless the cube has the dimension; null for any (when splitting by it). */
  channel: string | null;
  tag: string;
  /** Only these teams (the cube must have teams); null for any. */
  teamIds: readonly string[] | null;
  from: number;
  to: number;
  by: { period: boolean; key: 'team_id' | 'channel' | 'agent_id' | null };
}

export async function sumRollups(db: Db, s: RollupSelection): Promise<CellSum[]> {
  const where: SQL[] = [
    sql`cube = ${s.cube}`,
    sql`grain = ${s.grain}`,
    sql`tag = ${s.tag}`,
    sql`period BETWEEN ${s.from} AND ${s.to}`,
  ];
  if (s.channel !== null) where.push(sql`channel = ${s.channel}`);
  if (s.teamIds) where.push(sql`team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`);
  const groups = [s.by.period ? 'period' : null, s.by.key].filter((g) => g !== null);
  const rows = await db.values<unknown[]>(
    sql`SELECT ${s.by.key ? sql.raw(s.by.key) : sql`''`}, ${s.by.period ? sql`period` : sql`0`}, ${sumOfCountColumns}
      FROM response_rollups
      WHERE ${sql.join(where, sql` AND `)}
      ${groups.length ? sql.raw(`GROUP BY ${groups.join(', ')}`) : sql``}`,
  );
  // Without a GROUP BY, SQLite answers one row of NULL sums when nothing matches.
  return rows.filter((r) => groups.length > 0 || r[2] !== null).map(cellOf);
}
