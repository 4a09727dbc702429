// One survey kind's score parts per agent and period, from the agent rollups: how many answered,
// how many were good (satisfied, promoters, easy) and how many bad (detractors; CSAT and CES
// have none). Enough to draw a sparkline without reading whole histograms.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import { CES_EASY_MIN, CSAT_SATISFIED_MIN, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from '../../domain/scores';
import type { SurveyKind } from '../../domain/surveys';
import { SCORE_COLUMNS } from './cells';
import type { RollupSelection } from './sumRollups';

export interface ScoreParts {
  n: number;
  good: number;
  bad: number;
}

const GOOD: Record<SurveyKind, (score: number) => boolean> = {
  csat: (s) => s >= CSAT_SATISFIED_MIN,
  nps: (s) => s >= NPS_PROMOTER_MIN,
  ces: (s) => s >= CES_EASY_MIN,
};
const BAD: Record<SurveyKind, (score: number) => boolean> = { csat: () => false, nps: (s) => s <= NPS_DETRACTOR_MAX, ces: () => false };

const sumOf = (kind: SurveyKind, keep: (score: number) => boolean) => {
  const cols = SCORE_COLUMNS.filter((c) => c.kind === kind && keep(c.score)).map((c) => c.name);
  return cols.length ? `sum(${cols.join(' + ')})` : '0';
};

/** Per agent and period; the selection's `by` is ignored. */
export async function scoreTrendByAgent(db: Db, s: Omit<RollupSelection, 'by'>, kind: SurveyKind): Promise<Array<{ agent: string; period: number } & ScoreParts>> {
  const where: SQL[] = [sql`cube = ${s.cube}`, sql`grain = ${s.grain}`, sql`tag = ${s.tag}`, sql`period BETWEEN ${s.from} AND ${s.to}`];
  if (s.channel !== null) where.push(sql`channel = ${s.channel}`);
  if (s.teamIds) where.push(sql`team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`);
  const rows = await db.values<[string, number, number, number, number]>(
    sql`SELECT agent_id, period, ${sql.raw(`${sumOf(kind, () => true)}, ${sumOf(kind, GOOD[kind])}, ${sumOf(kind, BAD[kind])}`)}
      FROM response_rollups WHERE ${sql.join(where, sql` AND `)}
      GROUP BY agent_id, period`,
  );
  return rows.map(([agent, period, n, good, bad]) => ({ agent, period, n, good, bad }));
}

/** The same parts from a cell's histogram of the kind. */
export function partsOf(kind: SurveyKind, hist: readonly number[]): ScoreParts {
  let n = 0;
  let good = 0;
  let bad = 0;
  hist.forEach((count, score) => {
    n += count;
    if (count && GOOD[kind](score)) good += count;
    if (count && BAD[kind](score)) bad += count;
  });
  return { n, good, bad };
}
