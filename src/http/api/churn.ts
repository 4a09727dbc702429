// GET /api/v1/churn: churn rates per month or quarter, simple and adjusted, overall and by segment.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { CHURN_INTERVALS, churnPeriods, type ChurnRow } from '../../domain/churn';
import { isoDate } from '../../domain/period';
import { getChurnReport, MAX_PERIODS } from '../../services/customers/churn';
import { fieldErrors, problem } from '../problem';
import { resolveApiFilter, ZApiPeriod } from './apiFilter';
import type { TChurn } from './shapes';

const { agent: _agent, ...period } = ZApiPeriod;
export const ZChurnQuery = z.object({ ...period, interval: z.enum(CHURN_INTERVALS).default('month') }).strict();

export const churnJson = ({ label, from, to, ...rates }: ChurnRow) => ({ period: label, from: isoDate(from), to: isoDate(to), ...rates });

export function churnApiRoutes(deps: Deps) {
  return new Hono().get(
    '/',
    zValidator('query', ZChurnQuery, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid query', { errors: fieldErrors(result.error) });
    }),
    async (c) => {
      const q = c.req.valid('query');
      const f = await resolveApiFilter(deps, c, { ...q, preset: q.preset ?? (q.from || q.to ? undefined : '12m') });
      if (!f.ok) return f.error;
      if (churnPeriods(f.value.range, q.interval).length > MAX_PERIODS) {
        return problem(c, 400, 'Invalid query', { errors: [{ field: 'from', message: `a report may have at most ${MAX_PERIODS} periods; narrow the range or use interval=quarter` }] });
      }
      const { rows, total } = await getChurnReport(deps, { range: f.value.range, interval: q.interval, teamId: f.value.teamId, scope: null });
      return c.json({
        from: isoDate(f.value.range.from),
        to: isoDate(f.value.range.to),
        interval: q.interval,
        timeZone: deps.config.timeZone,
        data: rows.map(churnJson),
        total: churnJson(total),
      } satisfies TChurn);
    },
  );
}
