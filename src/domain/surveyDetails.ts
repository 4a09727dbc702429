// First-contact resolution and the reasons customers give, from grouped counts. Pure arithmetic.
import { wilson } from './scores';
import { sideOf, type ReasonSide } from './surveyText';
import type { SurveyKind } from './surveys';

export interface DetailCount {
  survey: SurveyKind;
  score: number;
  resolved: boolean | null;
  reasons: readonly string[];
  count: number;
}

export interface FcrResult {
  /** Answers to "Was your issue resolved?". */
  n: number;
  resolved: number;
  /** Percent resolved and its 95% Wilson interval; null without answers. */
  score: number | null;
  low: number | null;
  high: number | null;
}

export interface ReasonShare {
  key: string;
  count: number;
  /** Percent of the side's answers that gave any reason. */
  share: number;
}

export interface ReasonSplit {
  /** Answers on this side that ticked at least one reason: the denominator of each share. */
  answers: number;
  reasons: ReasonShare[];
}

/**
 * FCR = resolved / answered, as a percentage, with the Wilson score interval (which stays inside
 * 0-100 and behaves at small n, unlike the normal approximation).
 */
export function fcrOf(counts: readonly DetailCount[]): FcrResult {
  let n = 0;
  let resolved = 0;
  for (const c of counts) {
    if (c.resolved === null) continue;
    n += c.count;
    if (c.resolved) resolved += c.count;
  }
  const ci = wilson(resolved, n);
  return { n, resolved, score: n ? (100 * resolved) / n : null, low: ci ? 100 * ci.low : null, high: ci ? 100 * ci.high : null };
}

/** Each reason's share of the answers that gave reasons, for low and for high scores; most chosen first. */
export function reasonsOf(counts: readonly DetailCount[]): Record<ReasonSide, ReasonSplit> {
  const acc = { low: { answers: 0, by: new Map<string, number>() }, high: { answers: 0, by: new Map<string, number>() } };
  for (const c of counts) {
    if (c.reasons.length === 0) continue;
    const side = acc[sideOf(c.survey, c.score)];
    side.answers += c.count;
    for (const key of new Set(c.reasons)) side.by.set(key, (side.by.get(key) ?? 0) + c.count);
  }
  const split = (s: (typeof acc)['low']): ReasonSplit => ({
    answers: s.answers,
    reasons: [...s.by]
      .map(([key, count]) => ({ key, count, share: (100 * count) / s.answers }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
  });
  return { low: split(acc.low), high: split(acc.high) };
}
