// GET /api/v1/metrics as one use case: the team and agent named in the query (by name and email),
// the range, then the same numbers the pages show, for an API key that sees every team.
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { agents, teams, type Channel } from '../../db/schema';
import { isoDate, resolveRange, type Preset } from '../../domain/period';
import { err, ok } from '../../domain/result';
import type { SurveyKind } from '../../domain/surveys';
import { getSurveyDetails, reasonRows } from './details';
import { getMetrics, type GroupBy } from './metrics';
import { ensureRollups } from './rollups';

export interface MetricsReportQuery {
  survey: SurveyKind;
  groupBy: GroupBy | 'reason';
  preset?: Preset | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** A team's name. */
  team?: string | undefined;
  /** An agent's email address. */
  agent?: string | undefined;
  channel?: Channel | undefined;
  tag?: string | undefined;
}

/** Which query field does not work, and why. */
export interface QueryError {
  field: string;
  message: string;
}

export async function getMetricsReport(deps: Deps, q: MetricsReportQuery) {
  const range = resolveRange(q, deps.clock(), deps.config.timeZone);
  if (!range.ok) {
    const [field = 'from', message = range.error] = range.error.split(': ');
    return err<QueryError>({ field, message });
  }
  const [team] = q.team ? await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, q.team)) : [];
  if (q.team && !team) return err({ field: 'team', message: 'no team has this name' });
  const [agent] = q.agent ? await deps.db.select({ id: agents.id }).from(agents).where(eq(agents.email, q.agent)) : [];
  if (q.agent && !agent) return err({ field: 'agent', message: 'no agent has this email' });

  await ensureRollups(deps);
  const filter = { teamId: team?.id ?? null, agentId: agent?.id ?? null, channel: q.channel ?? null, tag: q.tag ?? null };
  const details = await getSurveyDetails(deps, { scope: { kind: 'all' }, filter, range: range.value, survey: q.survey });
  const data =
    q.groupBy === 'reason'
      ? reasonRows(details)
      : await getMetrics(deps, { scope: { kind: 'all' }, filter, range: range.value, survey: q.survey, groupBy: q.groupBy, minSample: deps.config.minSample });
  return ok({
    survey: q.survey,
    groupBy: q.groupBy,
    from: isoDate(range.value.from),
    to: isoDate(range.value.to),
    timeZone: deps.config.timeZone,
    minSample: deps.config.minSample,
    fcr: { n: details.fcr.n, score: details.fcr.score, low: details.fcr.low, high: details.fcr.high },
    data,
  });
}
