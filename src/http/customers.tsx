// Customer pages: the list with health (everyone, in their scope), one customer, and churn
// (managers and admins). Handlers parse, call one service, render; ids outside the scope are 404.
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { findTeams } from '../db/queries/findTeams';
import { canSeeTeam } from '../domain/access';
import { CHURN_INTERVALS, churnPeriods } from '../domain/churn';
import { isoDate, resolveRange } from '../domain/period';
import { getChurnReport, MAX_PERIODS } from '../services/customers/churn';
import { CUSTOMER_SORTS, getCustomerList, HEALTH_FILTERS, visibleCustomers } from '../services/customers/list';
import { getCustomerPage } from '../services/customers/page';
import { ChurnPage } from '../../views/pages/customers/Churn';
import { CustomerListPage } from '../../views/pages/customers/CustomerList';
import { CustomerPageView } from '../../views/pages/customers/CustomerPage';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

const oneOf = <T extends string>(list: readonly T[], value: string | undefined, fallback: T): T => list.find((v) => v === value) ?? fallback;

export function customerRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser());

  app.get('/', async (c) => {
    const { user, csrf } = viewer(c);
    const q = c.req.query();
    const query = {
      health: oneOf(HEALTH_FILTERS, q.health, 'at_risk'),
      sort: oneOf(CUSTOMER_SORTS, q.sort, 'recent'),
      team: q.team || null,
      q: (q.q ?? '').trim().slice(0, 100),
      cursor: q.cursor || null,
    };
    const list = await getCustomerList(deps, user, query);
    if (!list) return messagePage(c, 'notFound', 404);
    return c.html(<CustomerListPage user={user} csrf={csrf} query={query} timeZone={deps.config.timeZone} {...list} />);
  });

  app.get('/churn', async (c) => {
    const { user, csrf } = viewer(c);
    if (user.role === 'agent') return messagePage(c, 'notFound', 404);
    const q = c.req.query();
    const interval = oneOf(CHURN_INTERVALS, q.interval, 'month');
    const teams = (await findTeams(deps.db, null)).filter((t) => canSeeTeam(user, t.id));
    const team = q.team || null;
    if (team && !teams.some((t) => t.id === team)) return messagePage(c, 'notFound', 404);
    let error: string | null = null;
    let range = resolveRange({ preset: '12m' }, deps.clock(), deps.config.timeZone);
    const asked = q.from || q.to ? resolveRange({ from: q.from, to: q.to }, deps.clock(), deps.config.timeZone) : range;
    if (!asked.ok) error = `The period could not be read (${asked.error}); showing the last 12 months.`;
    else if (churnPeriods(asked.value, interval).length > MAX_PERIODS) error = `At most ${MAX_PERIODS} periods at a time: showing the last 12 months. Choose a shorter range or quarters.`;
    else range = asked;
    if (!range.ok) return messagePage(c, 'invalid', 400);
    const report = await getChurnReport(deps, { range: range.value, interval, teamId: team, scope: visibleCustomers(user, sql`s.customer_id`) });
    return c.html(
      <ChurnPage
        user={user}
        csrf={csrf}
        {...report}
        interval={interval}
        from={isoDate(range.value.from)}
        to={isoDate(range.value.to)}
        team={team}
        teams={teams}
        error={error}
        timeZone={deps.config.timeZone}
      />,
    );
  });

  app.get('/:id', async (c) => {
    const { user, csrf } = viewer(c);
    const page = await getCustomerPage(deps, user, c.req.param('id'));
    if (!page) return messagePage(c, 'notFound', 404);
    return c.html(<CustomerPageView user={user} csrf={csrf} timeZone={deps.config.timeZone} {...page} />);
  });

  return app;
}
