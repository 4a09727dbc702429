// Counts turned into the numbers people read, with the formulas of src/domain/scores.ts.
import { directOf, histogram, sentOf, type Counts } from '../../db/queries/cells';
import { ces, cesTally, csat, csatTally, nps, npsTally, responseRate, scoreChange, type CesResult, type Change, type CsatResult, type ScoreResult } from '../../domain/scores';
import { SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';

export type KindResult = CsatResult | ScoreResult | CesResult;

export function scoreOf(kind: SurveyKind, c: Counts, minSample: number): KindResult {
  const h = histogram(c, kind);
  switch (kind) {
    case 'csat':
      return csat(csatTally(h), minSample);
    case 'nps':
      return nps(npsTally(h), minSample);
    case 'ces':
      return ces(cesTally(h), minSample);
  }
}

/** The mean beside CSAT and CES (null for NPS or without answers). */
export const meanOf = (r: KindResult): number | null => ('mean' in r ? r.mean : null);

const kindsOf = (kind: SurveyKind | null): readonly SurveyKind[] => (kind ? [kind] : SURVEY_KINDS);

export const answered = (c: Counts, kind: SurveyKind | null): number =>
  kindsOf(kind).reduce((n, k) => n + histogram(c, k).reduce((a, b) => a + b, 0), 0);

/** Counted answers to surveys Heard delivered, over surveys delivered, in percent; null when none went out. */
export function rateOf(c: Counts, kind: SurveyKind | null): { rate: number | null; direct: number; sent: number } {
  const kinds = kindsOf(kind);
  const direct = kinds.reduce((n, k) => n + directOf(c, k), 0);
  const sent = kinds.reduce((n, k) => n + sentOf(c, k), 0);
  return { rate: sent > 0 ? responseRate(direct, sent) : null, direct, sent };
}

/** The survey kind with the most answers (CSAT on a tie or with none): what charts show by default. */
export function mainKind(c: Counts): SurveyKind {
  let best: SurveyKind = 'csat';
  for (const k of SURVEY_KINDS) if (answered(c, k) > answered(c, best)) best = k;
  return best;
}

export interface ScoreWithChange {
  kind: SurveyKind;
  now: KindResult;
  before: KindResult;
  /** In points, when both periods have the minimum sample. */
  change: Change;
}

export function compare(kind: SurveyKind, now: Counts, before: Counts, minSample: number): ScoreWithChange {
  const a = scoreOf(kind, now, minSample);
  const b = scoreOf(kind, before, minSample);
  return { kind, now: a, before: b, change: scoreChange({ value: b.score, n: b.n }, { value: a.score, n: a.n }, minSample) };
}
