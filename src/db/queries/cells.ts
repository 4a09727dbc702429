// The counts every rollup cell carries, shared by the statements that maintain the rollups and the
// queries that read them (from the rollups or, for a few paths, straight from the raw tables).
import { sql, type SQL } from 'drizzle-orm';
import { SCALES, SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';

export const CUBE = { team: 1, agent: 2, channel: 4, tag: 8 } as const;
export const GRAIN = { day: 1, week: 7 } as const;

/** Cubes without an agent, kept per day: every combination of team, channel and tag. */
export const DAY_CUBES = [0, 1, 4, 5, 8, 9, 12, 13] as const;
/** Cubes with an agent (and its team), kept per week: every combination of channel and tag. */
export const WEEK_CUBES = [3, 7, 11, 15] as const;

const scoreColumns = (kind: SurveyKind) => {
  const { min, max } = SCALES[kind];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ name: `${kind}_${min + i}`, kind, score: min + i }));
};
export const SCORE_COLUMNS = SURVEY_KINDS.flatMap(scoreColumns);
export const SENT_COLUMNS = SURVEY_KINDS.map((kind) => ({ name: `sent_${kind}`, kind }));
export const DIRECT_COLUMNS = SURVEY_KINDS.map((kind) => ({ name: `direct_${kind}`, kind }));
export const COUNT_COLUMNS = [...SCORE_COLUMNS, ...SENT_COLUMNS, ...DIRECT_COLUMNS].map((c) => c.name);

/** Counts of one cell or a sum of cells. Histograms are indexed by score. */
export interface Counts {
  hist: Record<SurveyKind, number[]>;
  sent: Record<SurveyKind, number>;
  direct: Record<SurveyKind, number>;
}

export function emptyCounts(): Counts {
  const per = <T>(f: (k: SurveyKind) => T) => Object.fromEntries(SURVEY_KINDS.map((k) => [k, f(k)])) as Record<SurveyKind, T>;
  return {
    hist: per((k) => new Array<number>(SCALES[k].max + 1).fill(0)),
    sent: per(() => 0),
    direct: per(() => 0),
  };
}

export function addCounts(into: Counts, from: Counts): Counts {
  for (const k of SURVEY_KINDS) {
    const h = from.hist[k];
    for (let s = 0; s < h.length; s++) into.hist[k][s]! += h[s]!;
    into.sent[k] += from.sent[k];
    into.direct[k] += from.direct[k];
  }
  return into;
}

/** A row of summed count columns (named as in COUNT_COLUMNS) as Counts. */
export function countsOf(row: Record<string, unknown>): Counts {
  const c = emptyCounts();
  for (const col of SCORE_COLUMNS) c.hist[col.kind][col.score] = Number(row[col.name] ?? 0);
  for (const col of SENT_COLUMNS) c.sent[col.kind] = Number(row[col.name] ?? 0);
  for (const col of DIRECT_COLUMNS) c.direct[col.kind] = Number(row[col.name] ?? 0);
  return c;
}

/** `sum(csat_1) AS csat_1, ...` over rollup rows. */
export const sumOfCountColumns: SQL = sql.raw(COUNT_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', '));

/**
 * The count columns computed from raw response rows aliased `r` (times `sign`), in COUNT_COLUMNS
 * order. Imported responses count as answers but not toward the response rate.
 */
export function responseCountsSql(sign: 1 | -1): SQL {
  const s = sign === 1 ? '' : '-';
  return sql.raw(
    [
      ...SCORE_COLUMNS.map((c) => `${s}sum(r.survey = '${c.kind}' AND r.score = ${c.score}) AS ${c.name}`),
      ...SENT_COLUMNS.map((c) => `0 AS ${c.name}`),
      ...DIRECT_COLUMNS.map((c) => `${s}sum(r.survey = '${c.kind}' AND r.source <> 'import') AS ${c.name}`),
    ].join(', '),
  );
}

/** The count columns for delivered requests aliased `sr`, in COUNT_COLUMNS order. */
export function sentCountsSql(sign: 1 | -1): SQL {
  const s = sign === 1 ? '' : '-';
  return sql.raw(
    [
      ...SCORE_COLUMNS.map((c) => `0 AS ${c.name}`),
      ...SENT_COLUMNS.map((c) => `${s}sum(sr.survey = '${c.kind}') AS ${c.name}`),
      ...DIRECT_COLUMNS.map((c) => `0 AS ${c.name}`),
    ].join(', '),
  );
}
