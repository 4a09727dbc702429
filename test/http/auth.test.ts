// Setup, sign-in, sessions and sign-out through the real app.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { auditLog, sessions } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from '../../src/services/sessions';
import { authed, createTestUser, form, signIn, TEST_PASSWORD, type TestSession } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

function setup(env: Record<string, string> = {}) {
  deps = makeTestDeps({ env });
  return createApp(deps);
}

/** The session cookie a response sets, as a Cookie header value, or null. */
function sessionCookie(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.includes('heard_session=') && !/max-age=0/i.test(c));
  return set ? set.split(';')[0]! : null;
}

async function login(app: ReturnType<typeof createApp>, email: string, password: string, extra: Record<string, string> = {}) {
  return form(app, null, '/login', { email, password, ...extra });
}

describe('first run', () => {
  test('with no users every page leads to setup, but survey, API and health routes still answer', async () => {
    const app = setup();
    for (const path of ['/', '/login', '/admin/users', '/account']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('Location')).toBe('/setup');
    }
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/api/v1/responses')).status).toBe(401);
    expect((await app.request('/s/not-a-token')).status).toBe(404);
    expect((await app.request('/setup')).status).toBe(200);
  });

  test('setup creates the first admin, signs them in, and then disappears', async () => {
    const app = setup();
    const res = await form(app, null, '/setup', { name: 'Ada', email: 'Ada@Example.com', password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/');
    const cookie = sessionCookie(res)!;
    const account = await app.request('/account', { headers: { Cookie: cookie } });
    expect(account.status).toBe(200);
    expect(account.headers.get('Cache-Control')).toBe('no-store');
    expect(await account.text()).toContain('ada@example.com');
    // Every staff page holds personal data: none may be kept by a browser or a proxy.
    for (const page of ['/follow-ups', '/customers', '/customers/churn', '/alerts', '/responses']) {
      const res = await app.request(page, { headers: { Cookie: cookie } });
      expect([res.status, res.headers.get('Cache-Control')], page).toEqual([200, 'no-store']);
    }

    expect((await app.request('/setup')).status).toBe(404);
    const again = await form(app, null, '/setup', { email: 'eve@example.com', password: TEST_PASSWORD });
    expect(again.status).toBe(404);
  });

  test('setup refuses a short password and keeps what was typed', async () => {
    const app = setup();
    const res = await form(app, null, '/setup', { name: 'Ada', email: 'ada@example.com', password: 'short' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('at least 12 characters');
    expect(html).toContain('value="ada@example.com"');
    expect((await app.request('/setup')).status).toBe(200);
  });
});

describe('signing in', () => {
  test('the right password opens a session and goes to the page asked for', async () => {
    const app = setup();
    const u = await createTestUser(deps, { role: 'manager', teams: ['Tier 1'] });
    const res = await login(app, u.email.toUpperCase(), u.password, { next: '/account?tab=1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/account?tab=1');
    expect((await app.request('/account', { headers: { Cookie: sessionCookie(res)! } })).status).toBe(200);
  });

  test('an anonymous visit remembers the page for after signing in', async () => {
    const app = setup();
    await createTestUser(deps, { role: 'admin' });
    const res = await app.request('/admin/users?x=1');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/login?next=%2Fadmin%2Fusers%3Fx%3D1');
    const page = await (await app.request(res.headers.get('Location')!)).text();
    expect(page).toContain('name="next" value="/admin/users?x=1"');
  });

  test('next can only point at this site', async () => {
    const app = setup();
    const u = await createTestUser(deps, { role: 'agent' });
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', '/x\\/evil']) {
      const res = await login(app, u.email, u.password, { next });
      expect(res.headers.get('Location'), next).toBe('/');
    }
  });

  test('a wrong password or unknown email gets the same answer and is audited', async () => {
    const app = setup();
    const u = await createTestUser(deps, { role: 'agent' });
    const wrong = await login(app, u.email, 'not the password at all');
    const unknown = await login(app, 'nobody@example.com', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(sessionCookie(wrong)).toBeNull();
    const message = 'That email and password do not match an active account.';
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
    const audited = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'sign-in.failed'));
    expect(audited.map((a) => [a.target, a.detail])).toEqual([
      [u.email, 'wrong password'],
      ['nobody@example.com', 'unknown account'],
    ]);
  });

  test('signing in replaces the session the browser had (no fixation)', async () => {
    const app = setup();
    const u = await createTestUser(deps, { role: 'agent' });
    const first = sessionCookie(await login(app, u.email, u.password))!;
    const second = await app.request('/login', {
      method: 'POST',
      headers: { Cookie: first, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: u.email, password: u.password, _csrf: await csrfOf(app, first) }),
    });
    const rotated = sessionCookie(second)!;
    expect(rotated).not.toBe(first);
    expect((await app.request('/account', { headers: { Cookie: first } })).status).toBe(302);
    expect((await app.request('/account', { headers: { Cookie: rotated } })).status).toBe(200);
  });

  test('the cookie is HttpOnly and SameSite=Lax; over https it is Secure with the __Host- prefix', async () => {
    let app = setup();
    let u = await createTestUser(deps, { role: 'agent' });
    let set = (await login(app, u.email, u.password)).headers.get('Set-Cookie')!;
    expect(set).toMatch(/^heard_session=[\w-]{40,};/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).not.toMatch(/Secure/);
    deps.close();

    app = setup({ PUBLIC_URL: 'https://heard.example.com' });
    u = await createTestUser(deps, { role: 'agent' });
    set = (await login(app, u.email, u.password)).headers.get('Set-Cookie')!;
    expect(set).toMatch(/^__Host-heard_session=/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/Path=\//);
  });

  test('a signed-in visit to /login goes straight on', async () => {
    const app = setup();
    const s = await signIn(deps, { role: 'agent' });
    const res = await authed(app, s, '/login?next=/account');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/account');
  });
});

/** The CSRF token rendered into a signed-in page. */
async function csrfOf(app: ReturnType<typeof createApp>, cookie: string) {
  const html = await (await app.request('/account', { headers: { Cookie: cookie } })).text();
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
}

describe('sessions end', () => {
  test('after 12 hours without a request', async () => {
    const app = setup();
    const s = await signIn(deps, { role: 'agent' });
    deps.advance(SESSION_IDLE_MS - 60_000);
    expect((await authed(app, s, '/account')).status).toBe(200);
    deps.advance(SESSION_IDLE_MS - 60_000); // the visit above slid the idle window forward
    expect((await authed(app, s, '/account')).status).toBe(200);
    deps.advance(SESSION_IDLE_MS + 1);
    const expired = await authed(app, s, '/account');
    expect(expired.status).toBe(302);
    expect(expired.headers.get('Location')).toBe('/login?next=%2Faccount');
    expect(expired.headers.get('Set-Cookie')).toMatch(/heard_session=;.*Max-Age=0/);
  });

  test('after 30 days however active they are', async () => {
    const app = setup();
    const s = await signIn(deps, { role: 'agent' });
    for (let elapsed = 0; elapsed < SESSION_MAX_AGE_MS - SESSION_IDLE_MS; elapsed += SESSION_IDLE_MS / 2) {
      deps.advance(SESSION_IDLE_MS / 2);
      expect((await authed(app, s, '/account')).status).toBe(200);
    }
    deps.advance(SESSION_IDLE_MS);
    expect((await authed(app, s, '/account')).status).toBe(302);
  });

  test('at sign-out, and the old cookie stays dead', async () => {
    const app = setup();
    const s = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    const res = await form(app, s, '/logout');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/login');
    expect(res.headers.get('Set-Cookie')).toMatch(/heard_session=;/);
    expect((await authed(app, s, '/account')).status).toBe(302);
    expect(await deps.db.select().from(sessions)).toEqual([]);
  });

  test('at once when an admin deactivates the user', async () => {
    const app = setup();
    const admin = await signIn(deps, { role: 'admin' });
    const agent = await signIn(deps, { role: 'agent' });
    expect((await authed(app, agent, '/account')).status).toBe(200);
    const res = await form(app, admin, `/admin/users/${agent.user.id}/deactivate`);
    expect(res.status).toBe(303);
    expect((await authed(app, agent, '/account')).status).toBe(302);
    const again = await login(app, agent.user.email, TEST_PASSWORD);
    expect(again.status).toBe(401);
  });

  test('everywhere else when the password changes', async () => {
    const app = setup();
    const u = await createTestUser(deps, { role: 'agent' });
    const here = sessionCookie(await login(app, u.email, u.password))!;
    const elsewhere = sessionCookie(await login(app, u.email, u.password))!;
    const res = await app.request('/account/password', {
      method: 'POST',
      headers: { Cookie: here, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: await csrfOf(app, here), current: u.password, password: 'a brand new passphrase' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Password changed');
    expect((await app.request('/account', { headers: { Cookie: here } })).status).toBe(200);
    expect((await app.request('/account', { headers: { Cookie: elsewhere } })).status).toBe(302);
    expect((await login(app, u.email, u.password)).status).toBe(401);
    expect((await login(app, u.email, 'a brand new passphrase')).status).toBe(303);
  });
});

describe('changing one’s own password', () => {
  let app: ReturnType<typeof createApp>;
  let s: TestSession;

  test('needs the current password', async () => {
    app = setup();
    s = await signIn(deps, { role: 'agent' });
    const res = await form(app, s, '/account/password', { current: 'not my password', password: 'a brand new passphrase' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('That is not your current password.');
  });

  test('refuses a new password that is too short', async () => {
    app = setup();
    s = await signIn(deps, { role: 'agent' });
    const res = await form(app, s, '/account/password', { current: TEST_PASSWORD, password: 'short' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Use at least 12 characters.');
  });
});
