// Per agent, team or channel and bucket, the signed sum of many spans of cells (years, months,
// weeks, days: see src/domain/cover.ts) in one statement. The spans travel as one JSON parameter,
// so the statement text stays the same whatever the range and D1's parameter limit is never near.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import { BAD, GOOD } from '../../domain/scoreParts';
import type { SurveyKind } from '../../domain/surveys';
import { COMMENT_COLUMNS, COUNT_COLUMNS, CUBE, NEGATIVE_COLUMNS, SCORE_COLUMNS, SENT_COLUMNS } from './cells';

export interface CellSpan {
  grain: number;
  from: number;
  to: number;
  sign: 1 | -1;
  /** Which bucket of a trend the span counts toward. */
  bucket: number;
}

export interface SpanSelection {
  cube: number;
  /** The dimension the sums are split by. */
  key: 'agent_id' | 'team_id' | 'channel';
  /** '' unless the cube has the channel; null for any (when split by it). */
  channel: string | null;
  tag: string;
  teamIds: readonly string[] | null;
  /** Only these agents (null: all): checked in the key, before a cell's counts are read. */
  agentIds: readonly string[] | null;
  spans: readonly CellSpan[];
}

// Agent cells never hold deliveries (rollupStatements.ts), so those columns are not summed there;
// nor the comment counts, which only the themes panel reads (from the cubes without an agent).
const SENT = new Set([...SENT_COLUMNS, ...COMMENT_COLUMNS, ...NEGATIVE_COLUMNS].map((c) => c.name));
const signedSums = (agent: boolean) =>
  sql.raw(COUNT_COLUMNS.map((c) => (agent && SENT.has(c) ? `0 AS ${c}` : `sum(p.sign * r.${c}) AS ${c}`)).join(', '));
const SIGNED_SUMS = { agent: signedSums(true), other: signedSums(false) };
// Analysed and negative comments per kind: one agent's themes panel totals, from its cells.
const COMMENT_SUMS = sql.raw([...COMMENT_COLUMNS, ...NEGATIVE_COLUMNS].map((c) => `sum(p.sign * r.${c.name})`).join(', '));

// A kind's score parts (src/domain/scoreParts.ts): answers, good ones, bad ones.
const partSum = (kind: SurveyKind, keep: (score: number) => boolean) => {
  const cols = SCORE_COLUMNS.filter((c) => c.kind === kind && keep(c.score)).map((c) => `r.${c.name}`);
  return cols.length ? `sum(p.sign * (${cols.join(' + ')}))` : '0';
};
const partSums = (kind: SurveyKind) => sql.raw([partSum(kind, () => true), partSum(kind, GOOD[kind]), partSum(kind, BAD[kind])].join(', '));

/**
 * Rows `[key, bucket, ...counts]` in COUNT_COLUMNS order, `[key, bucket, n, good, bad]` of one
 * kind (for a trend, where summing every column would cost several times more), or with
 * 'comments' the analysed then the negative comments per kind, in SURVEY_KINDS order.
 */
export async function sumSpans(db: Db, s: SpanSelection, sums: 'counts' | 'comments' | SurveyKind): Promise<unknown[][]> {
  if (s.spans.length === 0) return [];
  const where: SQL[] = [sql`r.cube = ${s.cube}`, sql`r.grain = p.grain`, sql`r.tag = ${s.tag}`, sql`r.period BETWEEN p.lo AND p.hi`];
  if (s.channel !== null) where.push(sql`r.channel = ${s.channel}`);
  if (s.teamIds) where.push(sql`r.team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`);
  if (s.agentIds) where.push(sql`r.agent_id IN (SELECT value FROM json_each(${JSON.stringify(s.agentIds)}))`);
  const spans = JSON.stringify(s.spans.map((p) => [p.grain, p.from, p.to, p.sign, p.bucket]));
  // MATERIALIZED: the spans are read once, then each one drives a range search of the cells' key.
  return db.values<unknown[]>(
    sql`WITH p(grain, lo, hi, sign, bucket) AS MATERIALIZED (
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(${spans}))
      SELECT r.${sql.raw(s.key)}, p.bucket, ${sums === 'comments' ? COMMENT_SUMS : sums !== 'counts' ? partSums(sums) : s.cube & CUBE.agent ? SIGNED_SUMS.agent : SIGNED_SUMS.other}
      FROM p CROSS JOIN response_rollups r
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY r.${sql.raw(s.key)}, p.bucket`,
  );
}
