// One survey kind's score in parts that add up: how many answered, how many were good (satisfied,
// promoters, easy) and how many bad (detractors; CSAT and CES have none). Enough to draw a
// sparkline without keeping whole histograms. Pure.
import { CES_EASY_MIN, CSAT_SATISFIED_MIN, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from './scores';
import type { SurveyKind } from './surveys';

export interface ScoreParts {
  n: number;
  good: number;
  bad: number;
}

export const GOOD: Record<SurveyKind, (score: number) => boolean> = {
  csat: (s) => s >= CSAT_SATISFIED_MIN,
  nps: (s) => s >= NPS_PROMOTER_MIN,
  ces: (s) => s >= CES_EASY_MIN,
};
export const BAD: Record<SurveyKind, (score: number) => boolean> = { csat: () => false, nps: (s) => s <= NPS_DETRACTOR_MAX, ces: () => false };

/** The parts of a histogram of the kind (indexed by score). */
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
