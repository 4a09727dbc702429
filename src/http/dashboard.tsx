// The dashboards: overview, agents, one agent, responses and their CSV export. Each handler reads
// the URL, calls one service (which answers null when the viewer may not see what the URL names:
// 404) and renders: the whole page, or only the body when htmx asks for it after a change.
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Deps } from '../deps';
import type { SessionUser } from '../domain/access';
import { carried, dashUrl, readParams } from '../domain/dashParams';
import {
  getAgentPage,
  getAgentsPage,
  getOverviewPage,
  getResponsesExport,
  getResponsesPage,
  type DashboardPage,
  type Selects,
} from '../services/dashboard/pages';
import { DashPage, type DashPageProps } from '../../views/pages/dashboard/Overview';
import { AgentsTable } from '../../views/partials/dashboard/AgentsTable';
import { FilterUpdates } from '../../views/partials/dashboard/Filters';
import { OverviewBody } from '../../views/partials/dashboard/OverviewBody';
import { ResponseList } from '../../views/partials/dashboard/ResponseList';
import { ResponsesBody } from '../../views/partials/dashboard/ResponsesBody';
import { SwapLink } from '../../views/partials/dashboard/SwapLink';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

/** An htmx swap after a filter change wants only the body; a history restore wants the page. */
const wantsBody = (c: Context) => c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';

/** The filter selects a page shows, or none when only its body is swapped in. */
const selectsFor = (c: Context, team: boolean, agent: boolean): Selects => (wantsBody(c) ? null : { team, agent });

const agentHref = (user: SessionUser) => (id: string) => (user.role === 'agent' && id !== user.agentId ? null : `/agents/${id}`);

export function dashboardRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  const tz = deps.config.timeZone;
  const minSample = deps.config.minSample;

  /** Only the body for an htmx swap, else the whole page around it. */
  function respond(
    c: Context<SessionEnv>,
    page: DashboardPage<unknown>,
    body: JSX.Element,
    shell: Pick<DashPageProps, 'title' | 'active' | 'path' | 'intro'>,
  ) {
    const { view: v, options } = page;
    if (!options) {
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
        csrf={viewer(c).csrf}
        title={shell.title}
        active={shell.active}
        path={shell.path}
        params={v.params}
        range={v.range}
        rangeError={v.rangeError}
        names={v.names}
        today={v.today}
        options={options}
        intro={shell.intro}
      >
        {body}
      </DashPage>,
    );
  }

  /** An agent's page: their numbers, and every comment, newest first. */
  async function agentPage(c: Context<SessionEnv>, agentId: string, path: string) {
    const { user } = viewer(c);
    const page = await getAgentPage(deps, user, { ...readParams(c.req.query()), agent: agentId }, selectsFor(c, false, false));
    if (!page) return messagePage(c, 'notFound', 404);
    const { view: v, data } = page;
    const keep = { ...carried(v.params), agent: null };
    const body = (
      <OverviewBody o={data.overview} themes={data.themes} path={path} params={{ ...v.params, agent: null }} today={v.today} tz={tz} minSample={minSample} agentHref={agentHref(user)}>
        <section class="card" aria-labelledby="comments-title">
          <div class="chart-head">
            <h2 id="comments-title">Comments</h2>
            <a href={dashUrl('/responses', { ...keep, agent: agentId })}>All responses</a>
          </div>
          <ResponseList rows={data.comments.rows} tz={tz} agentHref={() => null} empty="No comments in this period." />
          <nav class="pager" aria-label="Pages">
            {v.params.cursor && <SwapLink href={dashUrl(path, keep)}>← Newest</SwapLink>}
            {data.comments.nextCursor && (
              <SwapLink href={dashUrl(path, { ...keep, cursor: data.comments.nextCursor })} data="older">
                Older comments →
              </SwapLink>
            )}
          </nav>
        </section>
      </OverviewBody>
    );
    const a = v.names.agent!;
    return respond(c, page, body, {
      title: a.name ?? a.email,
      active: path === '/' ? 'overview' : 'agents',
      path,
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
    const page = await getOverviewPage(deps, user, readParams(c.req.query()), selectsFor(c, true, true));
    if (!page) return messagePage(c, 'notFound', 404);
    const v = page.view;
    const body = <OverviewBody o={page.data.overview} themes={page.data.themes} path="/" params={v.params} today={v.today} tz={tz} minSample={minSample} agentHref={agentHref(user)} />;
    return respond(c, page, body, { title: 'Overview', active: 'overview', path: '/' });
  });

  app.get('/agents', requireUser('admin', 'manager'), async (c) => {
    const page = await getAgentsPage(deps, viewer(c).user, readParams(c.req.query()), selectsFor(c, true, false));
    if (!page) return messagePage(c, 'notFound', 404);
    const { view: v, data } = page;
    const body = <AgentsTable t={data.table} params={v.params} path="/agents" range={v.range} today={v.today} minSample={minSample} kinds={data.kinds} />;
    return respond(c, page, body, { title: 'Agents', active: 'agents', path: '/agents' });
  });

  app.get('/agents/:id', requireUser(), (c) => agentPage(c, c.req.param('id'), `/agents/${c.req.param('id')}`));

  app.get('/responses', requireUser(), async (c) => {
    const { user } = viewer(c);
    const staff = user.role !== 'agent';
    const page = await getResponsesPage(deps, user, readParams(c.req.query()), selectsFor(c, staff, staff));
    if (!page) return messagePage(c, 'notFound', 404);
    const v = page.view;
    const agent = v.names.agent;
    const body = (
      <ResponsesBody
        page={page.data.list}
        params={v.params}
        range={v.range}
        today={v.today}
        tz={tz}
        names={{ team: v.names.team, agent: agent ? (agent.name ?? agent.email) : null, theme: page.data.themeName }}
        agentHref={agentHref(user)}
      />
    );
    return respond(c, page, body, { title: 'Responses', active: 'responses', path: '/responses' });
  });

  app.get('/responses.csv', requireUser(), async (c) => {
    const file = await getResponsesExport(deps, viewer(c).user, readParams(c.req.query()));
    if (!file) return messagePage(c, 'notFound', 404);
    return c.body(file.stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
