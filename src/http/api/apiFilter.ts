// The period, team and agent parameters the reporting API routes share: their zod shape, and
// their resolution (a service) answered as a 400 problem naming the parameter that is wrong.
import type { Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { parseIsoDate, PRESETS } from '../../domain/period';
import { err, ok, type Result } from '../../domain/result';
import { resolveApiFilter as resolve, type ApiFilter, type ApiFilterQuery } from '../../services/dashboard/apiFilter';
import { problem } from '../problem';

const date = z.string().refine((v) => parseIsoDate(v) !== null, 'must be a date like 2026-01-31');

export const ZApiPeriod = {
  preset: z.enum(PRESETS).optional(),
  from: date.optional(),
  to: date.optional(),
  team: z.string().trim().min(1).max(100).optional(),
  agent: z.string().trim().toLowerCase().email().optional(),
};

/** Resolves the period and names; a problem response (400) names the parameter that is wrong. */
export async function resolveApiFilter(deps: Pick<Deps, 'db' | 'clock' | 'config'>, c: Context, q: ApiFilterQuery): Promise<Result<ApiFilter, Response>> {
  const f = await resolve(deps, q);
  return f.ok ? ok(f.value) : err(problem(c, 400, 'Invalid query', { errors: [f.error] }));
}
