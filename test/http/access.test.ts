// THE ACCESS MATRIX: every route the app registers, requested by six people, with the status each
// must get. A route without a rule FAILS this test, and so does a rule for a route that is gone.
//
// Adding a route? Add ONE line to RULES, keyed 'METHOD /path/:param' exactly as Hono lists it:
//
//   'GET /agents/:id': { url: (f) => `/agents/${f.agents.A}`, expect: [302, 200, 404, 200, 404, 200] },
//
// expect lists statuses in ACTORS order: anonymous, agent A, agent B (same team as A), manager of
// team 1 (A's team), manager of team 2, admin. Presets cover the usual shapes: signedIn(200),
// adminOnly(200), everyone(404)... `url` fills path parameters from the fixture (ids belonging to
// agent A and team 1 unless said otherwise) and may seed data first: `url: async (f, deps) => ...`.
// Non-GET requests are sent as a form posted from the actor's page (session cookie and _csrf), with
// the fields in `body`. Each request runs on a fresh copy of the fixture database, so rules cannot
// disturb each other. Other ids answer 404, never 403: put another person's id in `url` to prove it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/app';
import { createOutboxMailer } from '../../src/mail/outbox';
import { createApiKey } from '../../src/services/apiKeys';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { inviteUser } from '../../src/services/invitations';
import { listOutbox } from '../../src/services/outbox';
import { authed, createTestUser, form, sessionFor, type TestSession } from '../helpers/auth';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';
import { answeredUnsent, tasks } from '../helpers/followups';
import { saveTemplate } from '../../src/services/followups/templates';
import { createWebhook } from '../../src/services/followups/webhooks';
import { createConnection } from '../../src/services/connections';
import { createImportJob } from '../../src/services/importer/jobs';
import { createAlertRule } from '../../src/services/alerts/rules';
import { eraseCustomer } from '../../src/services/customers/erase';

