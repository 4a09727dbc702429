// GET /api/v1/metrics: the dashboards' numbers for integrations, under an API key (which sees
// every team). Same services as the pages, so both always agree.
import { zValidator } from '@hono/zod-validator';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { agents, CHANNELS, SURVEY_KINDS, teams } from '../../db/schema';
import { isoDate, parseIsoDate, PRESETS, resolveRange } from '../../domain/period';
import { firstAnswerAt } from '../../db/queries/firstAnswerAt';
import { GROUP_BYS, getMetrics } from '../../services/dashboard/metrics';
import { ensureRollups } from '../../services/dashboard/rollups';
import { getSurveyDetails, reasonRows } from '../../services/dashboard/details';
import { fieldErrors, problem } from '../problem';
import type { TMetrics } from './shapes';

const date = z.string().refine((v) => parseIsoDate(v) !== null, 'must be a date like 2026-01-31');

export const ZMetricsQuery = z
  .object({
    survey: z.enum(SURVEY_KINDS).default('csat'),
    // survey design: 'reason' lists the reasons' shares instead of scores.
    groupBy: z.enum([...GROUP_BYS, 'reason']).default('none'),
    preset: z.enum(PRESETS).optional(),
    from: date.optional(),
    to: date.optional(),
    team: z.string().trim().min(1).max(100).optional(),
    agent: z.string().trim().toLowerCase().email().optional(),
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
      const range = resolveRange(q, deps.clock(), deps.config.timeZone, q.preset === 'all' && !q.from && !q.to ? await firstAnswerAt(deps.db) : null);
      if (!range.ok) {
        const [field = 'from', message = range.error] = range.error.split(': ');
        return problem(c, 400, 'Invalid query', { errors: [{ field, message }] });
      }
      const [team] = q.team ? await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, q.team)) : [];
      if (q.team && !team) return problem(c, 400, 'Invalid query', { errors: [{ field: 'team', message: 'no team has this name' }] });
      const [agent] = q.agent ? await deps.db.select({ id: agents.id }).from(agents).where(eq(agents.email, q.agent)) : [];
      if (q.agent && !agent) return problem(c, 400, 'Invalid query', { errors: [{ field: 'agent', message: 'no agent has this email' }] });

      await ensureRollups(deps);
      const filter = { teamId: team?.id ?? null, agentId: agent?.id ?? null, channel: q.channel ?? null, tag: q.tag ?? null };
      const details = await getSurveyDetails(deps, { scope: { kind: 'all' }, filter, range: range.value, survey: q.survey });
      const data =
        q.groupBy === 'reason'
          ? reasonRows(details)
          : await getMetrics(deps, { scope: { kind: 'all' }, filter, range: range.value, survey: q.survey, groupBy: q.groupBy, minSample: deps.config.minSample });
      return c.json({
        survey: q.survey,
        groupBy: q.groupBy,
        from: isoDate(range.value.from),
        to: isoDate(range.value.to),
        timeZone: deps.config.timeZone,
        minSample: deps.config.minSample,
        fcr: { n: details.fcr.n, score: details.fcr.score, low: details.fcr.low, high: details.fcr.high },
        data,
      } satisfies TMetrics);
    },
  );
}
