// GET /api/v1/metrics: the dashboards' numbers for integrations, under an API key (which sees
// every team). Same services as the pages, so both always agree.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { CHANNELS, SURVEY_KINDS } from '../../db/schema';
import { isoDate } from '../../domain/period';
import { GROUP_BYS, getMetrics } from '../../services/dashboard/metrics';
import { ensureRollups } from '../../services/dashboard/rollups';
import { getSurveyDetails, reasonRows } from '../../services/dashboard/details';
import { fieldErrors, problem } from '../problem';
import type { TMetrics } from './shapes';
import { resolveApiFilter, ZApiPeriod } from './apiFilter';

export const ZMetricsQuery = z
  .object({
    survey: z.enum(SURVEY_KINDS).default('csat'),
    // survey design: 'reason' lists the reasons' shares instead of scores.
    groupBy: z.enum([...GROUP_BYS, 'reason']).default('none'),
    ...ZApiPeriod,
    channel: z.enum(CHANNELS).optional(),
    tag: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

export function metricsRoutes(deps: Deps) {
  return new Hono().get(
    '/',
    zValidator('query', ZMetricsQuery, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid query', { errors: fieldErrors(result.error) });
    }),
    async (c) => {
      const q = c.req.valid('query');
      const f = await resolveApiFilter(deps, c, q);
      if (!f.ok) return f.error;
      const { range } = f.value;

      await ensureRollups(deps);
      const filter = { teamId: f.value.teamId, agentId: f.value.agentId, channel: q.channel ?? null, tag: q.tag ?? null };
      const details = await getSurveyDetails(deps, { scope: { kind: 'all' }, filter, range, survey: q.survey });
      const data =
        q.groupBy === 'reason'
          ? reasonRows(details)
          : await getMetrics(deps, { scope: { kind: 'all' }, filter, range, survey: q.survey, groupBy: q.groupBy, minSample: deps.config.minSample });
      return c.json({
        survey: q.survey,
        groupBy: q.groupBy,
        from: isoDate(range.from),
        to: isoDate(range.to),
        timeZone: deps.config.timeZone,
        minSample: deps.config.minSample,
        fcr: { n: details.fcr.n, score: details.fcr.score, low: details.fcr.low, high: details.fcr.high },
        data,
      } satisfies TMetrics);
    },
  );
}
