// Every state-changing request from a session must carry the session's CSRF token; anonymous forms
// must come from this site. Survey and API requests are not session requests and are not checked.
import { afterEach, expect, test } from 'vitest';
import { createApp } from '../../src/http/app';
import { CSRF_HEADER } from '../../src/security/csrf';
import { authed, form, signIn, TEST_PASSWORD, createTestUser } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';
import { VENDOR } from '../../views/vendor';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin' });
  return { app, admin };
}

const post = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

test('a form without the token is refused and changes nothing', async () => {
  const { app, admin } = await setup();
  const res = await app.request('/admin/teams', { ...post({ name: 'Sneaky' }), headers: { ...post({}).headers, Cookie: admin.cookie } });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('This form has expired');
  expect(await (await authed(app, admin, '/admin/teams')).text()).not.toContain('Sneaky');
});

test('a wrong token is refused, whether in the form or the header', async () => {
  const { app, admin } = await setup();
  const other = await signIn(deps, { role: 'admin' });
  const inForm = await form(app, { cookie: admin.cookie, csrf: other.csrf }, '/admin/teams', { name: 'A' });
  expect(inForm.status).toBe(403);
  const inHeader = await app.request('/admin/teams', {
    ...post({ name: 'A' }),
    headers: { ...post({}).headers, Cookie: admin.cookie, [CSRF_HEADER]: admin.csrf.slice(0, -2) + 'xx' },
  });
  expect(inHeader.status).toBe(403);
});

test('the token works in the _csrf field and in the X-CSRF-Token header (htmx)', async () => {
  const { app, admin } = await setup();
  expect((await form(app, admin, '/admin/teams', { name: 'From a form' })).status).toBe(303);
  const htmx = await authed(app, admin, '/admin/teams', { ...post({ name: 'From htmx' }), headers: { ...post({}).headers, 'HX-Request': 'true' } });
  expect(htmx.status).toBe(303);
  const page = await (await authed(app, admin, '/admin/teams')).text();
  expect(page).toContain('From a form');
  expect(page).toContain('From htmx');
});

test('signed-in pages hand htmx the token on an inherited attribute', async () => {
  const { app, admin } = await setup();
  const html = await (await authed(app, admin, '/account')).text();
  expect(html).toContain(`hx-headers:inherited="{&quot;X-CSRF-Token&quot;:&quot;${admin.csrf}&quot;}"`);
  expect(html).toContain(`<script src="${VENDOR.htmx}" defer="">`);
});

test('sign-out without the token is refused, so another site cannot sign people out', async () => {
  const { app, admin } = await setup();
  const res = await app.request('/logout', { method: 'POST', headers: { Cookie: admin.cookie } });
  expect(res.status).toBe(403);
  expect((await authed(app, admin, '/account')).status).toBe(200);
});

test('an anonymous form posted from another site is refused (no signing victims into an account)', async () => {
  const { app } = await setup();
  const u = await createTestUser(deps, { role: 'agent' });
  const cross = await app.request('/login', {
    ...post({ email: u.email, password: TEST_PASSWORD }),
    headers: { ...post({}).headers, Origin: 'https://evil.example' },
  });
  expect(cross.status).toBe(403);
  const fetchMeta = await app.request('/login', {
    ...post({ email: u.email, password: TEST_PASSWORD }),
    headers: { ...post({}).headers, 'Sec-Fetch-Site': 'cross-site' },
  });
  expect(fetchMeta.status).toBe(403);
  const nullOrigin = await app.request('/login', {
    ...post({ email: u.email, password: TEST_PASSWORD }),
    headers: { ...post({}).headers, Origin: 'null' },
  });
  expect(nullOrigin.status).toBe(403);
  const own = await app.request('/login', {
    ...post({ email: u.email, password: TEST_PASSWORD }),
    headers: { ...post({}).headers, Origin: 'http://heard.test' },
  });
  expect(own.status).toBe(303);
  // Under Referrer-Policy no-referrer a browser says Origin: null, and fetch metadata vouches for it.
  const browser = await app.request('/login', {
    ...post({ email: u.email, password: TEST_PASSWORD }),
    headers: { ...post({}).headers, Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
  });
  expect(browser.status).toBe(303);
});

test('survey answers are not session requests: a signed-in colleague can still answer a survey', async () => {
  const { app, admin } = await setup();
  const { links } = await deliveredSurvey(deps);
  const res = await app.request(pathOf(links.scores.get(5)!), { ...post({ score: '5' }), headers: { ...post({}).headers, Cookie: admin.cookie } });
  expect(res.status).toBe(200);
});
