// The dashboards: overview, agents, one agent, responses and their CSV export. Each handler reads
// the URL, checks the viewer may see what it names (other people's ids answer 404), calls one
// service and renders: the whole page, or only the body when htmx asks for it after a change.
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Deps } from '../deps';
import { agents, teams } from '../db/schema';
import { findAgents } from '../db/queries/findAgents';
import { findTags } from '../db/queries/findTags';
import { findTeams } from '../db/queries/findTeams';
import { canSeeAgent, canSeeTeam, scopeOf, type Scope, type SessionUser } from '../domain/access';
import { defaultBucket, isoDate, resolveRange, type ResolvedRange, fittingBucket } from '../domain/period';
import { dayNumber } from '../domain/timeZone';
import { firstAnswerAt } from '../db/queries/firstAnswerAt';
import { SURVEY_KINDS } from '../domain/surveys';
import { getAgentsTable } from '../services/dashboard/agents';
import { visibleOf, type DashboardFilter } from '../services/dashboard/counts';
import { exportCsv } from '../services/dashboard/export';
import { getOverview } from '../services/dashboard/overview';
import { getSurveyDetails } from '../services/dashboard/details';
import { listDashboardResponses } from '../services/dashboard/responseList';
import { ensureRollups } from '../services/dashboard/rollups';
import { getThemes, themeMatch, searchMatches, themeName } from '../services/insight/themes';
import { DashPage, type DashPageProps } from '../../views/pages/dashboard/Overview';
import { AgentsTable } from '../../views/partials/dashboard/AgentsTable';
import { FilterUpdates, type FilterOptions } from '../../views/partials/dashboard/Filters';
import { OverviewBody } from '../../views/partials/dashboard/OverviewBody';
import { ResponseList } from '../../views/partials/dashboard/ResponseList';
import { ResponsesBody } from '../../views/partials/dashboard/ResponsesBody';
import { SwapLink } from '../../views/partials/dashboard/SwapLink';
import { carried, dashUrl, readParams, type DashParams } from './dashboardParams';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

const LATEST_COMMENTS = 6;
const PAGE_SIZE = 25;
const THEMES_SHOWN = 8;

/** What every dashboard request works out before calling its service. */
interface View {
  user: SessionUser;
  csrf: string;
  scope: Scope;
  params: DashParams;
  filter: DashboardFilter;
  range: ResolvedRange;
  rangeError: string | null;
  today: number;
  /** Names of the team and agent in the URL, for headings and chips. */
  names: { team: string | null; agent: { name: string | null; email: string; teamName: string | null } | null };
}

/** An htmx swap after a filter change wants only the body; a history restore wants the page. */
const wantsBody = (c: Context) => c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';

/** What every service call reads from the view: who sees, which filters, which dates, which survey. */
const selection = (v: View) => ({ scope: v.scope, filter: v.filter, range: v.range, survey: v.params.survey });
/** survey design: the reason and resolved drill-downs of the responses list and export. */
const detailFilter = (v: View) => ({ reason: v.params.reason, resolved: v.params.resolved === null ? null : v.params.resolved === 'yes' });

