// Admins: follow-up rules, teams' working hours, customer email templates and outgoing webhooks.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps';
import { ASSIGNMENT_RULES, parseKeywords, type FollowupRules } from '../domain/followups';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '../domain/webhooks';
import { parseClock } from '../domain/businessHours';
import { getRules, listSchedules, saveRules, saveSchedule, ZFollowupRules } from '../services/followups/settings';
import { BUILT_IN, deleteTemplate, getTemplate, listTemplates, saveTemplate, ZTemplate } from '../services/followups/templates';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  recentDeliveries,
  setWebhookActive,
} from '../services/followups/webhooks';
import { HoursPage, RulesPage } from '../../views/pages/followups/Settings';
import { TemplatesPage, type TemplateFormValues } from '../../views/pages/followups/Templates';
import { WebhookPage, WebhooksPage } from '../../views/pages/followups/Webhooks';
import { LOCALES } from '../i18n';
import { field, fields, readForm, type Form } from './admin/form';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

const firstErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message]));

/** The rules form as typed, for ZFollowupRules. */
const rulesInput = (form: Form) => ({
  openOnLowScore: field(form, 'openOnLowScore') === '1',
  openOnKeywords: field(form, 'openOnKeywords') === '1',
  openOnNegative: field(form, 'openOnNegative') === '1',
  keywords: parseKeywords(field(form, 'keywords')),
  assignment: field(form, 'assignment'),
  slaHours: field(form, 'slaHours'),
  managerAfterHours: field(form, 'managerAfterHours'),
  digestHour: field(form, 'digestHour'),
  recoveryEnabled: field(form, 'recoveryEnabled') === '1',
  recoveryDelayDays: field(form, 'recoveryDelayDays'),
  openOnNotResolved: field(form, 'openOnNotResolved') === '1',
});

/** What the admin typed, shown again beside the errors; numbers that are not numbers keep the saved value. */
function echoRules(form: Form, saved: FollowupRules): FollowupRules {
  const raw = rulesInput(form);
  const num = (v: string, fallback: number) => (v.trim() === '' || Number.isNaN(Number(v)) ? fallback : Number(v));
  return {
    ...raw,
    assignment: ASSIGNMENT_RULES.find((a) => a === raw.assignment) ?? saved.assignment,
    slaHours: num(raw.slaHours, saved.slaHours),
    managerAfterHours: num(raw.managerAfterHours, saved.managerAfterHours),
    digestHour: num(raw.digestHour, saved.digestHour),
    recoveryDelayDays: num(raw.recoveryDelayDays, saved.recoveryDelayDays),
  };
}

const templateInput = (form: Form): TemplateFormValues => ({
  name: field(form, 'name'),
  texts: Object.fromEntries(
    LOCALES.flatMap((l) => {
      const subject = field(form, `${l}.subject`).trim();
      const body = field(form, `${l}.body`).trim();
      // A language left empty falls back to English; only English is required.
      return l === 'en' || subject || body ? [[l, { subject, body }]] : [];
    }),
  ),
});

