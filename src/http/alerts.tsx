// Alerts settings for admins (every rule) and managers (their teams' rules): list, add, edit,
// enable or disable, delete, and send a test alert. Someone else's rule is the same 404 as none.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { recentAlertDeliveries, sendTestAlert } from '../services/alerts/deliveries';
import { hitRateLimit, type Window } from '../services/rateLimit';
import {
  alertFormChoices,
  createAlertRule,
  deleteAlertRule,
  emptyAlertForm,
  formOf,
  getAlertRule,
  listAlertRules,
  parseAlertForm,
  setAlertRuleActive,
  updateAlertRule,
  type AlertForm,
} from '../services/alerts/rules';
import { AlertDeliveries } from '../../views/partials/AlertDeliveries';
import { AlertPage, AlertsPage } from '../../views/pages/alerts/Alerts';
import { field, readForm, type Form } from './admin/form';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

const TEST_ALERTS: Window = { limit: 5, windowMs: 10 * 60_000 };

const formInput = (form: Form): AlertForm => ({
  name: field(form, 'name'),
  teamId: field(form, 'teamId'),
  condition: field(form, 'condition'),
  survey: field(form, 'survey'),
  atMost: field(form, 'atMost'),
  themeId: field(form, 'themeId'),
  keywords: field(form, 'keywords'),
  highSeverityOnly: field(form, 'highSeverityOnly') === '1',
  tag: field(form, 'tag'),
  destination: field(form, 'destination'),
  url: field(form, 'url'),
  emails: field(form, 'emails'),
});

export function alertRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser('admin', 'manager'));

  const done = (c: Context) => (c.req.query('done') ? 'Saved.' : undefined);
  const rule = (c: Context<SessionEnv>) => getAlertRule(deps, viewer(c).user, c.req.param('id') ?? '');

  app.get('/', async (c) => {
    const { user } = viewer(c);
    const choices = await alertFormChoices(deps, user);
    return c.html(<AlertsPage {...viewer(c)} {...choices} rules={await listAlertRules(deps, user)} form={emptyAlertForm()} errors={{}} notice={done(c)} />);
  });

  app.post('/', async (c) => {
    const { user } = viewer(c);
    const form = formInput(await readForm(c));
    const parsed = await parseAlertForm(deps, user, form, null);
    if (parsed.ok) return c.redirect(`/alerts/${await createAlertRule(deps, user, parsed.value)}?done=1`, 303);
    const choices = await alertFormChoices(deps, user);
    return c.html(<AlertsPage {...viewer(c)} {...choices} rules={await listAlertRules(deps, user)} form={{ ...form, url: '' }} errors={parsed.error} />, 422);
  });

  app.get('/:id', async (c) => {
    const r = await rule(c);
    if (!r) return messagePage(c, 'notFound', 404);
    const choices = await alertFormChoices(deps, viewer(c).user);
    return c.html(<AlertPage {...viewer(c)} {...choices} rule={r} form={formOf(r)} errors={{}} deliveries={await recentAlertDeliveries(deps, r.id)} notice={done(c)} />);
  });

  app.post('/:id', async (c) => {
    const r = await rule(c);
    if (!r) return messagePage(c, 'notFound', 404);
    const { user } = viewer(c);
    const form = formInput(await readForm(c));
    const parsed = await parseAlertForm(deps, user, form, r);
    if (parsed.ok) {
      await updateAlertRule(deps, user, r, parsed.value);
      return c.redirect(`/alerts/${r.id}?done=1`, 303);
    }
    const choices = await alertFormChoices(deps, user);
    const page = <AlertPage {...viewer(c)} {...choices} rule={r} form={{ ...form, url: '' }} errors={parsed.error} deliveries={await recentAlertDeliveries(deps, r.id)} />;
    return c.html(page, 422);
  });

  for (const [action, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`/:id/${action}`, async (c) => {
      const r = await rule(c);
      if (!r) return messagePage(c, 'notFound', 404);
      await setAlertRuleActive(deps, viewer(c).user, r, active);
      return c.redirect(`/alerts/${r.id}?done=1`, 303);
    });
  }

  app.post('/:id/delete', async (c) => {
    const r = await rule(c);
    if (!r) return messagePage(c, 'notFound', 404);
    await deleteAlertRule(deps, viewer(c).user, r);
    return c.redirect('/alerts?done=1', 303);
  });

  app.post('/:id/test', async (c) => {
    const r = await rule(c);
    if (!r) return messagePage(c, 'notFound', 404);
    // A test posts into a real channel: a few per rule in ten minutes, so a held-down button spams nobody.
    const hit = await hitRateLimit(deps, `alert-test:${r.id}`, TEST_ALERTS);
    if (hit.allowed) await sendTestAlert(deps, { id: r.id, name: r.name, description: r.description }, deps.clock());
    if (c.req.header('HX-Request') !== 'true') return c.redirect(`/alerts/${r.id}`, 303);
    const waitMinutes = hit.allowed ? undefined : Math.max(1, Math.ceil((hit.resetAt - deps.clock()) / 60_000));
    return c.html(<AlertDeliveries rule={r} csrf={viewer(c).csrf} deliveries={await recentAlertDeliveries(deps, r.id)} tested={hit.allowed} waitMinutes={waitMinutes} />, hit.allowed ? 200 : 429);
  });

  return app;
}
