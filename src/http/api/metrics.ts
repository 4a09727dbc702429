// GET /api/v1/metrics: the dashboards' numbers for integrations, under an API key (which sees
// every team). Same services as the pages, so both always agree.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { CHANNELS, SURVEY_KINDS } from '../../db/schema';
import { GROUP_BYS } from '../../services/dashboard/metrics';
import { getMetricsReport } from '../../services/dashboard/metricsReport';
import { fieldErrors, problem } from '../problem';
import type { TMetrics } from './shapes';
import { ZApiPeriod } from './apiFilter';

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
      const report = await getMetricsReport(deps, c.req.valid('query'));
      if (!report.ok) return problem(c, 400, 'Invalid query', { errors: [report.error] });
      return c.json(report.value satisfies TMetrics);
    },
  );
}
