// Follow-up pages, forms and the integration API through createApp().request().
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { getRules } from '../../src/services/followups/settings';
import { authed, form, signIn, type TestSession } from '../helpers/auth';
import { makeTestDeps, type CapturingMailer, type TestDeps } from '../helpers/deps';
import { answered, log, tasks } from '../helpers/followups';

let deps: TestDeps;
afterEach(() => deps?.close());

const ana = { email: 'ana@support.example', name: 'Ana' };

async function setup() {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const app = createApp(deps);
  const agent = await signIn(deps, { role: 'agent', email: ana.email, name: 'Ana', teams: ['Tier 1'] });
  const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'], name: 'Mia' });
  const admin = await signIn(deps, { role: 'admin', name: 'Ada' });
  const page = async (s: TestSession, path: string) => {
    const res = await authed(app, s, path);
    return { status: res.status, html: await res.text() };
  };
  return { app, agent, manager, admin, page };
}

describe('the inbox and a task', () => {
  it('shows the agent their task, soonest due first, and the task page with history and forms', async () => {
    const { agent, page } = await setup();
    await answered(deps, { agent: ana, externalId: 'T-100', tags: ['billing'] }, 1, 'Quiero un reembolso');
    const [task] = await tasks(deps);
    const inbox = await page(agent, '/follow-ups');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toContain(`href="/follow-ups/${task!.id}"`);
    expect(inbox.html).toContain('“Quiero un reembolso”');
    expect(inbox.html).toMatch(/Why:<\/span> Low score · Mentions “reembolso”/);
    expect(inbox.html).toContain('1 open');

    const view = await page(agent, `/follow-ups/${task!.id}`);
    expect(view.status).toBe(200);
    expect(view.html).toContain('Follow-up with María');
    expect(view.html).toContain('Spanish');
    expect(view.html).toContain('billing');
    expect(view.html).toContain('Mentions “reembolso”');
    // The email form starts from the built-in template in the customer's language.
    expect(view.html).toContain('value="Sobre tu opinión reciente"');
    expect(view.html).toContain('¡Hola, María!');
    expect(view.html).toContain('Replies go to ana@support.example');
  });

  it('logs a note, refuses to close without an outcome, then closes', async () => {
    const { app, agent } = await setup();
    await answered(deps, { agent: ana }, 2);
    const [task] = await tasks(deps);
    const note = await form(app, agent, `/follow-ups/${task!.id}/activity`, { kind: 'note', body: 'Left a voicemail' });
    expect(note.status).toBe(303);
    expect(note.headers.get('Location')).toBe(`/follow-ups/${task!.id}?done=activity`);
    const bare = await form(app, agent, `/follow-ups/${task!.id}/status`, { status: 'resolved', note: '' });
    expect(bare.status).toBe(422);
    const again = await bare.text();
    expect(again).toContain('Write an outcome note to close the task.');
    // The menu keeps the status the person chose.
    expect(again).toMatch(/<option value="resolved" selected="">Resolved<\/option>/);
    expect((await form(app, agent, `/follow-ups/${task!.id}/status`, { status: 'resolved', note: 'Refund issued' })).status).toBe(303);
    expect((await tasks(deps))[0]).toMatchObject({ status: 'resolved', outcome: 'Refund issued' });
    expect((await log(deps, task!.id)).map((e) => e.kind)).toEqual(['opened', 'note', 'status']);
    expect(await (await authed(app, agent, `/follow-ups/${task!.id}`)).text()).toContain('<strong>Status → Resolved</strong>');
  });

  it('sends the customer an email from the task', async () => {
    const { app, agent } = await setup();
    await answered(deps, { agent: ana }, 2);
    const [task] = await tasks(deps);
    const res = await form(app, agent, `/follow-ups/${task!.id}/email`, { subject: 'Hola', body: 'Hola María,\n\nLo siento.', key: 'k1' });
    expect(res.status).toBe(303);
    const email = (deps.mailer as CapturingMailer).sent.find((e) => e.idempotencyKey.startsWith('followup-email/'));
    expect(email).toMatchObject({ to: 'maria@example.com', replyTo: ana.email, subject: 'Hola' });
  });

  it('answers an htmx send with the email form alone: its error, or a fresh form and the log', async () => {
    const { app, agent } = await setup();
    await answered(deps, { agent: ana }, 2);
    const [task] = await tasks(deps);
    const send = (fields: Record<string, string>) =>
      authed(app, agent, `/follow-ups/${task!.id}/email`, {
        method: 'POST',
        headers: { 'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const bad = await send({ subject: '', body: 'Hola María', key: 'k2' });
    expect(bad.status).toBe(422);
    const again = await bad.text();
    expect(again.startsWith('<form id="email-form"')).toBe(true);
    expect(again).toContain('Write a subject and a message.');
    expect(again).toContain('Hola María</textarea>');
    expect(again).not.toContain('<html');

    const ok = await send({ subject: 'Hola', body: 'Hola María,\n\nLo siento.', key: 'k2' });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html.startsWith('<form id="email-form"')).toBe(true);
    expect(html).toContain('Email sent.');
    expect(html).not.toContain('value="k2"');
    // The log comes along out of band, with the email in it.
    expect(html).toMatch(/<ol id="activity-log" class="timeline" hx-swap-oob="true">[\s\S]*Email to customer[\s\S]*Subject: Hola/);
    expect(html).not.toContain('<html');
    const sent = (deps.mailer as CapturingMailer).sent.filter((e) => e.idempotencyKey.startsWith('followup-email/'));
    expect(sent).toMatchObject([{ to: 'maria@example.com', subject: 'Hola' }]);
  });

  it('swaps the email form to another template for htmx', async () => {
    const { app, admin, agent } = await setup();
    await form(app, admin, '/admin/follow-ups/templates', {
      name: 'Callback',
      'en.subject': 'We will call you',
      'en.body': '{{greeting}} I will call you today. {{agent_name}}',
    });
    await answered(deps, { agent: ana, customer: { email: 'lee@example.com', name: 'Lee', locale: 'zh-CN' } }, 2);
    const [task] = await tasks(deps);
    const list = await (await authed(app, agent, `/follow-ups/${task!.id}`)).text();
    const id = /<option value="([^"]+)">Callback<\/option>/.exec(list)![1]!;
    const res = await authed(app, agent, `/follow-ups/${task!.id}/email-form?template=${id}`, { headers: { 'HX-Request': 'true' } });
    const html = await res.text();
    expect(html.startsWith('<form id="email-form"')).toBe(true);
    // No Chinese text in this template: the English one, filled in for the customer.
    expect(html).toContain('value="We will call you"');
    expect(html).toContain('Lee，您好！ I will call you today. Ana');
  });

  it('lets a manager reassign to someone on the team, and not to anyone else', async () => {
    const { app, manager, agent } = await setup();
    await answered(deps, { agent: ana }, 2);
    const [task] = await tasks(deps);
    expect((await form(app, manager, `/follow-ups/${task!.id}/assign`, { assignee: `user:${manager.user.id}` })).status).toBe(303);
    expect((await tasks(deps))[0]).toMatchObject({ assigneeUserId: manager.user.id, assigneeAgentId: null });
    expect((await form(app, manager, `/follow-ups/${task!.id}/assign`, { assignee: 'user:someone-else' })).status).toBe(422);
    // Agents cannot reassign, even their own task.
    expect((await form(app, agent, `/follow-ups/${task!.id}/assign`, { assignee: 'none' })).status).toBe(404);
  });

  it('reports recovery for the manager and links to the tasks', async () => {
    const { app, agent, manager, page } = await setup();
    await answered(deps, { agent: ana }, 2);
    const [task] = await tasks(deps);
    await form(app, agent, `/follow-ups/${task!.id}/status`, { status: 'resolved', note: 'Fixed' });
    const report = await page(manager, '/follow-ups/report?preset=7d');
    expect(report.status).toBe(200);
    expect(report.html).toContain('Tasks opened');
    expect(report.html).toMatch(/Closed within SLA<\/p><p class="stat-value">100%/);
    expect(report.html).toContain(`assignee=agent%3A${agent.user.agentId}`);
  });
});

