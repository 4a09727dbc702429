// GET /api/v1/metrics as one use case: the period, team and agent of the query, then the same
// numbers the pages show, for an API key that sees every team.
import type { Deps } from '../../deps';
import type { Channel } from '../../db/schema';
import { isoDate } from '../../domain/period';
import { ok } from '../../domain/result';
import type { SurveyKind } from '../../domain/surveys';
import { resolveApiFilter, type ApiFilterQuery } from './apiFilter';
import { getSurveyDetails, reasonRows } from './details';
import { getMetrics, type GroupBy } from './metrics';
import { ensureRollups } from './rollups';

export interface MetricsReportQuery extends ApiFilterQuery {
  survey: SurveyKind;
  groupBy: GroupBy | 'reason';
  channel?: Channel | undefined;
  tag?: string | undefined;
}

/** The numbers, or which query parameter does not work. */
export async function getMetricsReport(deps: Deps, q: MetricsReportQuery) {
  const f = await resolveApiFilter(deps, q);
  if (!f.ok) return f;
  const { range } = f.value;

  await ensureRollups(deps);
  const filter = { teamId: f.value.teamId, agentId: f.value.agentId, channel: q.channel ?? null, tag: q.tag ?? null };
  const details = await getSurveyDetails(deps, { scope: { kind: 'all' }, filter, range, survey: q.survey });
  const data =
    q.groupBy === 'reason'
      ? reasonRows(details)
      : await getMetrics(deps, { scope: { kind: 'all' }, filter, range, survey: q.survey, groupBy: q.groupBy, minSample: deps.config.minSample });
  return ok({
    survey: q.survey,
    groupBy: q.groupBy,
    from: isoDate(range.from),
    to: isoDate(range.to),
    timeZone: deps.config.timeZone,
    minSample: deps.config.minSample,
    fcr: { n: details.fcr.n, score: details.fcr.score, low: details.fcr.low, high: details.fcr.high },
    data,
  });
}
