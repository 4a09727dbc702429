// What one person's score digest says for one period, read through the dashboards' own services
// (so the email and the dashboard can never disagree): scores against the previous period, the
// trend, FCR, themes, the agents who moved most, and the follow-ups waiting.
import type { Deps } from '../../deps';
import { findTeams } from '../../db/queries/findTeams';
import { scopeOf, type SessionUser } from '../../domain/access';
import { dashUrl } from '../../domain/dashParams';
import { agentMovers, type AgentMove } from '../../domain/digest';
import type { FcrResult } from '../../domain/surveyDetails';
import { isoDate, previousRange, type DayRange } from '../../domain/period';
import { dayNumber } from '../../domain/timeZone';
import type { SurveyKind } from '../../domain/surveys';
import { getAgentsTable, type AgentsTable } from '../dashboard/agents';
import { NO_FILTER } from '../dashboard/counts';
import { getSurveyDetails } from '../dashboard/details';
import { getOverview, type Overview } from '../dashboard/overview';
import { ensureRollups } from '../dashboard/rollups';
import { countActive } from '../followups/queries';
import { getThemes, type Theme } from '../insight/themes';

const THEMES = 5;
const MOVERS = 3;
/** How far back the trend chart looks: eight weeks for a weekly digest, fourteen days for a daily one. */
const TREND = { weekly: { bucket: 'week', days: 8 * 7 }, daily: { bucket: 'day', days: 14 } } as const;

export interface ScoreDigest {
  frequency: 'daily' | 'weekly';
  range: DayRange;
  previous: DayRange;
  /** Names of the teams it covers; null for every team. */
  teams: string[] | null;
  overview: Overview;
  fcr: FcrResult;
  trend: { bucket: 'week' | 'day'; points: Overview['trend'] };
  themes: Theme[];
  movers: AgentMove[];
  /** The kind agents are compared by. */
  moverKind: SurveyKind;
  followups: { open: number; overdue: number };
  links: { dashboard: string; inbox: string; account: string };
}

const agentLines = (t: AgentsTable) =>
  t.lines.map((l) => ({ id: l.agent.id, name: l.agent.name ?? l.agent.email, n: l.scores[t.rankKind].n, score: l.scores[t.rankKind].score }));

export async function getScoreDigest(
  deps: Pick<Deps, 'db' | 'config' | 'atomic' | 'clock'>,
  user: SessionUser,
  frequency: 'daily' | 'weekly',
  range: DayRange,
  now: number,
): Promise<ScoreDigest> {
  const { minSample, timeZone, publicUrl } = deps.config;
  await ensureRollups(deps);
  const scope = scopeOf(user);
  const q = { scope, filter: NO_FILTER, range };
  const trendOf = TREND[frequency];
  const today = dayNumber(now, timeZone);
  const overview = await getOverview(deps, { ...q, survey: null, bucket: null, minSample, today, comments: 0 });
  // The trend, the distribution and the agents all speak of the period's main kind.
  const kind = overview.chartKind;
  const [trend, details, themes, followups, teams] = await Promise.all([
    getOverview(deps, { ...q, range: { from: range.to - trendOf.days + 1, to: range.to }, survey: kind, bucket: trendOf.bucket, minSample, today, comments: 0 }),
    getSurveyDetails(deps, { ...q, survey: null }),
    getThemes(deps, { ...q, survey: null, limit: THEMES }),
    countActive(deps, user, now),
    scope.kind === 'teams' ? findTeams(deps.db, scope.teamIds) : Promise.resolve(null),
  ]);
  // Movers are found among every agent in scope, so one page holds them all.
  const table = (r: DayRange) => getAgentsTable(deps, { ...q, range: r, survey: kind, minSample, sort: 'rank', dir: 'asc', page: 1, pageSize: Number.MAX_SAFE_INTEGER });
  const [agentsNow, agentsBefore] = await Promise.all([table(range), table(previousRange(range))]);

  const team = scope.kind === 'teams' && scope.teamIds.length === 1 ? scope.teamIds[0]! : null;
  return {
    frequency,
    range,
    previous: overview.previous,
    teams: teams ? teams.map((t) => t.name).sort((a, b) => a.localeCompare(b)) : null,
    overview,
    fcr: details.fcr,
    trend: { bucket: trendOf.bucket, points: trend.trend },
    themes: themes.themes,
    movers: agentMovers(agentLines(agentsNow), agentLines(agentsBefore), minSample, MOVERS),
    moverKind: kind,
    followups: { open: followups.active, overdue: followups.overdue },
    links: { dashboard: publicUrl + dashUrl('/', { from: isoDate(range.from), to: isoDate(range.to), team }), inbox: `${publicUrl}/follow-ups`, account: `${publicUrl}/account` },
  };
}
