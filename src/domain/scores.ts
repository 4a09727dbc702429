// Score arithmetic for the dashboards. Everything takes counts (what SQL aggregates return),
// never rows, and nothing is rounded here: round1 is for presentation only.
// Percent scores (CSAT, CES share, response rate) are 0..100; NPS is -100..100.
import { SCALES, type SurveyKind } from './surveys';

/** Two-sided 95% normal quantile. */
export const Z95 = 1.959964;
export const DEFAULT_MIN_SAMPLE = 10;

export const CSAT_SATISFIED_MIN = 4; // 4-5 of 1-5
export const NPS_PROMOTER_MIN = 9; // 9-10 of 0-10
export const NPS_DETRACTOR_MAX = 6; // 0-6 of 0-10
export const CES_EASY_MIN = 5; // 5-7 of 1-7

export interface CsatTally { n: number; satisfied: number; sum: number }
export interface NpsTally { n: number; promoters: number; detractors: number }
export interface CesTally { n: number; easy: number; sum: number; sumSq?: number }

export interface ScoreResult {
  n: number;
  score: number | null;
  low: number | null;
  high: number | null;
  enough: boolean;
}
export interface CsatResult extends ScoreResult { mean: number | null }
export interface CesResult extends ScoreResult {
  mean: number | null;
  /** 95% t interval on the mean; null without sumSq or with fewer than 2 responses. */
  meanLow: number | null;
  meanHigh: number | null;
}

/** The mean beside CSAT and CES (null for NPS or without answers). */
export const meanOf = (r: ScoreResult | CsatResult | CesResult): number | null => ('mean' in r ? r.mean : null);

/** Count per score: `{ 4: 12, 5: 30 }`, or an array indexed by score (`[0, 1, 0, 3, 12, 30]`). */
export type Histogram = Readonly<Record<number, number>> | readonly number[];

// ---- histograms -> tallies ----

type Pairs = Array<[score: number, count: number]>;

/** A histogram's non-empty scores. A bad count or a score off the kind's scale is a caller bug, so it throws. */
function pairsOf(kind: SurveyKind, histogram: Histogram): Pairs {
  const { min, max } = SCALES[kind];
  const pairs: Pairs = [];
  for (const [key, count] of Object.entries(histogram)) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`bad count ${count} for score ${key}`);
    if (count === 0) continue; // lets an array carry an unused index 0 for 1-based scales
    const score = Number(key);
    if (!Number.isInteger(score) || score < min || score > max) {
      throw new RangeError(`score ${key} is not on the ${kind} scale ${min}-${max}`);
    }
    pairs.push([score, count]);
  }
  return pairs;
}

const countOf = (pairs: Pairs, test: (score: number) => boolean): number =>
  pairs.reduce((acc, [s, c]) => (test(s) ? acc + c : acc), 0);
const sumOf = (pairs: Pairs, f: (score: number) => number): number =>
  pairs.reduce((acc, [s, c]) => acc + c * f(s), 0);

export function csatTally(histogram: Histogram): CsatTally {
  const p = pairsOf('csat', histogram);
  return { n: sumOf(p, () => 1), satisfied: countOf(p, (s) => s >= CSAT_SATISFIED_MIN), sum: sumOf(p, (s) => s) };
}

export function npsTally(histogram: Histogram): NpsTally {
  const p = pairsOf('nps', histogram);
  return {
    n: sumOf(p, () => 1),
    promoters: countOf(p, (s) => s >= NPS_PROMOTER_MIN),
    detractors: countOf(p, (s) => s <= NPS_DETRACTOR_MAX),
  };
}

export function cesTally(histogram: Histogram): CesTally {
  const p = pairsOf('ces', histogram);
  return {
    n: sumOf(p, () => 1),
    easy: countOf(p, (s) => s >= CES_EASY_MIN),
    sum: sumOf(p, (s) => s),
    sumSq: sumOf(p, (s) => s * s),
  };
}

