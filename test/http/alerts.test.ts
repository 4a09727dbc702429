// The Alerts page through the real app: adding and editing rules with validation, the masked
// webhook URL, managers limited to their teams, CSRF, the audit trail, and the htmx test alert
// posted to a real local Slack stand-in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { alertDeliveries, alertRules, auditLog } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { authed, ensureTeam, form, signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
let server: Server | undefined;
afterEach(async () => {
  deps?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const SECRET_URL = 'https://hooks.slack.com/services/T0001/B0002/abcdefghSECRETwxyz';

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin', email: 'alex@staff.example' });
  return { app, admin };
}

const slackRule = (over: Record<string, string> = {}) => ({
  name: 'Detractors',
  condition: 'score',
  survey: 'nps',
  atMost: '6',
  teamId: '',
  destination: 'slack',
  url: SECRET_URL,
  ...over,
});

const audits = async () => (await deps.db.select().from(auditLog)).filter((a) => a.action.startsWith('alert.'));

describe('adding and editing alerts', () => {
  test('an admin adds a Slack alert; the page shows the URL masked and the audit log names no secret', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/alerts', slackRule());
    expect(res.status).toBe(303);
    const [rule] = await deps.db.select().from(alertRules);
    expect(rule).toMatchObject({ name: 'Detractors', destination: 'slack', target: SECRET_URL, active: true, teamId: null });
    expect(JSON.parse(rule!.condition)).toEqual({ kind: 'score', survey: 'nps', atMost: 6 });
    expect(res.headers.get('Location')).toBe(`/alerts/${rule!.id}?done=1`);

    for (const path of ['/alerts', `/alerts/${rule!.id}`]) {
      const page = await (await authed(app, admin, path)).text();
      expect(page).toContain('https://hooks.slack.com/…wxyz');
      expect(page).not.toContain('SECRET');
      expect(page).toContain('NPS score 6 or lower');
    }
    expect((await audits()).map((a) => [a.action, a.target, a.detail])).toEqual([['alert.created', 'Detractors', 'destination: slack']]);
  });

  test('editing keeps the saved URL when the field is left empty, and the audit log lists changed field names only', async () => {
    const { app, admin } = await setup();
    await form(app, admin, '/alerts', slackRule());
    const [rule] = await deps.db.select().from(alertRules);
    const res = await form(app, admin, `/alerts/${rule!.id}`, slackRule({ url: '', name: 'NPS detractors', atMost: '4' }));
    expect(res.status).toBe(303);
    const [after] = await deps.db.select().from(alertRules);
    expect(after).toMatchObject({ name: 'NPS detractors', target: SECRET_URL });
    await form(app, admin, `/alerts/${rule!.id}`, slackRule({ name: 'NPS detractors', atMost: '4', url: 'https://hooks.slack.com/services/T1/B1/other' }));
    await form(app, admin, `/alerts/${rule!.id}/disable`);
    expect((await audits()).map((a) => a.detail)).toEqual(['destination: slack', 'changed: name, condition', 'changed: url', 'changed: disabled']);
    expect(JSON.stringify(await audits())).not.toContain('hooks.slack.com');
    expect((await deps.db.select().from(alertRules))[0]!.active).toBe(false);
  });

  test('bad input comes back as a 422 page naming each problem, with nothing stored and no URL echoed', async () => {
    const { app, admin } = await setup();
    const cases: [Record<string, string>, string][] = [
      [slackRule({ name: ' ' }), 'Give the alert a name.'],
      [slackRule({ atMost: '10' }), 'Choose a whole number from 0 to 9 for NPS.'],
      [slackRule({ atMost: 'low' }), 'Choose a whole number from 0 to 9 for NPS.'],
      [slackRule({ url: 'http://hooks.example.com/x' }), 'Use an https:// URL.'],
      [slackRule({ url: 'javascript:alert(1)' }), 'Use an https:// URL.'],
      [slackRule({ url: '' }), 'Paste the Slack webhook URL.'],
      [slackRule({ condition: 'theme' }), 'Choose a theme or type at least one keyword.'],
      [slackRule({ condition: 'theme', themeId: 'nope' }), 'Choose a theme from the list.'],
      [slackRule({ condition: 'tag', tag: '' }), 'Type the customer tag to watch for'],
      [slackRule({ condition: 'bogus' }), 'Choose what the alert watches for.'],
      [slackRule({ destination: 'email', emails: 'lead@x.example, not-an-address' }), '“not-an-address” is not an email address.'],
      [slackRule({ destination: 'pager' }), 'Choose where the alert goes.'],
      [slackRule({ teamId: 'no-such-team' }), 'Choose a team from the list.'],
    ];
    for (const [fields, message] of cases) {
      const res = await form(app, admin, '/alerts', { ...fields, url: fields.url === SECRET_URL ? 'http://hooks.example.com/SECRET' : (fields.url ?? '') });
      const page = await res.text();
      expect(res.status, message).toBe(422);
      expect(page, message).toContain(message);
      expect(page).not.toContain('SECRET');
    }
    expect(await deps.db.select().from(alertRules)).toEqual([]);
  });

  test('an email alert keeps its list, one address per entry', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/alerts', { ...slackRule({ destination: 'email', url: '' }), emails: 'lead@x.example\nhead@x.example, lead@x.example' });
    expect(res.status).toBe(303);
    expect(JSON.parse((await deps.db.select().from(alertRules))[0]!.target)).toEqual(['lead@x.example', 'head@x.example']);
  });

  test('changes without the CSRF token are refused and change nothing', async () => {
    const { app, admin } = await setup();
    const res = await form(app, { cookie: admin.cookie, csrf: 'forged' }, '/alerts', slackRule());
    expect(res.status).toBe(403);
    expect(await deps.db.select().from(alertRules)).toEqual([]);
  });
});

