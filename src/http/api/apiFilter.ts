// The period, team and agent parameters the reporting API routes share, resolved to ids.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { firstAnswerAt } from '../../db/queries/firstAnswerAt';
import { agents, teams } from '../../db/schema';
import { parseIsoDate, PRESETS, resolveRange, type DayRange } from '../../domain/period';
import { err, ok, type Result } from '../../domain/result';
import { problem } from '../problem';

const date = z.string().refine((v) => parseIsoDate(v) !== null, 'must be a date like 2026-01-31');

export const ZApiPeriod = {
  preset: z.enum(PRESETS).optional(),
  from: date.optional(),
  to: date.optional(),
  team: z.string().trim().min(1).max(100).optional(),
  agent: z.string().trim().toLowerCase().email().optional(),
};

export interface ApiFilter {
  range: DayRange;
  teamId: string | null;
  agentId: string | null;
}

/** Resolves the period and names; a problem response (400) names the parameter that is wrong. */
export async function resolveApiFilter(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  c: Context,
  q: { preset?: (typeof PRESETS)[number]; from?: string; to?: string; team?: string; agent?: string },
): Promise<Result<ApiFilter, Response>> {
  const invalid = (field: string, message: string) => err(problem(c, 400, 'Invalid query', { errors: [{ field, message }] }));
  // All time starts at the first answer.
  const first = q.preset === 'all' && !q.from && !q.to ? await firstAnswerAt(deps.db) : null;
  const range = resolveRange(q, deps.clock(), deps.config.timeZone, first);
  if (!range.ok) {
    const [field = 'from', message = range.error] = range.error.split(': ');
    return invalid(field, message);
  }
  const [team] = q.team ? await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, q.team)) : [];
  if (q.team && !team) return invalid('team', 'no team has this name');
  const [agent] = q.agent ? await deps.db.select({ id: agents.id }).from(agents).where(eq(agents.email, q.agent)) : [];
  if (q.agent && !agent) return invalid('agent', 'no agent has this email');
  return ok({ range: range.value, teamId: team?.id ?? null, agentId: agent?.id ?? null });
}
