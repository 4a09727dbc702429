// First-contact resolution and the Reasons chart for a scope and its filters (overview, a team, an agent).
import type { Deps } from '../../deps';
import { sumDetails } from '../../db/queries/sumDetails';
import { rangeMs } from '../../domain/period';
import { round1 } from '../../domain/scores';
import { fcrOf, reasonsOf, type FcrResult, type ReasonSplit } from '../../domain/surveyDetails';
import type { ReasonSide } from '../../domain/surveyText';
import type { SurveyKind } from '../../domain/surveys';
import { parseReasonKeys } from '../answerDetails';
import { getSurveyDesign } from '../surveyDesign';
import { reasonLabels } from '../../i18n/surveyText';
import { visibleOf, type CountQuery } from './counts';

export interface SurveyDetailsSummary {
  fcr: FcrResult;
  reasons: Record<ReasonSide, ReasonSplit>;
  /** Readable names of the reason keys. */
  labels: Record<string, string>;
}

const EMPTY: SurveyDetailsSummary = {
  fcr: { n: 0, resolved: 0, score: null, low: null, high: null },
  reasons: { low: { answers: 0, reasons: [] }, high: { answers: 0, reasons: [] } },
  labels: {},
};

export async function getSurveyDetails(deps: Pick<Deps, 'db' | 'config'>, q: CountQuery & { survey: SurveyKind | null }): Promise<SurveyDetailsSummary> {
  const v = visibleOf(q.scope, q.filter);
  if (!v) return EMPTY;
  const { start, end } = rangeMs(q.range, deps.config.timeZone);
  const [groups, design] = await Promise.all([sumDetails(deps.db, { start, end, ...v, survey: q.survey }), getSurveyDesign(deps)]);
  const counts = groups.map((g) => ({ ...g, reasons: parseReasonKeys(g.reasons) }));
  const fcr = fcrOf(counts);
  return {
    fcr: { ...fcr, score: round1(fcr.score), low: round1(fcr.low), high: round1(fcr.high) },
    reasons: reasonsOf(counts),
    labels: reasonLabels(design),
  };
}

/** The reasons as API rows: one per reason and side, with its share of the side's answers that gave reasons. */
export function reasonRows(d: SurveyDetailsSummary) {
  return (['low', 'high'] as const).flatMap((side) =>
    d.reasons[side].reasons.map((r) => ({ key: r.key, label: d.labels[r.key] ?? null, side, n: d.reasons[side].answers, count: r.count, share: round1(r.share) })),
  );
}