// ---- intervals ----

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** 95% Wilson score interval of a proportion, as fractions; null when n = 0. */
export function wilson(successes: number, n: number): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamped only to absorb floating-point noise at 0/n and n/n.
  return { low: clamp(center - half, 0, 1), high: clamp(center + half, 0, 1) };
}

// Exact 97.5% t quantiles for df 1-4; from df 5 a Cornish-Fisher expansion around Z95 is within 0.0003.
const T95_SMALL_DF = [12.7062, 4.3027, 3.1824, 2.7764];
function t95(df: number): number {
  const small = T95_SMALL_DF[df - 1];
  if (small !== undefined) return small;
  const z = Z95;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3) +
    (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / (92160 * df ** 4)
  );
}

// ---- scores ----

const NO_DATA = { score: null, low: null, high: null, enough: false } as const;

/** CSAT: percent of responses scoring 4-5, Wilson interval, mean beside it. */
export function csat(t: CsatTally, minSample = DEFAULT_MIN_SAMPLE): CsatResult {
  const ci = wilson(t.satisfied, t.n);
  if (!ci) return { n: t.n, ...NO_DATA, mean: null };
  return {
    n: t.n,
    score: (100 * t.satisfied) / t.n,
    low: 100 * ci.low,
    high: 100 * ci.high,
    mean: t.sum / t.n,
    enough: t.n >= minSample,
  };
}

// The plain normal interval on p - d collapses to a single point when every answer is a
// promoter (or every one a detractor), and covers badly for small n. We use the adjusted
// Wald interval studied by Rocks (2016, The American Statistician), which performed best there:
// add 3 pseudo-responses, 3/4 promoter, 3/4 detractor, 3/2 passive, then the usual variance of
// a difference of multinomial shares. For large n it converges to the plain interval.
const NPS_PSEUDO_N = 3;
const NPS_PSEUDO_SIDE = 0.75;

/** NPS: %promoters - %detractors with an adjusted Wald 95% interval, all in -100..100. */
export function nps(t: NpsTally, minSample = DEFAULT_MIN_SAMPLE): ScoreResult {
  if (t.n <= 0) return { n: t.n, ...NO_DATA };
  const score = (100 * (t.promoters - t.detractors)) / t.n;
  const n = t.n + NPS_PSEUDO_N;
  const p = (t.promoters + NPS_PSEUDO_SIDE) / n;
  const d = (t.detractors + NPS_PSEUDO_SIDE) / n;
  const half = Z95 * Math.sqrt((p + d - (p - d) ** 2) / n);
  // At n = 1 the shrunk center can leave the observed +-100 outside the interval; widen to keep it in.
  return {
    n: t.n,
    score,
    low: Math.min(score, clamp(100 * (p - d - half), -100, 100)),
    high: Math.max(score, clamp(100 * (p - d + half), -100, 100)),
    enough: t.n >= minSample,
  };
}

/** CES: percent of responses scoring 5-7 with a Wilson interval; mean effort beside it, with a t interval when sumSq is known. */
export function ces(t: CesTally, minSample = DEFAULT_MIN_SAMPLE): CesResult {
  const ci = wilson(t.easy, t.n);
  if (!ci) return { n: t.n, ...NO_DATA, mean: null, meanLow: null, meanHigh: null };
  const mean = t.sum / t.n;
  let meanLow: number | null = null;
  let meanHigh: number | null = null;
  if (t.sumSq !== undefined && t.n >= 2) {
    // max(0, ...) guards against a tiny negative variance from rounding when all scores are equal.
    const variance = Math.max(0, (t.sumSq - (t.sum * t.sum) / t.n) / (t.n - 1));
    const half = t95(t.n - 1) * Math.sqrt(variance / t.n);
    meanLow = clamp(mean - half, SCALES.ces.min, SCALES.ces.max);
    meanHigh = clamp(mean + half, SCALES.ces.min, SCALES.ces.max);
  }
  return {
    n: t.n,
    score: (100 * t.easy) / t.n,
    low: 100 * ci.low,
    high: 100 * ci.high,
    mean,
    meanLow,
    meanHigh,
    enough: t.n >= minSample,
  };
}