const ACTORS = ['anonymous', 'agentA', 'agentB', 'managerT1', 'managerT2', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Expect = readonly [anonymous: number, agentA: number, agentB: number, managerT1: number, managerT2: number, admin: number];

export interface Fixture {
  teams: { t1: string; t2: string };
  /** agents.id of agent A and B (team 1, with accounts) and C (team 2, no account). */
  agents: { A: string; B: string; C: string };
  users: Record<Exclude<Actor, 'anonymous'>, string>;
  sessions: Record<Actor, TestSession | null>;
}

interface Rule {
  expect: Expect;
  url?: (f: Fixture, deps: TestDeps) => string | Promise<string>;
  body?: Record<string, string | string[]> | ((f: Fixture) => Record<string, string | string[]>);
}

const everyone = (s: number): Rule => ({ expect: [s, s, s, s, s, s] });
/** A page any signed-in role may open; anonymous visitors are sent to sign in. */
const signedIn = (s = 200, anonymous = 302): Rule => ({ expect: [anonymous, s, s, s, s, s] });
/** Administrators only: everyone else signed in gets the 404 of a missing page. */
const adminOnly = (s = 200, anonymous = 302): Rule => ({ expect: [anonymous, 404, 404, 404, 404, s] });
const adminPost = (s = 303): Rule => adminOnly(s, 303);
const at = (rule: Rule, url: Rule['url'], body?: Rule['body']): Rule => ({ ...rule, url, ...(body ? { body } : {}) });

async function seedImportJob(deps: TestDeps) {
  const csv = 'external_id,responded_at,agent_email,customer_email,survey,score\nACC-1,2026-01-05,zoe@old.example,c@d.example,csat,5\n';
  const job = await createImportJob(deps, { name: 'history.csv', text: new Blob([csv]).stream().pipeThrough(new TextDecoderStream()) }, null);
  if (!job.ok) throw new Error(job.error);
  return job.value.id;
}

async function seedInvitation(f: Fixture, deps: TestDeps) {
  const invited = await inviteUser(deps, { id: f.users.admin, name: null, email: 'admin@staff.example' }, {
    email: 'new@staff.example',
    role: 'agent',
    teamIds: [],
    allTeams: false,
  });
  if (!invited.ok) throw new Error('could not seed an invitation');
  return invited.value.id;
}

async function seedOutboxMessage(f: Fixture, deps: TestDeps) {
  await seedInvitation(f, deps);
  return (await listOutbox(deps))[0]!.id;
}

/** A follow-up task on one of agent A's conversations (a fresh customer, so no throttle applies). */
async function seedTask(deps: TestDeps) {
  await answeredUnsent(deps, { agent: { email: 'ana@support.example' }, team: 'Tier 1', customer: { email: 'fu@example.com' } }, 1);
  return (await tasks(deps))[0]!.id;
}

/** A customer agent A talked to (team 1): the customer page's id. */
async function seedCustomer(deps: TestDeps) {
  await ingestInteraction(deps, ZInteractionInput.parse(interaction({ agent: { email: 'ana@support.example' }, team: 'Tier 1', customer: { email: 'cu@example.com' } })));
  return (await deps.db.all<{ id: string }>(sql`select id from customers where email = 'cu@example.com'`))[0]!.id;
}

/** Who may open agent A's task: A, their team's manager and admins. */
const ownTask = (s = 200, anonymous = 302): Rule => ({ expect: [anonymous, s, 404, s, 404, s] });

async function seedTemplate(deps: TestDeps) {
  const saved = await saveTemplate(deps, null, { name: 'Seeded', texts: { en: { subject: 'S', body: 'B' } } });
  if (!saved.ok) throw new Error('could not seed a template');
  return saved.value;
}

const seedWebhook = (f: Fixture, deps: TestDeps) =>
  createWebhook(deps, f.users.admin, { url: 'https://hooks.example/x', events: ['followup.opened'], format: 'json' });

const seedConnection = async (f: Fixture, deps: TestDeps) => (await createConnection(deps, f.users.admin, { provider: 'zendesk', name: 'Zendesk' })).id;

/** An email alert on team 1's answers: its manager and admins may manage it. */
const seedAlert = (f: Fixture, deps: TestDeps) =>
  createAlertRule(deps, { id: f.users.admin, email: 'admin@staff.example', name: null, role: 'admin', allTeams: true, teamIds: [], agentId: null }, {
    name: 'Tier 1 detractors',
    teamId: f.teams.t1,
    condition: { kind: 'score', survey: 'csat', atMost: 2 },
    destination: { kind: 'email', to: ['leads@staff.example'] },
  });
/** Alerts on team 1: its manager and admins; everyone else gets the 404 of a missing rule. */
const teamOneAlert = (s: number): Rule => ({ expect: [s === 200 ? 302 : 303, 404, 404, s, 404, s] });
const alertForm = (f: Fixture) => ({ name: 'T1', condition: 'score', survey: 'csat', atMost: '2', teamId: f.teams.t1, destination: 'email', emails: 'a@staff.example' });
/** A customer of the fixture (the default interaction's), for the data-rights routes. */
const seededCustomer = async (deps: TestDeps) => (await deps.db.all<{ id: string; email: string }>(sql`SELECT id, email FROM customers WHERE email = 'maria@example.com'`))[0]!;

/** An address erased before, so Settings → Data may lift its suppression. */
async function seedErasure(deps: TestDeps) {
  await ingestInteraction(deps, ZInteractionInput.parse(interaction({ customer: { email: 'gone@example.com' } })));
  await eraseCustomer(deps, { email: 'gone@example.com' }, { userId: 'seed' });
  return '/admin/data/lift';
}

const RULES: Record<string, Rule> = {
  'GET /healthz': everyone(200),

  // Auth pages (src/http/auth.tsx)
  'GET /setup': everyone(404),
  'POST /setup': everyone(404),
  'GET /login': { expect: [200, 302, 302, 302, 302, 302] },
  'POST /login': everyone(401),
  'POST /logout': everyone(303),
  'GET /account': signedIn(),
  'POST /account/password': signedIn(422, 303),
  // score digest: managers and admins only.
  'POST /account/digest': { expect: [303, 404, 404, 200, 200, 200], body: { frequency: 'daily', weekday: '1', hour: '7', locale: 'es' } },
  'POST /account/digest/preview': { expect: [303, 404, 404, 200, 200, 200] },
  'GET /account/digest/preview': { expect: [302, 404, 404, 200, 200, 200] },
  'GET /invite/:token': at(everyone(404), () => '/invite/not-a-real-token'),
  'POST /invite/:token': at(everyone(404), () => '/invite/not-a-real-token'),

  // Administration (src/http/admin/)
  'GET /admin/users': adminOnly(),
  'POST /admin/users/invite': at(adminPost(), undefined, { email: 'someone@staff.example', role: 'agent' }),
  'POST /admin/invitations/:id/revoke': at(adminPost(), async (f, d) => `/admin/invitations/${await seedInvitation(f, d)}/revoke`),
  'GET /admin/users/:id': at(adminOnly(), (f) => `/admin/users/${f.users.agentA}`),
  'POST /admin/users/:id/access': at(adminPost(), (f) => `/admin/users/${f.users.agentB}/access`, (f) => ({ role: 'manager', teamIds: f.teams.t1 })),
  'POST /admin/users/:id/deactivate': at(adminPost(), (f) => `/admin/users/${f.users.agentB}/deactivate`),
  'POST /admin/users/:id/reactivate': at(adminPost(), (f) => `/admin/users/${f.users.agentB}/reactivate`),
  'GET /admin/teams': adminOnly(),
  'POST /admin/teams': at(adminPost(), undefined, { name: 'Tier 3' }),
  'GET /admin/api-keys': adminOnly(),
  'POST /admin/api-keys': at(adminPost(201), undefined, { name: 'Helpdesk' }),
  'POST /admin/api-keys/:id/revoke': at(adminPost(), async (_f, d) => `/admin/api-keys/${(await createApiKey(d, 'old')).id}/revoke`),
  'GET /admin/audit': adminOnly(),
  // Settings → Survey (src/http/admin/survey.tsx) and the brand assets customers load (src/http/brand.ts).
  'GET /admin/survey': adminOnly(),
  'POST /admin/survey': at(adminPost(), undefined, { companyName: 'Acme', accentColor: '#1f5fae', reminderCount: '1', reminderAfterDays: '3' }),
  'POST /admin/survey/logo': adminOnly(422, 303),
  'POST /admin/survey/logo/delete': adminPost(),
  'POST /admin/survey/preview': at(adminOnly(200, 303), undefined, { survey: 'nps', locale: 'zh', view: 'email' }),
  'GET /admin/survey/:survey/:locale': at(adminOnly(), () => '/admin/survey/nps/es'),
  'POST /admin/survey/:survey/:locale': at(adminPost(), () => '/admin/survey/nps/es', { subject: 'Hola {{customer_name}}' }),
  'GET /brand/logo/:hash': at(everyone(404), () => `/brand/logo/${'0'.repeat(64)}`),
  'GET /brand/accent/:hex': at(everyone(200), () => '/brand/accent/1f5fae'),

  'GET /admin/integrations': adminOnly(),
  'POST /admin/integrations': at(adminPost(), undefined, { provider: 'freshdesk', name: 'Freshdesk' }),
  'GET /admin/integrations/:id': at(adminOnly(), async (f, d) => `/admin/integrations/${await seedConnection(f, d)}`),
  'POST /admin/integrations/:id': at(adminPost(), async (f, d) => `/admin/integrations/${await seedConnection(f, d)}`, { name: 'Renamed' }),
  'POST /admin/integrations/:id/delete': at(adminPost(), async (f, d) => `/admin/integrations/${await seedConnection(f, d)}/delete`),
  'POST /admin/integrations/:id/test': at(adminPost(), async (f, d) => `/admin/integrations/${await seedConnection(f, d)}/test`),

  // Themes (src/http/themeAdmin.tsx)
  'GET /admin/themes': adminOnly(),
  'POST /admin/themes/rename': at(adminPost(), undefined, { ref: 'k:deliveri', name: 'Delivery' }),
  'POST /admin/themes/hide': at(adminPost(), undefined, { ref: 'k:deliveri', name: 'Delivery' }),
  'POST /admin/themes/merge': at(adminPost(), undefined, { refs: ['k:deliveri', 'k:late'], name: 'Late deliveries' }),
  'POST /admin/themes/pin': at(adminPost(), undefined, { name: 'Refunds', keywords: 'refund, reembolso, 退款' }),
  'POST /admin/themes/:id/delete': at(adminPost(), () => '/admin/themes/none/delete'),

  // Follow-ups (src/http/followups.tsx): agent A's task; agent B and the other team's manager get 404.
  'GET /follow-ups': signedIn(),
  'GET /follow-ups/report': signedIn(),
  'GET /follow-ups/:id': at(ownTask(), async (_f, d) => `/follow-ups/${await seedTask(d)}`),
  'GET /follow-ups/:id/email-form': at(ownTask(), async (_f, d) => `/follow-ups/${await seedTask(d)}/email-form`),
  'POST /follow-ups/:id/activity': at(ownTask(303, 303), async (_f, d) => `/follow-ups/${await seedTask(d)}/activity`, { kind: 'note', body: 'Called' }),
  'POST /follow-ups/:id/email': at(ownTask(303, 303), async (_f, d) => `/follow-ups/${await seedTask(d)}/email`, { subject: 'Hi', body: 'Sorry', key: 'k' }),
  'POST /follow-ups/:id/status': at(ownTask(303, 303), async (_f, d) => `/follow-ups/${await seedTask(d)}/status`, { status: 'in_progress' }),
  'POST /follow-ups/:id/assign': { expect: [303, 404, 404, 303, 404, 303], url: async (_f, d) => `/follow-ups/${await seedTask(d)}/assign`, body: { assignee: 'none' } },
  'GET /admin/follow-ups': adminOnly(),
  'POST /admin/follow-ups': at(adminPost(), undefined, { assignment: 'agent', slaHours: '8', managerAfterHours: '4', digestHour: '8', recoveryDelayDays: '3' }),
  'GET /admin/follow-ups/hours': adminOnly(),
  'POST /admin/follow-ups/hours/:teamId': at(adminPost(), (f) => `/admin/follow-ups/hours/${f.teams.t1}`, { timeZone: 'UTC', days: ['1'], start: '09:00', end: '17:00' }),
  'GET /admin/follow-ups/templates': adminOnly(),
  'POST /admin/follow-ups/templates': at(adminPost(), undefined, { name: 'T', 'en.subject': 'S', 'en.body': 'B' }),
  'GET /admin/follow-ups/templates/:id': at(adminOnly(), async (_f, d) => `/admin/follow-ups/templates/${await seedTemplate(d)}`),
  'POST /admin/follow-ups/templates/:id': at(adminPost(), async (_f, d) => `/admin/follow-ups/templates/${await seedTemplate(d)}`, { name: 'T', 'en.subject': 'S', 'en.body': 'B' }),
  'POST /admin/follow-ups/templates/:id/delete': at(adminPost(), async (_f, d) => `/admin/follow-ups/templates/${await seedTemplate(d)}/delete`),
  'GET /admin/webhooks': adminOnly(),
  'POST /admin/webhooks': at(adminPost(), undefined, { url: 'https://hooks.example/x', events: 'followup.opened', format: 'json' }),
  'GET /admin/webhooks/:id': at(adminOnly(), async (f, d) => `/admin/webhooks/${await seedWebhook(f, d)}`),
  'POST /admin/webhooks/:id/enable': at(adminPost(), async (f, d) => `/admin/webhooks/${await seedWebhook(f, d)}/enable`),
  'POST /admin/webhooks/:id/disable': at(adminPost(), async (f, d) => `/admin/webhooks/${await seedWebhook(f, d)}/disable`),
  'POST /admin/webhooks/:id/delete': at(adminPost(), async (f, d) => `/admin/webhooks/${await seedWebhook(f, d)}/delete`),
  // Alerts (src/http/alerts.tsx): admins every rule, managers their teams' (manager 2 may not pick team 1: 422).
  'GET /alerts': { expect: [302, 404, 404, 200, 200, 200] },
  'POST /alerts': { expect: [303, 404, 404, 303, 422, 303], body: alertForm },
  'GET /alerts/:id': at(teamOneAlert(200), async (f, d) => `/alerts/${await seedAlert(f, d)}`),
  'POST /alerts/:id': at(teamOneAlert(303), async (f, d) => `/alerts/${await seedAlert(f, d)}`, alertForm),
  'POST /alerts/:id/enable': at(teamOneAlert(303), async (f, d) => `/alerts/${await seedAlert(f, d)}/enable`),
  'POST /alerts/:id/disable': at(teamOneAlert(303), async (f, d) => `/alerts/${await seedAlert(f, d)}/disable`),
  'POST /alerts/:id/delete': at(teamOneAlert(303), async (f, d) => `/alerts/${await seedAlert(f, d)}/delete`),
  'POST /alerts/:id/test': at(teamOneAlert(303), async (f, d) => `/alerts/${await seedAlert(f, d)}/test`),
  'GET /api/v1/followups': everyone(401),
  'PATCH /api/v1/followups/:id': at(everyone(401), () => '/api/v1/followups/any'),

  // Dashboards (src/http/dashboard.tsx, src/http/import.tsx): everyone sees their own scope; ids
  // outside it answer 404. An agent's home is their own page.
  'GET /': signedIn(),
  'GET /agents': { expect: [302, 404, 404, 200, 200, 200] },
  'GET /agents/:id': { url: (f) => `/agents/${f.agents.A}`, expect: [302, 200, 404, 200, 404, 200] },
  'GET /responses': { url: (f) => `/responses?agent=${f.agents.A}`, expect: [302, 200, 404, 200, 404, 200] },
  'GET /responses.csv': { url: (f) => `/responses.csv?team=${f.teams.t1}`, expect: [302, 404, 404, 200, 404, 200] },
  'GET /admin/import': adminOnly(),
  'POST /admin/import': adminOnly(422, 303),
  'GET /admin/import/jobs/:id': at(adminOnly(), async (f, d) => `/admin/import/jobs/${await seedImportJob(d)}`),
  'POST /admin/import/jobs/:id/mapping': at(adminPost(), async (f, d) => `/admin/import/jobs/${await seedImportJob(d)}/mapping`),
  'POST /admin/import/jobs/:id/confirm': at(adminPost(), async (f, d) => `/admin/import/jobs/${await seedImportJob(d)}/confirm`),
  'POST /admin/import/jobs/:id/step': at(adminOnly(200, 303), async (f, d) => `/admin/import/jobs/${await seedImportJob(d)}/step`),
  'POST /admin/import/jobs/:id/cancel': at(adminPost(), async (f, d) => `/admin/import/jobs/${await seedImportJob(d)}/cancel`),

  // Integration API: API keys only, a session is not enough.
  'POST /api/v1/interactions': everyone(401),
  'GET /api/v1/responses': everyone(401),
  'GET /api/v1/metrics': everyone(401),
  // Its description is public: it holds no data, and tools read it before anyone has a key.
  'GET /api/v1/openapi.json': everyone(200),

  'GET /api/v1/themes': everyone(401),
  'DELETE /api/v1/customers/:email': at(everyone(401), () => '/api/v1/customers/maria@example.com'),
  'GET /api/v1/customers/:email/export': at(everyone(401), () => '/api/v1/customers/maria@example.com/export'),

  // Data rights: a customer's export and erasure (admins), Settings → Data.
  'GET /customers/:id/export': at(adminOnly(), async (_f, d) => `/customers/${(await seededCustomer(d)).id}/export`),
  'POST /customers/:id/erase': at(adminPost(), async (_f, d) => `/customers/${(await seededCustomer(d)).id}/erase`, { confirm: 'maria@example.com' }),
  'GET /admin/data': adminOnly(),
  'POST /admin/data': at(adminPost(), undefined, { mode: 'comments', months: '24' }),
  'POST /admin/data/lift': at(adminPost(), (_f, d) => seedErasure(d), { email: 'gone@example.com' }),

  // Customers (src/http/customers.tsx): everyone lists the customers in their scope (agents those
  // they talked to); a customer of agent A's is 404 to agent B and the other team's manager; churn
  // is for managers and admins.
  'GET /customers': signedIn(),
  'GET /customers/churn': { expect: [302, 404, 404, 200, 200, 200] },
  'GET /customers/:id': at(ownTask(), async (_f, d) => `/customers/${await seedCustomer(d)}`),
  'POST /api/v1/customers/:email/events': at(everyone(401), () => '/api/v1/customers/cu%40example.com/events'),
  'GET /api/v1/churn': everyone(401),

  // Capability links and webhooks: the token or signature decides, never the session.
  'GET /s/:token': at(everyone(404), () => '/s/not-a-real-token'),
  'POST /s/:token/confirm': at(everyone(404), () => '/s/not-a-real-token/confirm'),
  'POST /s/:token': at(everyone(404), () => '/s/not-a-real-token'),
  'GET /u/:token': at(everyone(404), () => '/u/not-a-real-token'),
  'GET /r/:code': at(everyone(404), () => '/r/notarealco'),
  'POST /u/:token': at(everyone(404), () => '/u/not-a-real-token'),
  'POST /webhooks/resend': everyone(404),
  'POST /hooks/:provider/:connectionId': at(everyone(404), () => '/hooks/zendesk/cn_unknown'),

  // Development outbox: it shows live survey links, so administrators only.
  'GET /outbox': adminOnly(),
  'GET /outbox/:id': at(adminOnly(), async (f, d) => `/outbox/${await seedOutboxMessage(f, d)}`),
  'GET /outbox/:id/html': at(adminOnly(), async (f, d) => `/outbox/${await seedOutboxMessage(f, d)}/html`),
};

const makeDeps = (template?: string) => makeTestDeps({ mailer: (base) => createOutboxMailer(base), ...(template ? { template } : {}) });

/**
 * Method and path of every route. Middleware is listed too, as method ALL: on a wildcard path or on
 * a path that real routes also use. An ALL entry on a path of its own is a route (app.all) and needs a rule.
 */
function registeredRoutes(): string[] {
  const deps = makeDeps();
  try {
    const routes = createApp(deps).routes;
    const routed = new Set(routes.filter((r) => r.method !== 'ALL').map((r) => r.path));
    const keys = routes
      .filter((r) => !(r.method === 'ALL' && (r.path.endsWith('*') || routed.has(r.path))))
      .map((r) => `${r.method} ${r.path}`);
    return [...new Set(keys)];
  } finally {
    deps.close();
  }
}

let fixture: Fixture;
let template: string;
let templateDeps: TestDeps;

async function ingestAgent(deps: TestDeps, email: string, team: string) {
  const done = await ingestInteraction(deps, ZInteractionInput.parse(interaction({ agent: { email, name: email.split('@')[0] }, team })));
  return done.interaction;
}

beforeAll(async () => {
  const deps = makeDeps();
  await ingestAgent(deps, 'ana@support.example', 'Tier 1');
  await ingestAgent(deps, 'ben@support.example', 'Tier 1');
  await ingestAgent(deps, 'cai@support.example', 'Tier 2');
  const user = (role: 'admin' | 'manager' | 'agent', email: string, teams: string[] = []) =>
    createTestUser(deps, { role, email, teams }).then((u) => u.id);
  const users = {
    agentA: await user('agent', 'ana@support.example', ['Tier 1']),
    agentB: await user('agent', 'ben@support.example', ['Tier 1']),
    managerT1: await user('manager', 'mia@staff.example', ['Tier 1']),
    managerT2: await user('manager', 'max@staff.example', ['Tier 2']),
    admin: await user('admin', 'admin@staff.example'),
  };
  const sessions = { anonymous: null } as Record<Actor, TestSession | null>;
  for (const [actor, id] of Object.entries(users)) sessions[actor as Actor] = await sessionFor(deps, id);
  const a = sessions.agentA!.user;
  const b = sessions.agentB!.user;
  const teamIds = await deps.db.all<{ id: string; name: string }>(sql`select id, name from teams`);
  const team = (name: string) => teamIds.find((t) => t.name === name)!.id;
  const agentRows = await deps.db.all<{ id: string; email: string }>(sql`select id, email from agents`);
  fixture = {
    teams: { t1: team('Tier 1'), t2: team('Tier 2') },
    agents: { A: a.agentId!, B: b.agentId!, C: agentRows.find((r) => r.email === 'cai@support.example')!.id },
    users,
    sessions,
  };
  template = join(deps.dir, 'template.db');
  await deps.db.run(sql`vacuum into ${template}`);
  templateDeps = deps;
});

afterAll(() => {
  templateDeps?.close();
  rmSync(template, { force: true });
});

test('every registered route has a rule, and every rule a route', () => {
  const routes = registeredRoutes();
  expect(routes.filter((r) => !(r in RULES)), 'routes without a rule in RULES').toEqual([]);
  expect(Object.keys(RULES).filter((r) => !routes.includes(r)), 'rules for routes that no longer exist').toEqual([]);
});

describe('each route answers each actor as its rule says', () => {
  for (const [key, rule] of Object.entries(RULES)) {
    test(key, async () => {
      const [method, path] = key.split(' ') as [string, string];
      const actual: number[] = [];
      for (const actor of ACTORS) {
        const deps = makeDeps(template);
        try {
          const app = createApp(deps);
          const url = rule.url ? await rule.url(fixture, deps) : path;
          const session = fixture.sessions[actor];
          const body = typeof rule.body === 'function' ? rule.body(fixture) : (rule.body ?? {});
          const res = method === 'GET' ? await authed(app, session, url) : await form(app, session, url, body);
          actual.push(res.status);
        } finally {
          deps.close();
        }
      }
      expect(Object.fromEntries(ACTORS.map((a, i) => [a, actual[i]]))).toEqual(
        Object.fromEntries(ACTORS.map((a, i) => [a, rule.expect[i]])),
      );
    });
  }
});
