// The overview: score tiles against the previous period, a trend, the score distribution and the
// latest comments, for one scope and set of filters. One rollup read covers both periods.
import type { Deps } from '../../deps';
import { addCounts, emptyCounts, histogram, type Counts } from '../../db/queries/cells';
import type { ResponseRow } from '../../db/queries/findResponses';
import { bucketIndex, bucketsOf, chooseBucket, isPartial, previousRange, type Bucket, type BucketSpan, type DayRange } from '../../domain/period';
import { bucketLabel } from '../../domain/periodLabels';
import { countChange, scoreChange, type Change } from '../../domain/scores';
import { scaleOf, SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { dailyCounts, type CountQuery } from './counts';
import { listDashboardResponses, type ListedResponse } from './responseList';
import { answered, compare, mainKind, rateOf, scoreOf, type KindResult, type ScoreWithChange } from './summary';

export interface OverviewQuery extends CountQuery {
  survey: SurveyKind | null;
  /** Null: chosen from the range and the number of answers. */
  bucket: Bucket | null;
  minSample: number;
  /** The local day now: the bucket holding it is still running. */
  today: number;
  /** How many recent comments to show. */
  comments: number;
}

export interface TrendPoint extends BucketSpan {
  label: string;
  result: KindResult;
  /** Cut by the range or still running: drawn apart, so it is not read like a full one. */
  partial: boolean;
}

export interface Overview {
  range: DayRange;
  previous: DayRange;
  scores: ScoreWithChange[];
  responses: { now: number; before: number; change: Change };
  rate: { now: number | null; before: number | null; change: Change; direct: number; sent: number };
  /** The survey kind the charts show. */
  chartKind: SurveyKind;
  bucket: Bucket;
  trend: TrendPoint[];
  distribution: Array<{ score: number; count: number }>;
  comments: ListedResponse[];
}

export async function getOverview(deps: Pick<Deps, 'db' | 'config'>, q: OverviewQuery): Promise<Overview> {
  const previous = previousRange(q.range);
  const [days, latest] = await Promise.all([
    dailyCounts(deps, { ...q, range: { from: previous.from, to: q.range.to } }),
    q.comments > 0
      ? listDashboardResponses(deps, { ...q, score: null, withComment: true, cursor: null, limit: q.comments })
      : Promise.resolve({ rows: [] }),
  ]);

  const now = emptyCounts();
  const before = emptyCounts();
  for (const [day, c] of days) addCounts(day >= q.range.from ? now : before, c);
  const chartKind = q.survey ?? mainKind(now);
  const bucket = q.bucket ?? chooseBucket(q.range, answered(now, chartKind));
  const buckets = bucketsOf(q.range, bucket);
  const perBucket: Counts[] = buckets.map(() => emptyCounts());
  for (const [day, c] of days) if (day >= q.range.from) addCounts(perBucket[bucketIndex(q.range, bucket, day)]!, c);

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
    responses: { ...n, change: countChange(n.before, n.now, q.minSample) },
    rate: {
      now: rateNow.rate,
      before: rateBefore.rate,
      change: scoreChange({ value: rateBefore.rate, n: rateBefore.sent }, { value: rateNow.rate, n: rateNow.sent }, q.minSample),
      direct: rateNow.direct,
      sent: rateNow.sent,
    },
    chartKind,
    bucket,
    trend: buckets.map((b, i) => ({
      ...b,
      label: bucketLabel(bucket, b),
      result: scoreOf(chartKind, perBucket[i]!, q.minSample),
      partial: isPartial(bucket, b, q.today),
    })),
    distribution: scaleOf(chartKind).map((score) => ({ score, count: hist[score] ?? 0 })),
    comments: latest.rows,
  };
}
