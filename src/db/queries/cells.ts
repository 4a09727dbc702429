// The counts every rollup cell carries, shared by the statements that maintain the rollups and the
// queries that read them (from the rollups or, for a few paths, straight from the raw tables).
// In memory a cell's counts are one flat array in COUNT_COLUMNS order: views sum tens of
// thousands of cells, and plain arrays keep that cheap. How cells, cubes and grains fit together,
// and why their sums are exact: src/db/ROLLUPS.md.
import { sql, type SQL } from 'drizzle-orm';
import { SCALES, SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';

export const CUBE = { team: 1, agent: 2, channel: 4, tag: 8 } as const;
/**
 * Day cells are keyed by local day number, weeks by Monday-based week index, months by
 * year * 12 + month - 1, years by the year.
 */
export const GRAIN = { day: 1, week: 7, month: 30, year: 365 } as const;

/** Cubes without an agent, kept per day: every combination of team, channel and tag. */
export const DAY_CUBES = [0, 1, 4, 5, 8, 9, 12, 13] as const;
/** Cubes with an agent (and its team), kept per week and per month: every combination of channel and tag. */
export const AGENT_CUBES = [3, 7, 11, 15] as const;
/**
 * Agents without channel or tag are also kept per day, so the days around whole weeks of the
 * agents table and metrics by agent need no raw rows (at 1M answers: about 200,000 more cells,
 * one more cell per answer's write). Measured against a full scan in the same run: the 500-agent
 * table over 12 months went from 3.0x to 4.1x faster than the scan, metrics by agent from 4.9x to 9.3x.
 */
export const AGENT_DAY_CUBE = 3;
/**
 * The cubes a split by team or by channel reads without a channel or tag filter (team, channel,
 * team + channel), kept per month and per year as well, so a year of 25 teams reads a few dozen
 * cells instead of 9,000 day cells, and all time grows with the years, not the days.
 */
export const SPLIT_CUBES = [1, 4, 5] as const;

/**
 * The version of which cells exist (CUBE_GRAINS) and what they hold, kept in rollup_state: cells
 * built by an older version are rebuilt when the server starts. 1: month and year cells for
 * SPLIT_CUBES, year cells for AGENT_CUBES. 2: analysed and negative comments (COMMENT_COLUMNS, NEGATIVE_COLUMNS).
 * 3: theme cells by tag (phrase_tag_rollups).
 */
export const ROLLUP_VERSION = 3;

/** What rollup_state (id 1) says about the cells. */
export interface RollupStateRow {
  timeZone: string;
  version: number;
  /** A bulk import is writing rows whose cells it has not added yet (src/db/bulkMode.ts). */
  heldUntil: number | null;
  builtAt: number;
}

/** Whether cells as `state` describes them equal a rebuild in `timeZone`; no state means never built. */
export const cellsCurrent = (state: RollupStateRow | undefined, timeZone: string): boolean =>
  state !== undefined && state.timeZone === timeZone && state.version === ROLLUP_VERSION && state.heldUntil === null;

/** Every cube with the grains it is kept at. */
export const CUBE_GRAINS: ReadonlyArray<readonly [cube: number, grain: number]> = [
  ...DAY_CUBES.map((c) => [c, GRAIN.day] as const),
  ...SPLIT_CUBES.flatMap((c) => [[c, GRAIN.month] as const, [c, GRAIN.year] as const]),
  [AGENT_DAY_CUBE, GRAIN.day],
  ...AGENT_CUBES.flatMap((c) => [[c, GRAIN.week] as const, [c, GRAIN.month] as const, [c, GRAIN.year] as const]),
];
const KEPT = new Set(CUBE_GRAINS.map(([c, g]) => c * 1000 + g));
export const isKept = (cube: number, grain: number): boolean => KEPT.has(cube * 1000 + grain);
export const grainsOf = (cube: number): number[] => CUBE_GRAINS.filter(([c]) => c === cube).map(([, g]) => g);

const scoreColumns = (kind: SurveyKind) => {
  const { min, max } = SCALES[kind];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ name: `${kind}_${min + i}`, kind, score: min + i }));
};
export const SCORE_COLUMNS = SURVEY_KINDS.flatMap(scoreColumns);
export const SENT_COLUMNS = SURVEY_KINDS.map((kind) => ({ name: `sent_${kind}`, kind }));
export const DIRECT_COLUMNS = SURVEY_KINDS.map((kind) => ({ name: `direct_${kind}`, kind }));
/** Counted answers with an analysed comment, and those read as negative (the themes panel's totals). */
export const COMMENT_COLUMNS = SURVEY_KINDS.map((kind) => ({ name: `comments_${kind}`, kind }));
export const NEGATIVE_COLUMNS = SURVEY_KINDS.map((kind) => ({ name: `negative_${kind}`, kind }));
export const COUNT_COLUMNS = [...SCORE_COLUMNS, ...SENT_COLUMNS, ...DIRECT_COLUMNS, ...COMMENT_COLUMNS, ...NEGATIVE_COLUMNS].map((c) => c.name);