/** Percent of delivered surveys that got a counted response; 0 when nothing was delivered. */
export function responseRate(responses: number, delivered: number): number {
  return delivered > 0 ? (100 * responses) / delivered : 0;
}

// ---- ranking ----

export interface RankRow { key: string; n: number; low: number | null }

/** What agents are ranked by: the interval's lower bound, so a few lucky answers do not win. */
export const rankKey = (row: RankRow): number => row.low ?? -Infinity;

/**
 * Sorts by lower bound (desc), then n (desc), then key. Only rows with at least minSample
 * responses get a rank (1, 2, ...); the rest get rank null and come after all ranked rows.
 */
export function rankAgents<T extends RankRow>(
  rows: readonly T[],
  minSample = DEFAULT_MIN_SAMPLE,
): Array<T & { rank: number | null }> {
  const eligible = (r: RankRow): boolean => r.n >= minSample;
  // Explicit comparisons: subtracting two -Infinity keys would give NaN.
  const desc = <V extends number | string>(x: V, y: V): number => (x === y ? 0 : x > y ? -1 : 1);
  const sorted = [...rows].sort(
    (a, b) =>
      desc(Number(eligible(a)), Number(eligible(b))) ||
      desc(rankKey(a), rankKey(b)) ||
      desc(a.n, b.n) ||
      desc(b.key, a.key),
  );
  let next = 1;
  return sorted.map((row) => ({ ...row, rank: eligible(row) ? next++ : null }));
}

// ---- period comparison and presentation ----

/** Relative change of a count, in percent. From 0: 0 -> 0 is 0, 0 -> n is 100. */
export function percentChange(before: number, after: number): number {
  if (before === 0) return after === 0 ? 0 : 100;
  return (100 * (after - before)) / before;
}

/** Difference of two scores in points; null when either period has no data. */
export function pointChange(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}

/**
 * A change as a person should read it: a number only when both sides are worth comparing. A count
 * that grows from nothing is 'new' (no percentage of zero means anything); a side below the minimum
 * sample is 'too-few'; 'none' when there is nothing to compare.
 */
export type Change = { kind: 'delta'; value: number } | { kind: 'new' } | { kind: 'too-few' } | { kind: 'none' };

/** A count's change in percent, against the previous period's count. */
export function countChange(before: number, after: number, minSample: number): Change {
  if (before === 0) return after === 0 ? { kind: 'none' } : { kind: 'new' };
  if (before < minSample || after < minSample) return { kind: 'too-few' };
  return { kind: 'delta', value: percentChange(before, after) };
}

/** A score's (or a rate's) change in points; each side's `n` is the sample it stands on. */
export function scoreChange(before: { value: number | null; n: number }, after: { value: number | null; n: number }, minSample: number): Change {
  const value = pointChange(before.value, after.value);
  if (value === null) return { kind: 'none' };
  if (before.n < minSample || after.n < minSample) return { kind: 'too-few' };
  return { kind: 'delta', value };
}

/** One decimal, halves away from zero, never "-0". */
export function round1(x: number): number;
export function round1(x: number | null): number | null;
export function round1(x: number | null): number | null {
  if (x === null) return null;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
  return r === 0 ? 0 : r;
}

/** Which part of the scale a score is in, for bar colours (never the only signal: an axis or a label shows the score). */
export function scoreGroup(kind: 'csat' | 'nps' | 'ces', score: number): 'low' | 'mid' | 'high' {
  if (kind === 'nps') return score <= NPS_DETRACTOR_MAX ? 'low' : score >= NPS_PROMOTER_MIN ? 'high' : 'mid';
  if (kind === 'csat') return score <= 2 ? 'low' : score >= CSAT_SATISFIED_MIN ? 'high' : 'mid';
  return score <= 3 ? 'low' : score >= CES_EASY_MIN ? 'high' : 'mid';
}