describe('admin settings', () => {
  it('saves the rules and explains what is wrong', async () => {
    const { app, admin } = await setup();
    const fields = {
      openOnLowScore: '1',
      keywords: 'refund\nabogado, 退款',
      assignment: 'round_robin',
      slaHours: '16',
      managerAfterHours: '2',
      digestHour: '9',
      recoveryDelayDays: '5',
    };
    expect((await form(app, admin, '/admin/follow-ups', fields)).status).toBe(303);
    expect(await getRules(deps)).toMatchObject({
      openOnLowScore: true,
      openOnKeywords: false,
      keywords: ['refund', 'abogado', '退款'],
      assignment: 'round_robin',
      slaHours: 16,
      recoveryEnabled: false,
      recoveryDelayDays: 5,
    });
    const bad = await form(app, admin, '/admin/follow-ups', { ...fields, slaHours: '0', digestHour: '25' });
    expect(bad.status).toBe(422);
    // A keyword too long: said in words, never the validator's.
    const odd = await (await form(app, admin, '/admin/follow-ups', { ...fields, keywords: 'x'.repeat(61) })).text();
    expect(odd).toContain('Use at most 60 characters.');
    expect(odd).not.toMatch(/Invalid (input|option)|expected/);
    const html = await bad.text();
    expect(html).toContain('The SLA must be at least 1.');
    expect(html).toContain('The digest hour must be at most 23.');
  });

  it('stores a team’s working hours and refuses a day that ends before it starts', async () => {
    const { app, admin, page } = await setup();
    const hours = await page(admin, '/admin/follow-ups/hours');
    const teamId = /action="\/admin\/follow-ups\/hours\/([^"]+)"/.exec(hours.html)![1]!;
    const ok = await form(app, admin, `/admin/follow-ups/hours/${teamId}`, { timeZone: 'Asia/Tokyo', days: ['1', '2', '3'], start: '10:00', end: '19:00' });
    expect(ok.status).toBe(303);
    expect((await page(admin, '/admin/follow-ups/hours')).html).toContain('value="Asia/Tokyo"');
    const bad = await form(app, admin, `/admin/follow-ups/hours/${teamId}`, { timeZone: 'Asia/Tokyo', days: ['1'], start: '18:00', end: '09:00' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('The working day must end after it starts.');
  });

  it('adds a webhook and shows its secret', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/webhooks', { url: 'https://hooks.example/heard', events: ['followup.opened'], format: 'slack' });
    expect(res.status).toBe(303);
    const html = await (await authed(app, admin, res.headers.get('Location')!)).text();
    expect(html).toMatch(/value="whsec_[\w-]+"/);
    const bad = await form(app, admin, '/admin/webhooks', { url: 'ftp://x', format: 'json' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Choose at least one event.');
  });

  it('refuses a template that uses an unknown variable', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/follow-ups/templates', { name: 'Oops', 'en.subject': 'Hi', 'en.body': 'Hi {{ticket}}' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Heard does not know');
  });
});

