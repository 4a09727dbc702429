// Sums of rollup cells: one cube, one grain, a span of periods, optionally split by a dimension.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import { countsOf, sumOfCountColumns, type Counts } from './cells';

export interface RollupSelection {
  cube: number;
  grain: number;
  /** '' unless the cube has the dimension. */
  channel: string;
  tag: string;
  /** Only these teams (the cube must have teams); null for any. */
  teamIds: readonly string[] | null;
  from: number;
  to: number;
  /** Split the sums by period, by a key dimension, or both. */
  by: { period: boolean; key: 'team_id' | 'channel' | 'agent_id' | null };
}

export interface CellSum {
  key: string;
  period: number;
  counts: Counts;
}

export async function sumRollups(db: Db, s: RollupSelection): Promise<CellSum[]> {
  const where: SQL[] = [
    sql`cube = ${s.cube}`,
    sql`grain = ${s.grain}`,
    sql`channel = ${s.channel}`,
    sql`tag = ${s.tag}`,
    sql`period BETWEEN ${s.from} AND ${s.to}`,
  ];
  if (s.teamIds) where.push(sql`team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`);
  const key = s.by.key ? sql.raw(s.by.key) : sql`''`;
  const period = s.by.period ? sql`period` : sql`0`;
  const groups = [s.by.period ? 'period' : null, s.by.key].filter((g) => g !== null);
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT ${key} AS k, ${period} AS p, ${sumOfCountColumns}
      FROM response_rollups
      WHERE ${sql.join(where, sql` AND `)}
      ${groups.length ? sql.raw(`GROUP BY ${groups.join(', ')}`) : sql``}`,
  );
  // Without a GROUP BY, SQLite returns one row of NULL sums when nothing matches.
  return rows.filter((r) => groups.length > 0 || r.csat_1 !== null).map((r) => ({ key: String(r.k), period: Number(r.p), counts: countsOf(r) }));
}
