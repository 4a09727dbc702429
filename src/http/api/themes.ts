// GET /api/v1/themes: what customers write about in a period, with trends, for integrations.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { SURVEY_KINDS } from '../../db/schema';
import { isoDate } from '../../domain/period';
import { getThemes } from '../../services/insight/themes';
import { fieldErrors, problem } from '../problem';
import { resolveApiFilter, ZApiPeriod } from './apiFilter';
import type { TThemes } from './shapes';

export const ZThemesQuery = z
  .object({ ...ZApiPeriod, survey: z.enum(SURVEY_KINDS).optional(), limit: z.coerce.number().int().min(1).max(50).default(10) })
  .strict();

export function themeApiRoutes(deps: Deps) {
  return new Hono().get(
    '/',
    zValidator('query', ZThemesQuery, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid query', { errors: fieldErrors(result.error) });
    }),
    async (c) => {
      const q = c.req.valid('query');
      const f = await resolveApiFilter(deps, c, q);
      if (!f.ok) return f.error;
      const report = await getThemes(deps, {
        scope: { kind: 'all' },
        filter: { teamId: f.value.teamId, agentId: f.value.agentId, channel: null, tag: null },
        range: f.value.range,
        survey: q.survey ?? null,
        limit: q.limit,
      });
      return c.json({
        from: isoDate(report.range.from),
        to: isoDate(report.range.to),
        previous: { from: isoDate(report.previous.from), to: isoDate(report.previous.to) },
        comments: report.comments,
        data: report.themes.map(({ ref, ...t }) => ({ id: ref, ...t })),
      } satisfies TThemes);
    },
  );
}