/** Counts of one cell or a sum of cells, in COUNT_COLUMNS order. */
export type Counts = number[];

const SCORE_AT = Object.fromEntries(
  SURVEY_KINDS.map((k) => [k, SCORE_COLUMNS.findIndex((c) => c.kind === k)]),
) as Record<SurveyKind, number>;
const SENT_AT = SCORE_COLUMNS.length;
const DIRECT_AT = SENT_AT + SENT_COLUMNS.length;
const COMMENTS_AT = DIRECT_AT + DIRECT_COLUMNS.length;
const NEGATIVE_AT = COMMENTS_AT + COMMENT_COLUMNS.length;

export const emptyCounts = (): Counts => new Array<number>(COUNT_COLUMNS.length).fill(0);

export function addCounts(into: Counts, from: Counts): Counts {
  for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
  return into;
}

/** Answers per score of one kind, as an array indexed by score (what src/domain/scores.ts takes). */
export function histogram(c: Counts, kind: SurveyKind): number[] {
  const { min, max } = SCALES[kind];
  const h = new Array<number>(max + 1).fill(0);
  for (let s = min; s <= max; s++) h[s] = c[SCORE_AT[kind] + s - min]!;
  return h;
}

/** Where a count sits in a Counts array. */
export const at = {
  score: (kind: SurveyKind, score: number) => SCORE_AT[kind] + score - SCALES[kind].min,
  sent: (kind: SurveyKind) => SENT_AT + SURVEY_KINDS.indexOf(kind),
  direct: (kind: SurveyKind) => DIRECT_AT + SURVEY_KINDS.indexOf(kind),
  comments: (kind: SurveyKind) => COMMENTS_AT + SURVEY_KINDS.indexOf(kind),
  negative: (kind: SurveyKind) => NEGATIVE_AT + SURVEY_KINDS.indexOf(kind),
};

export const sentOf = (c: Counts, kind: SurveyKind): number => c[at.sent(kind)]!;
export const directOf = (c: Counts, kind: SurveyKind): number => c[at.direct(kind)]!;

/** A query row `[key, period, ...counts]` as a cell. */
export interface CellSum {
  key: string;
  period: number;
  counts: Counts;
}
export const cellOf = (row: unknown[]): CellSum => ({
  key: String(row[0] ?? ''),
  period: Number(row[1]),
  counts: row.slice(2).map((v) => Number(v ?? 0)),
});

/** `sum(csat_1), ...` over rollup rows, in COUNT_COLUMNS order. */
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
      ...COMMENT_COLUMNS.map((c) => `${s}sum(r.survey = '${c.kind}' AND r.sentiment IS NOT NULL) AS ${c.name}`),
      ...NEGATIVE_COLUMNS.map((c) => `${s}sum(r.survey = '${c.kind}' AND r.sentiment IS 'negative') AS ${c.name}`),
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
      ...COMMENT_COLUMNS.map((c) => `0 AS ${c.name}`),
      ...NEGATIVE_COLUMNS.map((c) => `0 AS ${c.name}`),
    ].join(', '),
  );
}
