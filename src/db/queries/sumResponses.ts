// Sums of counted responses straight from the responses table, in the same shape as rollup cells.
// Used where that is cheaper than a rollup: one agent's numbers, and the few days at the edges of
// a range that the agent rollups do not cover. SQLite only counts per (key, day, survey, score);
// spreading those counts over the cell's columns is cheaper here than 26 conditional sums per row.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import type { OffsetSpan } from '../../domain/timeZone';
import type { SurveyKind } from '../../domain/surveys';
import { at, emptyCounts, type CellSum } from './cells';
import { localDaySql } from './localDay';

export interface RawSelection {
  /** Epoch ms, [start, end). */
  start: number;
  end: number;
  /** The reporting zone's offsets over [start, end), for local days. */
  spans: readonly OffsetSpan[];
  teamIds: readonly string[] | null;
  agentId: string | null;
  /** Only these agents (null: all). */
  agentIds?: readonly string[] | null;
  channel: string | null;
  tag: string | null;
  /** Split by local day (period = day number), by a key dimension, or both. */
  by: { day: boolean; key: 'team_id' | 'channel' | 'agent_id' | null };
}

/** Conditions on the interaction facts, for a table aliased `alias` (responses or interactions). */
export function factFilters(alias: 'r' | 'i', s: Pick<RawSelection, 'teamIds' | 'agentId' | 'agentIds' | 'channel' | 'tag'>): SQL[] {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  const where: SQL[] = [];
  if (s.agentId !== null) where.push(sql`${col('agent_id')} = ${s.agentId}`);
  if (s.agentIds) where.push(sql`${col('agent_id')} IN (SELECT value FROM json_each(${JSON.stringify(s.agentIds)}))`);
  if (s.teamIds) where.push(sql`${col('team_id')} IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`);
  if (s.channel !== null) where.push(sql`${col('channel')} = ${s.channel}`);
  if (s.tag !== null) where.push(sql`EXISTS (SELECT 1 FROM json_each(i.tags) WHERE value = ${s.tag})`);
  return where;
}

/**
 * The interactions join, which only a tag filter needs (factFilters reads `i.tags`): one look-up per answer saved otherwise.
 * `cross` keeps the answers the outer loop (a CROSS JOIN), where SQLite might otherwise start from every interaction.
 */
export function tagJoin(s: Pick<RawSelection, 'tag'>, cross = false): SQL {
  return s.tag !== null ? sql`${sql.raw(cross ? 'CROSS JOIN' : 'JOIN')} interactions i ON i.id = r.interaction_id` : sql``;
}

/** Rows of `[key, day, ...]` with a count last, folded into one cell per (key, day). */
export function fold(rows: unknown[][], place: (row: unknown[]) => number[]): CellSum[] {
  const cells = new Map<string, CellSum>();
  for (const row of rows) {
    const id = `${String(row[1])}\u0000${String(row[0] ?? '')}`;
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { key: String(row[0] ?? ''), period: Number(row[1]), counts: emptyCounts() }));
    const n = Number(row[row.length - 1]);
    for (const i of place(row)) cell.counts[i]! += n;
  }
  return [...cells.values()];
}

export async function sumResponses(db: Db, s: RawSelection): Promise<CellSum[]> {
  const key = s.by.key ? sql.raw(`r.${s.by.key}`) : sql`''`;
  const day = s.by.day ? localDaySql(sql`r.created_at`, s.spans) : sql`0`;
  const where = [sql`r.flagged = 0`, sql`r.created_at >= ${s.start}`, sql`r.created_at < ${s.end}`, ...factFilters('r', s)];
  const rows = await db.values<unknown[]>(
    sql`SELECT ${key}, ${day}, r.survey, r.score, r.source <> 'import', count(*)
      FROM responses r ${tagJoin(s)}
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY 1, 2, 3, 4, 5`,
  );
  return fold(rows, placeAnswers);
}

/** Where a row `[key, period, survey, score, direct, count]` counts in a cell. */
function placeAnswers(r: unknown[]): number[] {
  const kind = r[2] as SurveyKind;
  return r[4] ? [at.score(kind, Number(r[3])), at.direct(kind)] : [at.score(kind, Number(r[3]))];
}

/** A stretch of time [start, end) counted with a sign toward a bucket. */
export interface RawPiece {
  start: number;
  end: number;
  sign: 1 | -1;
  bucket: number;
}

/**
 * Signed sums per agent (key) and bucket (period) over several stretches of time, in one statement:
 * the raw days of a cover of agent cells (src/domain/cover.ts). The stretches travel as one JSON
 * parameter and each drives a range search of the answers' time index.
 */
export async function sumResponsePieces(
  db: Db,
  s: Pick<RawSelection, 'teamIds' | 'agentId' | 'agentIds' | 'channel' | 'tag'> & { pieces: readonly RawPiece[] },
): Promise<CellSum[]> {
  if (s.pieces.length === 0) return [];
  const pieces = JSON.stringify(s.pieces.map((p) => [p.start, p.end, p.sign, p.bucket]));
  const where = [sql`r.flagged = 0`, sql`r.created_at >= p.lo`, sql`r.created_at < p.hi`, ...factFilters('r', s)];
  const rows = await db.values<unknown[]>(
    sql`WITH p(lo, hi, sign, bucket) AS MATERIALIZED (
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(${pieces}))
      SELECT r.agent_id, p.bucket, r.survey, r.score, r.source <> 'import', sum(p.sign)
      FROM p CROSS JOIN responses r ${tagJoin(s)}
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY 1, 2, 3, 4, 5`,
  );
  return fold(rows, placeAnswers);
}