describe('the built-in template', () => {
  it('can be read, changed, used on a task and restored', async () => {
    const { app, admin, agent, page } = await setup();
    const list = await page(admin, '/admin/follow-ups/templates');
    expect(list.html).toContain('href="/admin/follow-ups/templates/built-in"');
    expect(list.html).not.toContain('BRAND_NAME');
    const view = await page(admin, '/admin/follow-ups/templates/built-in');
    expect(view.status).toBe(200);
    expect(view.html).toContain('value="About your recent feedback"');

    const fields = { name: 'Apology and offer to help (built in)', 'en.subject': 'We are sorry, {{customer_name}}', 'en.body': '{{greeting}} Let us fix this.' };
    expect((await form(app, admin, '/admin/follow-ups/templates/built-in', fields)).status).toBe(303);
    await answered(deps, { agent: ana, customer: { email: 'lee@example.com', name: 'Lee', locale: 'en' } }, 1);
    const [task] = await tasks(deps);
    expect((await page(agent, `/follow-ups/${task!.id}`)).html).toContain('value="We are sorry, Lee"');
    // Spanish was not changed: it keeps the shipped text.
    expect((await page(admin, '/admin/follow-ups/templates/built-in')).html).toContain('Sobre tu opinión reciente');

    expect((await form(app, admin, '/admin/follow-ups/templates/built-in/delete')).status).toBe(303);
    expect((await page(agent, `/follow-ups/${task!.id}`)).html).toContain('value="About your recent feedback"');
    expect((await form(app, admin, '/admin/follow-ups/templates/built-in/delete')).status).toBe(404);
  });
});

