// The overview: score tiles against the previous period, a trend, the score distribution and the
// latest comments, for one scope and set of filters. One rollup read covers both periods.
import type { Deps } from '../../deps';
import { addCounts, emptyCounts, histogram, type Counts } from '../../db/queries/cells';
import { bucketIndex, bucketLabel, bucketsOf, previousRange, type Bucket, type BucketSpan, type DayRange } from '../../domain/period';
import { percentChange, pointChange } from '../../domain/scores';
import { scaleOf, SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { dailyCounts, type CountQuery } from './counts';
import { listDashboardResponses, type ListedResponse } from './responseList';
import { answered, compare, mainKind, rateOf, scoreOf, type KindResult, type ScoreWithChange } from './summary';

export interface OverviewQuery extends CountQuery {
  survey: SurveyKind | null;
  bucket: Bucket;
  minSample: number;
  /** How many recent comments to show. */
  comments: number;
}

export interface TrendPoint extends BucketSpan {
  label: string;
  result: KindResult;
}

export interface Overview {
  range: DayRange;
  previous: DayRange;
  scores: ScoreWithChange[];
  responses: { now: number; before: number; change: number };
  rate: { now: number | null; before: number | null; change: number | null; direct: number; sent: number };
  /** The survey kind the charts show. */
  chartKind: SurveyKind;
  bucket: Bucket;
  trend: TrendPoint[];
  distribution: Array<{ score: number; count: number }>;
  comments: ListedResponse[];
}

export async function getOverview(deps: Pick<Deps, 'db' | 'config'>, q: OverviewQuery): Promise<Overview> {
  const previous = previousRange(q.range);
  const buckets = bucketsOf(q.range, q.bucket);
  const [days, latest] = await Promise.all([
    dailyCounts(deps, { ...q, range: { from: previous.from, to: q.range.to } }),
    q.comments > 0
      ? listDashboardResponses(deps, { ...q, score: null, withComment: true, cursor: null, limit: q.comments })
      : Promise.resolve({ rows: [] }),
  ]);

  const now = emptyCounts();
  const before = emptyCounts();
  const perBucket: Counts[] = buckets.map(() => emptyCounts());
  for (const [day, c] of days) {
    if (day >= q.range.from) {
      addCounts(now, c);
      addCounts(perBucket[bucketIndex(q.range, q.bucket, day)]!, c);
    } else addCounts(before, c);
  }

  const chartKind = q.survey ?? mainKind(now);
  const hist = histogram(now, chartKind);
  // Without a survey filter, tiles for every kind that had answers in either period.
  const kinds = q.survey ? [q.survey] : SURVEY_KINDS.filter((k) => answered(now, k) + answered(before, k) > 0);
  const rateNow = rateOf(now, q.survey);
  const rateBefore = rateOf(before, q.survey);
  const n = { now: answered(now, q.survey), before: answered(before, q.survey) };
  return {
    range: q.range,
    previous,
    scores: (kinds.length ? kinds : [chartKind]).map((k) => compare(k, now, before, q.minSample)),
    responses: { ...n, change: percentChange(n.before, n.now) },
    rate: { now: rateNow.rate, before: rateBefore.rate, change: pointChange(rateBefore.rate, rateNow.rate), direct: rateNow.direct, sent: rateNow.sent },
    chartKind,
    bucket: q.bucket,
    trend: buckets.map((b, i) => ({ ...b, label: bucketLabel(q.bucket, b), result: scoreOf(chartKind, perBucket[i]!, q.minSample) })),
    distribution: scaleOf(chartKind).map((score) => ({ score, count: hist[score] ?? 0 })),
    comments: latest.rows,
  };
}