export function dashboardRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  const tz = deps.config.timeZone;

  /** Parses and authorizes the URL; null means "answer 404". */
  async function view(c: Context<SessionEnv>, agentFromPath?: string): Promise<View | null> {
    const { user, csrf } = viewer(c);
    const params = readParams(c.req.query());
    if (agentFromPath) params.agent = agentFromPath;
    const scope = scopeOf(user);
    let team: View['names']['team'] = null;
    if (params.team) {
      const [row] = await deps.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, params.team));
      if (!row || scope.kind === 'agent' || !canSeeTeam(user, row.id)) return null;
      team = row.name;
    }
    let agent: View['names']['agent'] = null;
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
      csrf,
      scope,
      params,
      filter: { teamId: params.team, agentId: params.agent, channel: params.channel, tag: params.tag },
      range: resolved.ok ? resolved.value : (resolveRange({}, now, tz) as { ok: true; value: ResolvedRange }).value,
      rangeError: resolved.ok ? null : `Those dates do not work (${resolved.error}).`,
      today: dayNumber(now, tz),
      names: { team, agent },
    };
  }

  async function options(v: View, selects: { team: boolean; agent: boolean }): Promise<FilterOptions> {
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

  const overview = async (v: View, comments: number) => {
    const [o, details] = await Promise.all([
      getOverview(deps, { ...selection(v), bucket: v.params.bucket ? fittingBucket(v.range, v.params.bucket) : null, minSample: deps.config.minSample, today: v.today, comments }),
      getSurveyDetails(deps, selection(v)),
    ]);
    return { ...o, details };
  };

  /** insight: the themes panel's numbers, with a way to manage them for admins. */
  const themePanel = async (v: View) => ({
    report: await getThemes(deps, { ...selection(v), limit: THEMES_SHOWN }),
    manageHref: v.user.role === 'admin' ? '/admin/themes' : null,
  });

  /** insight: the sentiment, theme and searched words of the responses list (and its CSV). */
  const commentFilters = async (v: View) => {
    const theme = v.params.theme ? await themeMatch(deps, v.params.theme) : null;
    return { sentiment: v.params.sentiment, matches: [...(theme ? [theme] : []), ...searchMatches(v.params.q)] };
  };

  const agentHref = (user: SessionUser) => (id: string) => (user.role === 'agent' && id !== user.agentId ? null : `/agents/${id}`);

  /** Only the body for an htmx swap, else the whole page around it (the filter options cost queries, so only then). */
  async function respond(
    c: Context<SessionEnv>,
    v: View,
    body: JSX.Element,
    page: Pick<DashPageProps, 'title' | 'active' | 'path' | 'intro'> & { selects: { team: boolean; agent: boolean } },
  ) {
    if (wantsBody(c)) {
      return c.html(
        <>
          {body}
          <FilterUpdates params={v.params} range={v.range} names={v.names} today={v.today} error={v.rangeError} />
        </>,
      );
    }
    return c.html(
      <DashPage
        user={v.user}
        csrf={v.csrf}
        title={page.title}
        active={page.active}
        path={page.path}
        params={v.params}
        range={v.range}
        rangeError={v.rangeError}
        names={v.names}
        today={v.today}
        options={await options(v, page.selects)}
        intro={page.intro}
      >
        {body}
      </DashPage>,
    );
  }

  /** An agent's page: their numbers, and every comment, newest first. */
  async function agentPage(c: Context<SessionEnv>, agentId: string, path: string) {
    const v = await view(c, agentId);
    if (!v) return messagePage(c, 'notFound', 404);
    const [o, comments, themes] = await Promise.all([
      overview(v, 0),
      listDashboardResponses(deps, { ...selection(v), score: null, withComment: true, cursor: v.params.cursor, limit: PAGE_SIZE }),
      themePanel(v),
    ]);
    const keep = { ...carried(v.params), agent: null };
    const body = (
      <OverviewBody o={o} themes={themes} path={path} params={{ ...v.params, agent: null }} today={v.today} tz={tz} minSample={deps.config.minSample} agentHref={agentHref(v.user)}>
        <section class="card" aria-labelledby="comments-title">
          <div class="chart-head">
            <h2 id="comments-title">Comments</h2>
            <a href={dashUrl('/responses', { ...keep, agent: agentId })}>All responses</a>
          </div>
          <ResponseList rows={comments.rows} tz={tz} agentHref={() => null} empty="No comments in this period." />
          <nav class="pager" aria-label="Pages">
            {v.params.cursor && <SwapLink href={dashUrl(path, keep)}>← Newest</SwapLink>}
            {comments.nextCursor && (
              <SwapLink href={dashUrl(path, { ...keep, cursor: comments.nextCursor })} data="older">
                Older comments →
              </SwapLink>
            )}
          </nav>
        </section>
      </OverviewBody>
    );
    const a = v.names.agent!;
    return respond(c, v, body, {
      title: a.name ?? a.email,
      active: path === '/' ? 'overview' : 'agents',
      path,
      selects: { team: false, agent: false },
      intro: (
        <p class="muted page-intro">
          {a.email}
          {a.teamName && <> · {a.teamName}</>}
        </p>
      ),
    });
  }

  app.get('/', requireUser(), async (c) => {
    const { user } = viewer(c);
    // An agent's home is their own page.
    if (user.role === 'agent') return user.agentId ? agentPage(c, user.agentId, '/') : messagePage(c, 'notFound', 404);
    const v = await view(c);
    if (!v) return messagePage(c, 'notFound', 404);
    const [o, themes] = await Promise.all([overview(v, LATEST_COMMENTS), themePanel(v)]);
    const body = <OverviewBody o={o} themes={themes} path="/" params={v.params} today={v.today} tz={tz} minSample={deps.config.minSample} agentHref={agentHref(user)} />;
    return respond(c, v, body, { title: 'Overview', active: 'overview', path: '/', selects: { team: true, agent: true } });
  });

  app.get('/agents', requireUser('admin', 'manager'), async (c) => {
    const v = await view(c);
    if (!v) return messagePage(c, 'notFound', 404);
    const t = await getAgentsTable(deps, {
      ...selection(v),
      minSample: deps.config.minSample,
      sort: v.params.sort ?? 'rank',
      dir: v.params.dir ?? (v.params.sort && v.params.sort !== 'rank' && v.params.sort !== 'name' ? 'desc' : 'asc'),
    });
    const kinds = v.params.survey ? [v.params.survey] : SURVEY_KINDS.filter((k) => t.lines.some((l) => l.scores[k].n > 0));
    const body = (
      <AgentsTable t={t} params={v.params} path="/agents" range={v.range} today={v.today} minSample={deps.config.minSample} kinds={kinds.length ? kinds : [t.rankKind]} />
    );
    return respond(c, v, body, { title: 'Agents', active: 'agents', path: '/agents', selects: { team: true, agent: false } });
  });

  app.get('/agents/:id', requireUser(), (c) => agentPage(c, c.req.param('id'), `/agents/${c.req.param('id')}`));

  app.get('/responses', requireUser(), async (c) => {
    const v = await view(c);
    if (!v) return messagePage(c, 'notFound', 404);
    const page = await listDashboardResponses(deps, {
      ...selection(v),
      score: v.params.score,
      withComment: v.params.comments,
      ...(await commentFilters(v)),
      cursor: v.params.cursor,
      limit: PAGE_SIZE,
      ...detailFilter(v),
    });
    const body = (
      <ResponsesBody
        page={page}
        params={v.params}
        range={v.range}
        today={v.today}
        tz={tz}
        names={{
          team: v.names.team,
          agent: v.names.agent ? (v.names.agent.name ?? v.names.agent.email) : null,
          theme: v.params.theme ? await themeName(deps, v.params.theme) : null,
        }}
        agentHref={agentHref(v.user)}
      />
    );
    const staff = v.user.role !== 'agent';
    return respond(c, v, body, { title: 'Responses', active: 'responses', path: '/responses', selects: { team: staff, agent: staff } });
  });

  app.get('/responses.csv', requireUser(), async (c) => {
    const v = await view(c);
    if (!v) return messagePage(c, 'notFound', 404);
    const stream = exportCsv(deps, {
      ...selection(v),
      score: v.params.score,
      withComment: v.params.comments,
      ...detailFilter(v),

      ...(await commentFilters(v)),
    });
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="heard-responses-${isoDate(v.range.from)}-to-${isoDate(v.range.to)}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