describe('GET and PATCH /api/v1/followups', () => {
  async function api() {
    const s = await setup();
    const { key } = await createApiKey(deps, 'Helpdesk');
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await s.app.request(path, {
        ...init,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
      });
      return { status: res.status, body: await res.json() };
    };
    return { ...s, call };
  }

  it('lists tasks newest first, filtered by status and assignee, paged by cursor', async () => {
    const { call } = await api();
    for (const n of [1, 2, 3]) {
      deps.advance(60_000);
      await answered(deps, { agent: n === 3 ? { email: 'ben@support.example' } : ana, customer: { email: `c${n}@example.com` } }, 1);
    }
    const all = await call('/api/v1/followups?limit=2');
    expect(all.status).toBe(200);
    expect(all.body.data.map((t: { customer: { email: string } }) => t.customer.email)).toEqual(['c3@example.com', 'c2@example.com']);
    const next = await call(`/api/v1/followups?limit=2&cursor=${all.body.nextCursor}`);
    expect(next.body).toMatchObject({ data: [{ customer: { email: 'c1@example.com' } }], nextCursor: null });
    expect((await call('/api/v1/followups?assignee=ANA@support.example')).body.data).toHaveLength(2);
    expect((await call('/api/v1/followups?status=closed')).body.data).toHaveLength(0);
    expect((await call('/api/v1/followups?status=bogus')).status).toBe(400);
  });

  it('changes status, assignee and adds notes, and says why it cannot', async () => {
    const { call, manager } = await api();
    await answered(deps, { agent: ana }, 1);
    const [task] = await tasks(deps);
    const patch = (body: unknown) => call(`/api/v1/followups/${task!.id}`, { method: 'PATCH', body: JSON.stringify(body) });

    expect((await patch({ status: 'resolved' })).status).toBe(400);
    const moved = await patch({ assignee: manager.user.email, note: 'Taken over by Mia' });
    expect(moved.status).toBe(200);
    expect(moved.body.assignee).toEqual({ kind: 'user', email: manager.user.email, name: 'Mia' });
    expect((await patch({ assignee: 'nobody@example.com' })).status).toBe(422);
    const closed = await patch({ status: 'resolved', note: 'Refunded via helpdesk' });
    expect(closed.body).toMatchObject({ status: 'resolved', outcome: 'Refunded via helpdesk', recovery: { status: 'scheduled' } });
    expect((await patch({ status: 'in_progress' })).status).toBe(409);
    expect((await call('/api/v1/followups/missing', { method: 'PATCH', body: '{"note":"x"}' })).status).toBe(404);
    expect((await log(deps, task!.id)).map((e) => [e.kind, e.actor])).toEqual([
      ['opened', 'Heard'],
      ['assigned', 'API key Helpdesk'],
      ['note', 'API key Helpdesk'],
      ['status', 'API key Helpdesk'],
    ]);
  });

  it('applies assignee, status and note as one write: when it fails, none of them is applied', async () => {
    const { call, manager } = await api();
    await answered(deps, { agent: ana }, 1);
    const [task] = await tasks(deps);
    const before = { task: (await tasks(deps))[0], log: await log(deps, task!.id) };
    // The database refuses the change's write; a change made in several writes would keep its first parts.
    const atomic = deps.atomic;
    deps.atomic = async () => {
      throw new Error('refused');
    };
    const res = await call(`/api/v1/followups/${task!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ assignee: manager.user.email, status: 'resolved', note: 'Refunded' }),
    });
    deps.atomic = atomic;
    expect(res.status).toBe(500);
    expect((await tasks(deps))[0]).toEqual(before.task);
    expect(await log(deps, task!.id)).toEqual(before.log);
  });
});
