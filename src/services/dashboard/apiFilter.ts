// The period, team and agent the reporting API routes share, resolved to ids: teams by name,
// agents by email, "all time" from the first answer.
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { firstAnswerAt } from '../../db/queries/firstAnswerAt';
import { agents, teams } from '../../db/schema';
import { resolveRange, type DayRange, type Preset } from '../../domain/period';
import { err, ok, type Result } from '../../domain/result';

export interface ApiFilterQuery {
  preset?: Preset | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** A team's name. */
  team?: string | undefined;
  /** An agent's email address. */
  agent?: string | undefined;
}

export interface ApiFilter {
  range: DayRange;
  teamId: string | null;
  agentId: string | null;
}

/** Which query parameter does not work, and why. */
export interface QueryError {
  field: string;
  message: string;
}

export async function resolveApiFilter(deps: Pick<Deps, 'db' | 'clock' | 'config'>, q: ApiFilterQuery): Promise<Result<ApiFilter, QueryError>> {
  const invalid = (field: string, message: string) => err({ field, message });
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
