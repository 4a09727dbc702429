// What each dashboard page shows, from the URL's parameters and the viewer: the team and agent the
// URL names (null when the viewer may not see them: the handler answers 404), the range, and the
// page's numbers. A full page also gets the filter menus' options; an htmx swap of the body does not.
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { agents, teams } from '../../db/schema';
import { findAgents } from '../../db/queries/findAgents';
import { firstAnswerAt } from '../../db/queries/firstAnswerAt';
import { findTags } from '../../db/queries/findTags';
import { findTeams } from '../../db/queries/findTeams';
import { canSeeAgent, canSeeTeam, scopeOf, type Scope, type SessionUser } from '../../domain/access';
import type { DashParams } from '../../domain/dashParams';
import { fittingBucket, isoDate, resolveRange, type ResolvedRange } from '../../domain/period';
import { SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { dayNumber } from '../../domain/timeZone';
import { AGENTS_PAGE_SIZE, getAgentsTable, type AgentsTable } from './agents';
import { visibleOf, type DashboardFilter } from './counts';
import { getSurveyDetails } from './details';
import { exportCsv } from './export';
import { getOverview } from './overview';
import { listDashboardResponses } from './responseList';
import { ensureRollups } from './rollups';
import { getThemes, searchMatches, themeMatch, themeName } from '../insight/themes';

const LATEST_COMMENTS = 6;
const PAGE_SIZE = 25;
const THEMES_SHOWN = 8;

/** What every dashboard page works out from the URL before reading its numbers. */
export interface DashboardView {
  user: SessionUser;
  scope: Scope;
  params: DashParams;
  filter: DashboardFilter;
  range: ResolvedRange;
  rangeError: string | null;
  today: number;
  /** Names of the team and agent in the URL, for headings and chips. */
  names: { team: string | null; agent: { name: string | null; email: string; teamName: string | null } | null };
}

export interface FilterOptions {
  teams: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string | null; email: string }>;
  tags: string[];
  /** Which selects make sense here: an agent's own pages have neither. */
  team: boolean;
  agent: boolean;
}

/** Which filter selects a full page shows; null for an htmx swap of the body, which needs no options. */
export type Selects = { team: boolean; agent: boolean } | null;

export interface DashboardPage<T> {
  view: DashboardView;
  options: FilterOptions | null;
  data: T;
}

type PageDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'atomic'>;

/** Resolves the URL's team, agent and range for this viewer; null means "answer 404". */
async function getView(deps: PageDeps, user: SessionUser, params: DashParams): Promise<DashboardView | null> {
  const tz = deps.config.timeZone;
  const scope = scopeOf(user);
  let team: DashboardView['names']['team'] = null;
  if (params.team) {
    const [row] = await deps.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, params.team));
    if (!row || scope.kind === 'agent' || !canSeeTeam(user, row.id)) return null;
    team = row.name;
  }
  let agent: DashboardView['names']['agent'] = null;
  if (params.agent) {
    const [row] = await deps.db
      .select({ id: agents.id, teamId: agents.teamId, name: agents.name, email: agents.email, teamName: teams.name })
      .from(agents)
      .leftJoin(teams, eq(teams.id, agents.teamId))
      .where(eq(agents.id, params.agent));
    if (!row || !canSeeAgent(user, row)) return null;
    agent = { name: row.name, email: row.email, teamName: row.teamName };
  }
  const now = deps.clock();
  // A preset in the URL wins; "custom" (or no preset) uses the dates.
  const asked = params.preset ? { preset: params.preset } : { from: params.from ?? undefined, to: params.to ?? undefined };
  const resolved = resolveRange(asked, now, tz, asked.preset === 'all' ? await firstAnswerAt(deps.db) : null);
  await ensureRollups(deps);
  return {
    user,
    scope,
    params,
    filter: { teamId: params.team, agentId: params.agent, channel: params.channel, tag: params.tag },
    range: resolved.ok ? resolved.value : (resolveRange({}, now, tz) as { ok: true; value: ResolvedRange }).value,
    rangeError: resolved.ok ? null : `Those dates do not work (${resolved.error}).`,
    today: dayNumber(now, tz),
    names: { team, agent },
  };
}

async function getFilterOptions(deps: PageDeps, v: DashboardView, selects: NonNullable<Selects>): Promise<FilterOptions> {
  const visible = visibleOf(v.scope, { teamId: null, agentId: null, channel: null, tag: null });
  const teamIds = visible?.teamIds ?? null;
  const [teamList, agentList, tags] = await Promise.all([
    selects.team && visible ? findTeams(deps.db, teamIds) : Promise.resolve([]),
    selects.agent && visible ? findAgents(deps.db, { teamIds, agentId: visible.agentId, withIds: [] }) : Promise.resolve([]),
    visible ? findTags(deps.db, teamIds) : Promise.resolve([]),
  ]);
  agentList.sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  return { teams: teamList, agents: agentList, tags, ...selects };
}