const ZWebhook = z.object({
  url: z
    .string()
    .trim()
    .url('Enter the full URL, starting with https://')
    .refine((u) => /^https?:\/\//.test(u), 'Use an http or https URL.'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'Choose at least one event.'),
  format: z.enum(WEBHOOK_FORMATS),
});

export function followupAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  // Mounted at /admin: this guards the whole area, as the other admin pages do.
  app.use('*', requireUser('admin'));

  const done = (c: Context) => (c.req.query('done') ? 'Saved.' : undefined);

  // ---- rules ----

  app.get('/follow-ups', async (c) =>
    c.html(<RulesPage {...viewer(c)} rules={await getRules(deps)} notice={done(c)} timeZone={deps.config.timeZone} />),
  );

  app.post('/follow-ups', async (c) => {
    const form = await readForm(c);
    const parsed = ZFollowupRules.safeParse(rulesInput(form));
    if (parsed.success) {
      await saveRules(deps, viewer(c).user.id, parsed.data);
      return c.redirect('/admin/follow-ups?done=1', 303);
    }
    const page = (
      <RulesPage
        {...viewer(c)}
        rules={echoRules(form, await getRules(deps))}
        keywordsText={field(form, 'keywords')}
        errors={firstErrors(parsed.error)}
        timeZone={deps.config.timeZone}
      />
    );
    return c.html(page, 422);
  });

  // ---- working hours ----

  app.get('/follow-ups/hours', async (c) =>
    c.html(<HoursPage {...viewer(c)} schedules={await listSchedules(deps)} timeZone={deps.config.timeZone} notice={done(c)} />),
  );

  app.post('/follow-ups/hours/:teamId', async (c) => {
    const teamId = c.req.param('teamId');
    const schedules = await listSchedules(deps);
    if (!schedules.some((s) => s.teamId === teamId)) return messagePage(c, 'notFound', 404);
    const form = await readForm(c);
    const end = parseClock(field(form, 'end'));
    const problem = await saveSchedule(deps, teamId, {
      timeZone: field(form, 'timeZone').trim(),
      days: fields(form, 'days').map(Number),
      startMinute: parseClock(field(form, 'start')) ?? -1,
      // A day that ends at 23:59 is taken to run to midnight.
      endMinute: end === 1439 ? 1440 : (end ?? -1),
    });
    if (!problem) return c.redirect('/admin/follow-ups/hours?done=1', 303);
    return c.html(<HoursPage {...viewer(c)} schedules={schedules} timeZone={deps.config.timeZone} error={{ teamId, message: problem }} />, 422);
  });

  // ---- templates ----

  const templatesPage = async (c: Context<SessionEnv>, editing: Parameters<typeof TemplatesPage>[0]['editing'], errors?: string[], status: 200 | 422 = 200) =>
    c.html(
      <TemplatesPage
        {...viewer(c)}
        templates={await listTemplates(deps)}
        editing={editing}
        errors={errors}
        notice={done(c)}
        company={deps.config.brandName ?? null}
      />,
      status,
    );

  const newTemplate = { id: null, values: { name: '', texts: {} } };

  app.get('/follow-ups/templates', (c) => templatesPage(c, newTemplate));

  async function save(c: Context<SessionEnv>, id: string | null) {
    const values = templateInput(await readForm(c));
    const parsed = ZTemplate.safeParse(values);
    if (!parsed.success) return templatesPage(c, { id, values }, [...new Set(parsed.error.issues.map((i) => i.message))], 422);
    const saved = await saveTemplate(deps, id, parsed.data);
    if (!saved.ok) return templatesPage(c, { id, values }, ['Another template has this name.'], 422);
    return c.redirect('/admin/follow-ups/templates?done=1', 303);
  }

  app.post('/follow-ups/templates', (c) => save(c, null));

  app.get('/follow-ups/templates/:id', async (c) => {
    const t = await getTemplate(deps, c.req.param('id'));
    if (!t) return messagePage(c, 'notFound', 404);
    return templatesPage(c, { id: t.id, values: t });
  });

  app.post('/follow-ups/templates/:id', async (c) => {
    const t = await getTemplate(deps, c.req.param('id'));
    if (!t) return messagePage(c, 'notFound', 404);
    return save(c, t.id);
  });

  // Deleting the built-in template restores the text Heard ships with.
  app.post('/follow-ups/templates/:id/delete', async (c) => {
    const t = await getTemplate(deps, c.req.param('id'));
    if (!t || (t.id === BUILT_IN && !t.edited)) return messagePage(c, 'notFound', 404);
    await deleteTemplate(deps, t.id);
    return c.redirect('/admin/follow-ups/templates?done=1', 303);
  });

  // ---- webhooks ----

  app.get('/webhooks', async (c) => c.html(<WebhooksPage {...viewer(c)} webhooks={await listWebhooks(deps)} notice={done(c)} />));

  app.post('/webhooks', async (c) => {
    const form = await readForm(c);
    const input = { url: field(form, 'url'), events: fields(form, 'events'), format: field(form, 'format') || 'json' };
    const parsed = ZWebhook.safeParse(input);
    if (!parsed.success) {
      const errors = [...new Set(parsed.error.issues.map((i) => i.message))];
      return c.html(<WebhooksPage {...viewer(c)} webhooks={await listWebhooks(deps)} form={input} errors={errors} />, 422);
    }
    const id = await createWebhook(deps, viewer(c).user.id, parsed.data);
    return c.redirect(`/admin/webhooks/${id}`, 303);
  });

  app.get('/webhooks/:id', async (c) => {
    const w = await getWebhook(deps, c.req.param('id'));
    if (!w) return messagePage(c, 'notFound', 404);
    return c.html(<WebhookPage {...viewer(c)} webhook={w} deliveries={await recentDeliveries(deps, w.id)} notice={done(c)} />);
  });

  for (const [action, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`/webhooks/:id/${action}`, async (c) => {
      const id = c.req.param('id');
      if (!(await setWebhookActive(deps, id, active))) return messagePage(c, 'notFound', 404);
      return c.redirect(`/admin/webhooks/${id}?done=1`, 303);
    });
  }

  app.post('/webhooks/:id/delete', async (c) => {
    const w = await getWebhook(deps, c.req.param('id'));
    if (!w) return messagePage(c, 'notFound', 404);
    await deleteWebhook(deps, w.id);
    return c.redirect('/admin/webhooks?done=1', 303);
  });

  return app;
}