describe('managers', () => {
  test('a manager adds alerts for their team only, and sees only their teams’ rules', async () => {
    const { app, admin } = await setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    const t1 = await ensureTeam(deps, 'Tier 1');
    const t2 = await ensureTeam(deps, 'Tier 2');
    await form(app, admin, '/alerts', slackRule({ name: 'Everyone', teamId: '' }));
    await form(app, admin, '/alerts', slackRule({ name: 'Tier 2 rule', teamId: t2 }));

    const every = await form(app, manager, '/alerts', slackRule({ name: 'Mine', teamId: '' }));
    expect(every.status).toBe(422);
    expect(await every.text()).toContain('Choose one of your teams.');
    expect((await form(app, manager, '/alerts', slackRule({ name: 'Mine', teamId: t1 }))).status).toBe(303);

    const page = await (await authed(app, manager, '/alerts')).text();
    expect(page).toContain('Mine');
    expect(page).not.toContain('Everyone');
    expect(page).not.toContain('Tier 2 rule');
    const other = (await deps.db.select().from(alertRules)).find((r) => r.name === 'Tier 2 rule')!;
    expect((await authed(app, manager, `/alerts/${other.id}`)).status).toBe(404);
    expect((await form(app, manager, `/alerts/${other.id}/delete`)).status).toBe(404);
    expect((await deps.db.select().from(alertRules)).length).toBe(3);
  });
});

describe('the test alert', () => {
  test('posts a marked test message to the rule’s webhook and answers the htmx request with the refreshed log', async () => {
    const { app, admin } = await setup();
    const got: unknown[] = [];
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      got.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://localhost:${(server.address() as AddressInfo).port}/services/T/B/x`;
    await form(app, admin, '/alerts', slackRule({ url }));
    const [rule] = await deps.db.select().from(alertRules);

    const res = await authed(app, admin, `/alerts/${rule!.id}/test`, { method: 'POST', headers: { 'HX-Request': 'true' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<section class="card" id="alert-deliveries"/);
    expect(html).toContain('Test alert sent (answered 200)');
    expect(html).toContain('[Test] CSAT 1/5 from A. Customer (test)');
    expect(got).toHaveLength(1);
    expect((got[0] as { text: string }).text).toBe('[Test] CSAT 1/5 from A. Customer (test): This is a test alert from Heard. &lt;Nothing&gt; happened &amp; no customer is waiting.');
    expect(await deps.db.select().from(alertDeliveries)).toMatchObject([{ status: 'delivered', responseId: null }]);
  });

  test('a refused test shows the reason', async () => {
    const { app, admin } = await setup();
    server = createServer((_req, res) => res.writeHead(404).end('no_service'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    await form(app, admin, '/alerts', slackRule({ url: `http://localhost:${(server.address() as AddressInfo).port}/gone` }));
    const [rule] = await deps.db.select().from(alertRules);
    const html = await (await authed(app, admin, `/alerts/${rule!.id}/test`, { method: 'POST', headers: { 'HX-Request': 'true' } })).text();
    expect(html).toContain('The test alert was not delivered: HTTP 404.');
  });

  test('sends five test alerts per rule in ten minutes, then answers 429 and posts nothing more', async () => {
    const { app, admin } = await setup();
    let posts = 0;
    server = createServer((_req, res) => {
      posts++;
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    await form(app, admin, '/alerts', slackRule({ url: `http://localhost:${(server.address() as AddressInfo).port}/services/T/B/x` }));
    const [rule] = await deps.db.select().from(alertRules);
    const test = () => authed(app, admin, `/alerts/${rule!.id}/test`, { method: 'POST', headers: { 'HX-Request': 'true' } });
    // A second apart: tests in the same millisecond are one delivery.
    for (let i = 0; i < 5; i++) {
      expect((await test()).status).toBe(200);
      deps.advance(1000);
    }
    const limited = await test();
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('No test alert sent: this rule sent several in the last few minutes. Try again in 10 minutes.');
    expect(posts).toBe(5);
    deps.advance(10 * 60_000 + 1);
    expect((await test()).status).toBe(200);
    expect(posts).toBe(6);
  });
});
