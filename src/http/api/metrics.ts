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
import { fieldErrors, problem } from '../problem';
import { resolveApiFilter, ZApiPeriod } from './apiFilter';

const ZMetricsQuery = z
  .object({
    survey: z.enum(SURVEY_KINDS).default('csat'),
    groupBy: z.enum(GROUP_BYS).default('none'),
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
      const data = await getMetrics(deps, {
        scope: { kind: 'all' },
        filter: { teamId: f.value.teamId, agentId: f.value.agentId, channel: q.channel ?? null, tag: q.tag ?? null },
        range,
        survey: q.survey,
        groupBy: q.groupBy,
        minSample: deps.config.minSample,
      });
      return c.json({
        survey: q.survey,
        groupBy: q.groupBy,
        from: isoDate(range.from),
        to: isoDate(range.to),
        timeZone: deps.config.timeZone,
        minSample: deps.config.minSample,
        data,
      });
    },
  );
}
