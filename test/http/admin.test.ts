// Administration through the real app: invitations, access changes, teams, API keys, the audit log.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { auditLog, interactions } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { INVITATION_TTL_MS } from '../../src/services/invitations';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { resolveSession } from '../../src/services/sessions';
import { recordAudit } from '../../src/services/audit';
import { authed, ensureTeam, form, signIn, type TestSession } from '../helpers/auth';
import { interaction, makeTestDeps, type CapturingMailer, type TestDeps } from '../helpers/deps';
import { pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin', name: 'Alex Admin', email: 'alex@staff.example' });
  return { app, admin, mailer: deps.mailer as CapturingMailer };
}

const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('heard_session='))!.split(';')[0]!;
const invitationLink = (mailer: CapturingMailer) => pathOf(/https?:\/\/\S+\/invite\/[\w-]+/.exec(mailer.sent.at(-1)!.text)![0]);
const actions = async () => (await deps.db.select().from(auditLog)).map((a) => a.action);

describe('invitations', () => {
  test('an invited agent known from ingest sets a password and sees their own history at once', async () => {
    const { app, admin, mailer } = await setup();
    const ingested = await ingestInteraction(deps, ZInteractionInput.parse(interaction({ agent: { email: 'ana@support.example', name: 'Ana' } })));
    const tier1 = await ensureTeam(deps, 'Tier 1');

    const sent = await form(app, admin, '/admin/users/invite', { email: 'ANA@support.example', role: 'agent', teamIds: tier1 });
    expect(sent.status).toBe(303);
    const email = mailer.sent.at(-1)!;
    expect(email.to).toBe('ana@support.example');
    expect(email.subject).toBe('Alex Admin invited you to Heard');
    expect(email.text).toContain('as an agent.');
    expect(email.text).toContain('Teams: Tier 1');
    expect(email.idempotencyKey).toMatch(/^invitation\//);
    expect(await (await authed(app, admin, '/admin/users')).text()).toContain('Pending invitations');

    const link = invitationLink(mailer);
    const page = await app.request(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ana@support.example');

    const accepted = await form(app, null, link, { name: 'Ana Díaz', password: 'a long enough passphrase' });
    expect(accepted.status).toBe(303);
    const live = await resolveSession(deps, sessionCookie(accepted).split('=')[1]!);
    expect(live!.user).toMatchObject({ email: 'ana@support.example', name: 'Ana Díaz', role: 'agent', teamIds: [tier1] });
    expect(live!.user.agentId).not.toBeNull();
    const [agentRow] = await deps.db.select({ id: interactions.agentId }).from(interactions).where(eq(interactions.id, ingested.interaction.id));
    expect(live!.user.agentId).toBe(agentRow!.id);
    expect(await actions()).toEqual(expect.arrayContaining(['user.invited', 'invitation.accepted']));
  });

  test('a link works once', async () => {
    const { app, admin, mailer } = await setup();
    await form(app, admin, '/admin/users/invite', { email: 'mia@staff.example', role: 'manager', allTeams: '1' });
    const link = invitationLink(mailer);
    expect((await form(app, null, link, { password: 'a long enough passphrase' })).status).toBe(303);
    const again = await form(app, null, link, { password: 'another passphrase!!' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already used');
    expect((await app.request(link)).status).toBe(410);
  });

  test('a link stops working after seven days', async () => {
    const { app, admin, mailer } = await setup();
    await form(app, admin, '/admin/users/invite', { email: 'late@staff.example', role: 'agent' });
    const link = invitationLink(mailer);
    deps.advance(INVITATION_TTL_MS - 1000);
    expect((await app.request(link)).status).toBe(200);
    deps.advance(1000);
    const res = await form(app, null, link, { password: 'a long enough passphrase' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
  });

  test('a revoked invitation, or one replaced by a newer one, no longer works', async () => {
    const { app, admin, mailer } = await setup();
    await form(app, admin, '/admin/users/invite', { email: 'sam@staff.example', role: 'agent' });
    const first = invitationLink(mailer);
    await form(app, admin, '/admin/users/invite', { email: 'sam@staff.example', role: 'agent' });
    const second = invitationLink(mailer);
    expect((await app.request(first)).status).toBe(404);
    const id = /\/admin\/invitations\/([^/]+)\/revoke/.exec(await (await authed(app, admin, '/admin/users')).text())![1]!;
    expect((await form(app, admin, `/admin/invitations/${id}/revoke`)).status).toBe(303);
    expect((await app.request(second)).status).toBe(404);
    expect((await form(app, admin, `/admin/invitations/${id}/revoke`)).status).toBe(404);
  });

  test('the form says what is wrong: an existing account, a manager without teams, a bad address', async () => {
    const { app, admin } = await setup();
    const taken = await form(app, admin, '/admin/users/invite', { email: 'alex@staff.example', role: 'agent' });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('Someone already has an account with this email.');
    const noTeams = await form(app, admin, '/admin/users/invite', { email: 'm@staff.example', role: 'manager' });
    expect(noTeams.status).toBe(422);
    expect(await noTeams.text()).toContain('Choose the teams this manager manages, or all teams.');
    const bad = await form(app, admin, '/admin/users/invite', { email: 'not an address', role: 'agent' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Enter an email address.');
  });

  test('nothing is kept when the email cannot be sent', async () => {
    const { app, admin, mailer } = await setup();
    mailer.queue.push({ ok: false, retryable: true, error: 'provider down' });
    const res = await form(app, admin, '/admin/users/invite', { email: 'x@staff.example', role: 'agent' });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('could not be sent (provider down)');
    expect(await (await authed(app, admin, '/admin/users')).text()).not.toContain('Pending invitations');
  });
});

describe('access changes', () => {
  async function withManager() {
    const s = await setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    const tier2 = await ensureTeam(deps, 'Tier 2');
    return { ...s, manager, tier2 };
  }

  test('a new role and teams apply from the next request, and the change is audited', async () => {
    const { app, admin, manager, tier2 } = await withManager();
    const tier1 = manager.user.teamIds[0]!;
    const res = await form(app, admin, `/admin/users/${manager.user.id}/access`, { role: 'manager', teamIds: [tier1, tier2] });
    expect(res.status).toBe(303);
    expect((await resolveSession(deps, manager.token))!.user.teamIds.sort()).toEqual([tier1, tier2].sort());
    const [entry] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'user.access-changed'));
    expect(entry!.detail).toBe('manager, Tier 1 → manager, Tier 1, Tier 2');

    await form(app, admin, `/admin/users/${manager.user.id}/access`, { role: 'admin' });
    expect((await authed(app, manager, '/admin/users')).status).toBe(200);
  });

  test('each agent shows their own team, and their access saves unchanged', async () => {
    const { app, admin } = await setup();
    const ana = await signIn(deps, { role: 'agent', teams: ['Tier 1'], email: 'ana@staff.example' });
    const ben = await signIn(deps, { role: 'agent', teams: ['Tier 2'], email: 'ben@staff.example' });
    const [tier1, tier2] = [ana.user.teamIds[0]!, ben.user.teamIds[0]!];
    const list = await (await authed(app, admin, '/admin/users')).text();
    const row = (email: string) => list.slice(list.indexOf(email), list.indexOf('</tr>', list.indexOf(email)));
    expect(row('ana@staff.example')).toContain('Tier 1');
    expect(row('ana@staff.example')).not.toContain('Tier 2');
    expect(row('ben@staff.example')).not.toContain('Tier 1');

    const page = await (await authed(app, admin, `/admin/users/${ana.user.id}`)).text();
    const checked = [...page.matchAll(/<input[^>]*name="teamIds"[^>]*>/g)].map((m) => m[0]).filter((i) => /checked/.test(i));
    expect(checked).toHaveLength(1);
    expect(checked[0]).toContain(tier1);
    const saved = await form(app, admin, `/admin/users/${ana.user.id}/access`, { role: 'agent', teamIds: tier1 });
    expect(saved.status).toBe(303);
    expect((await resolveSession(deps, ben.token))!.user.teamIds).toEqual([tier2]);
  });

  test('admins cannot change their own role or deactivate themselves', async () => {
    const { app, admin } = await withManager();
    const demote = await form(app, admin, `/admin/users/${admin.user.id}/access`, { role: 'agent' });
    expect(demote.status).toBe(422);
    expect(await demote.text()).toContain('You cannot change your own role');
    expect((await form(app, admin, `/admin/users/${admin.user.id}/deactivate`)).status).toBe(422);
    expect((await authed(app, admin, '/admin/users')).status).toBe(200);
  });

  test('unknown users answer 404', async () => {
    const { app, admin } = await withManager();
    expect((await authed(app, admin, '/admin/users/nobody')).status).toBe(404);
    expect((await form(app, admin, '/admin/users/nobody/access', { role: 'agent' })).status).toBe(404);
    expect((await form(app, admin, '/admin/users/nobody/deactivate')).status).toBe(404);
  });

  test('a reactivated user can sign in again', async () => {
    const { app, admin, manager } = await withManager();
    await form(app, admin, `/admin/users/${manager.user.id}/deactivate`);
    expect(await (await authed(app, admin, '/admin/users')).text()).toContain('Deactivated');
    await form(app, admin, `/admin/users/${manager.user.id}/reactivate`);
    const login = await form(app, null, '/login', { email: manager.user.email, password: 'correct horse battery staple' });
    expect(login.status).toBe(303);
    expect(await actions()).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });
});

describe('teams', () => {
  test('admins create teams; names are unique', async () => {
    const { app, admin } = await setup();
    expect((await form(app, admin, '/admin/teams', { name: '  Billing ' })).status).toBe(303);
    expect(await (await authed(app, admin, '/admin/teams')).text()).toContain('<td>Billing</td>');
    const dup = await form(app, admin, '/admin/teams', { name: 'Billing' });
    expect(dup.status).toBe(409);
    expect((await form(app, admin, '/admin/teams', { name: '' })).status).toBe(422);
  });
});

describe('API keys', () => {
  async function createKey(app: ReturnType<typeof createApp>, admin: TestSession) {
    const res = await form(app, admin, '/admin/api-keys', { name: 'Helpdesk' });
    expect(res.status).toBe(201);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    return /<textarea[^>]*>\s*(heard_[\w-]+)\s*<\/textarea>/.exec(await res.text())![1]!;
  }

  test('a key made in the browser works until it is revoked there', async () => {
    const { app, admin } = await setup();
    const key = await createKey(app, admin);
    const api = () => app.request('/api/v1/responses', { headers: { Authorization: `Bearer ${key}` } });
    expect((await api()).status).toBe(200);

    const list = await (await authed(app, admin, '/admin/api-keys')).text();
    expect(list).toContain(`${key.slice(0, 12)}…`);
    expect(list).not.toContain(key);
    expect(list).not.toContain('Never');

    const id = /\/admin\/api-keys\/([^/]+)\/revoke/.exec(list)![1]!;
    expect((await form(app, admin, `/admin/api-keys/${id}/revoke`)).status).toBe(303);
    expect((await api()).status).toBe(401);
    expect(await (await authed(app, admin, '/admin/api-keys')).text()).toContain('Revoked');
    expect((await form(app, admin, `/admin/api-keys/${id}/revoke`)).status).toBe(404);
    expect(await actions()).toEqual(expect.arrayContaining(['api-key.created', 'api-key.revoked']));
  });
});

describe('dead ends', () => {
  test('a missing page keeps the signed-in navigation; a customer link keeps its own frame', async () => {
    const { app, admin } = await setup();
    const missing = await authed(app, admin, '/no/such/page');
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('class="app-bar"');
    expect(html).toContain('href="/follow-ups"');
    expect(html).toContain('rel="icon" href="/favicon.svg"');
    const survey = await authed(app, admin, '/s/not-a-token');
    expect(await survey.text()).not.toContain('class="app-bar"');
    expect(await (await app.request('/no/such/page')).text()).not.toContain('class="app-bar"');
  });
});

describe('audit log', () => {
  test('lists entries newest first, a hundred per page', async () => {
    const { app, admin } = await setup();
    for (let i = 0; i < 105; i++) {
      deps.advance(1000);
      await recordAudit(deps, { actorId: admin.user.id, action: 'team.created', target: `Team ${i}` });
    }
    const first = await (await authed(app, admin, '/admin/audit')).text();
    expect(first.indexOf('Team 104')).toBeLessThan(first.indexOf('Team 103'));
    expect(first).not.toContain('>Team 4<');
    const next = /href="(\/admin\/audit\?before=[^"]+)"/.exec(first)![1]!.replace(/&amp;/g, '&');
    const second = await (await authed(app, admin, next)).text();
    expect(second).toContain('Team 4');
    expect(second).toContain('Team 0');
    expect(second).not.toContain('Team 5<');
    expect(second).not.toContain('Older entries');
  });
});