/** The view, then the page's numbers and (for a full page) the filter options. */
async function loadPage<T>(
  deps: PageDeps,
  user: SessionUser,
  params: DashParams,
  selects: Selects,
  read: (v: DashboardView) => Promise<T>,
): Promise<DashboardPage<T> | null> {
  const view = await getView(deps, user, params);
  if (!view) return null;
  const [data, options] = await Promise.all([read(view), selects ? getFilterOptions(deps, view, selects) : Promise.resolve(null)]);
  return { view, options, data };
}

/** What every service call reads from the view: who sees, which filters, which dates, which survey. */
const selection = (v: DashboardView) => ({ scope: v.scope, filter: v.filter, range: v.range, survey: v.params.survey });
/** survey design: the reason and resolved drill-downs of the responses list and export. */
const detailFilter = (v: DashboardView) => ({ reason: v.params.reason, resolved: v.params.resolved === null ? null : v.params.resolved === 'yes' });

async function overviewOf(deps: PageDeps, v: DashboardView, comments: number) {
  const [o, details] = await Promise.all([
    getOverview(deps, { ...selection(v), bucket: v.params.bucket ? fittingBucket(v.range, v.params.bucket) : null, minSample: deps.config.minSample, today: v.today, comments }),
    getSurveyDetails(deps, selection(v)),
  ]);
  return { ...o, details };
}

/** insight: the themes panel's numbers, with a way to manage them for admins. */
const themePanel = async (deps: PageDeps, v: DashboardView) => ({
  report: await getThemes(deps, { ...selection(v), limit: THEMES_SHOWN }),
  manageHref: v.user.role === 'admin' ? '/admin/themes' : null,
});

/** insight: the sentiment, theme and searched words of the responses list (and its CSV). */
const commentFilters = async (deps: PageDeps, v: DashboardView) => {
  const theme = v.params.theme ? await themeMatch(deps, v.params.theme) : null;
  return { sentiment: v.params.sentiment, matches: [...(theme ? [theme] : []), ...searchMatches(v.params.q)] };
};

/** The overview: scores, trend, distribution and the latest comments. */
export function getOverviewPage(deps: PageDeps, user: SessionUser, params: DashParams, selects: Selects) {
  return loadPage(deps, user, params, selects, async (v) => {
    const [overview, themes] = await Promise.all([overviewOf(deps, v, LATEST_COMMENTS), themePanel(deps, v)]);
    return { overview, themes };
  });
}

/** One agent's page (params.agent names them): their numbers, and every comment, newest first. */
export function getAgentPage(deps: PageDeps, user: SessionUser, params: DashParams, selects: Selects) {
  return loadPage(deps, user, params, selects, async (v) => {
    const [overview, comments, themes] = await Promise.all([
      overviewOf(deps, v, 0),
      listDashboardResponses(deps, { ...selection(v), score: null, withComment: true, cursor: v.params.cursor, limit: PAGE_SIZE }),
      themePanel(deps, v),
    ]);
    return { overview, comments, themes };
  });
}

/** The agents table, sorted as the URL asks, with the survey kinds that have answers as columns. */
export function getAgentsPage(deps: PageDeps, user: SessionUser, params: DashParams, selects: Selects) {
  return loadPage(deps, user, params, selects, async (v): Promise<{ table: AgentsTable; kinds: SurveyKind[] }> => {
    const table = await getAgentsTable(deps, {
      ...selection(v),
      minSample: deps.config.minSample,
      sort: v.params.sort ?? 'rank',
      dir: v.params.dir ?? (v.params.sort && v.params.sort !== 'rank' && v.params.sort !== 'name' ? 'desc' : 'asc'),
      page: v.params.page ?? 1,
      pageSize: AGENTS_PAGE_SIZE,
    });
    const kinds = v.params.survey ? [v.params.survey] : table.kinds;
    return { table, kinds: kinds.length ? kinds : [table.rankKind] };
  });
}

/** The responses list, one page of it, and the name of the theme it is filtered by. */
export function getResponsesPage(deps: PageDeps, user: SessionUser, params: DashParams, selects: Selects) {
  return loadPage(deps, user, params, selects, async (v) => {
    const comments = await commentFilters(deps, v);
    const [list, theme] = await Promise.all([
      listDashboardResponses(deps, {
        ...selection(v),
        score: v.params.score,
        withComment: v.params.comments,
        ...comments,
        cursor: v.params.cursor,
        limit: PAGE_SIZE,
        ...detailFilter(v),
      }),
      v.params.theme ? themeName(deps, v.params.theme) : Promise.resolve(null),
    ]);
    return { list, themeName: theme };
  });
}

/** The responses list as a CSV stream, with the file name it downloads as; null means "answer 404". */
export async function getResponsesExport(deps: PageDeps, user: SessionUser, params: DashParams) {
  const v = await getView(deps, user, params);
  if (!v) return null;
  const stream = exportCsv(deps, { ...selection(v), score: v.params.score, withComment: v.params.comments, ...detailFilter(v), ...(await commentFilters(deps, v)) });
  return { stream, filename: `heard-responses-${isoDate(v.range.from)}-to-${isoDate(v.range.to)}.csv` };
}
