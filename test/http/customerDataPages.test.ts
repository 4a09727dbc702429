// Data rights in the browser's terms: a customer's export and erasure (admins, CSRF, the typed
// confirmation), Settings → Data's retention rule and preview, and lifting an erased address.
import { afterEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ZCustomerExport } from '../../src/http/api/shapes';
import { getRetention } from '../../src/services/retention';
import { signIn, form, authed } from '../helpers/auth';
import { interaction, makeTestApp, type TestDeps } from '../helpers/deps';
import { answer } from '../helpers/followups';
import { signLink } from '../../src/security/links';

const WHO = { email: 'zoltana.quibble@example.org', name: 'Zoltana Quibble', locale: 'en' };

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  const t = await makeTestApp();
  deps = t.deps;
  const created = await t.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(interaction({ customer: WHO })) });
  const { surveyRequest } = (await created.json()) as { surveyRequest: { id: string } };
  await answer(deps, await signLink(deps.config.appSecret, 'survey', surveyRequest.id, deps.clock()), 2, 'Too slow');
  const [customer] = await deps.db.all<{ id: string }>(sql`SELECT id FROM customers WHERE email = ${WHO.email}`);
  const admin = await signIn(deps, { role: 'admin', email: 'root@staff.example' });
  const manager = await signIn(deps, { role: 'manager', email: 'boss@staff.example', allTeams: true });
  return { ...t, id: customer!.id, admin, manager };
}

const customers = async () => (await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM customers WHERE email = ${WHO.email}`))[0]!.n;

it('erases a customer only when the admin types their address, and says so on Settings → Data', async () => {
  const { app, id, admin } = await setup();
  const wrong = await form(app, admin, `/customers/${id}/erase`, { confirm: 'someone@example.org' });
  expect(wrong.status).toBe(422);
  expect(await wrong.text()).toContain('Nothing was erased');
  expect(await customers()).toBe(1);

  const done = await form(app, admin, `/customers/${id}/erase`, { confirm: ` ${WHO.email.toUpperCase()} ` });
  expect(done.status).toBe(303);
  expect(done.headers.get('Location')).toBe('/admin/data?done=erased');
  expect(await customers()).toBe(0);
  const page = await authed(app, admin, '/admin/data?done=erased');
  expect(await page.text()).toContain('Customer erased.');
  const audit = await deps.db.all<{ actor_id: string; target: string }>(sql`SELECT actor_id, target FROM audit_log WHERE action = 'customer.erased'`);
  expect(audit).toEqual([{ actor_id: admin.user.id, target: `customer ${id}` }]);
  // Sent again (a double click): the customer is gone, nothing else happens.
  expect((await form(app, admin, `/customers/${id}/erase`, { confirm: WHO.email })).status).toBe(404);
});

it('refuses the erasure without the form’s CSRF token, and to anyone but an admin', async () => {
  const { app, id, admin, manager } = await setup();
  expect((await form(app, { cookie: admin.cookie, csrf: 'forged' }, `/customers/${id}/erase`, { confirm: WHO.email })).status).toBe(403);
  expect((await form(app, manager, `/customers/${id}/erase`, { confirm: WHO.email })).status).toBe(404);
  expect((await authed(app, manager, `/customers/${id}/export`)).status).toBe(404);
  expect(await customers()).toBe(1);
});

it('downloads a customer’s data as JSON in the API’s export shape', async () => {
  const { app, id, admin } = await setup();
  const res = await authed(app, admin, `/customers/${id}/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="heard-customer.json"');
  const doc = ZCustomerExport.parse(await res.json());
  expect(doc.customer.email).toBe(WHO.email);
  expect(doc.interactions[0]!.surveys[0]!.response).toMatchObject({ score: 2, comment: 'Too slow' });
  expect(doc.interactions[0]!.surveys[0]!.events.map((e) => e.kind)).toContain('submit');
  expect(doc.followups).toHaveLength(1);
  expect(doc.followups[0]!.activity.map((a) => a.kind)).toContain('opened');
  expect((await authed(app, admin, '/customers/nobody/export')).status).toBe(404);
});

it('saves a retention rule, previews what it would delete and refuses a rule it cannot apply', async () => {
  const { app } = await setup();
  deps.advance(200 * 86_400_000);
  const admin = await signIn(deps, { role: 'admin', email: 'later@staff.example' });
  const preview = await authed(app, admin, '/admin/data?mode=comments&months=6');
  expect(preview.status).toBe(200);
  // The answer opened a follow-up task that is still open: its comment may go, the answer waits.
  expect(await preview.text()).toMatch(/older than 6 months \(before \d{4}-\d\d-\d\d\): 1 comment would be deleted, or 0 whole answers/);
  const bad = await form(app, admin, '/admin/data', { mode: 'comments', months: '1' });
  expect(bad.status).toBe(422);
  expect(await bad.text()).toContain('Enter a whole number of months from 3 to 240.');
  expect((await getRetention(deps)).mode).toBe('off');
  const saved = await form(app, admin, '/admin/data', { mode: 'comments', months: '6' });
  expect(saved.status).toBe(303);
  expect(await getRetention(deps)).toEqual({ mode: 'comments', months: 6 });
  expect(await deps.db.all(sql`SELECT detail FROM audit_log WHERE action = 'retention.updated'`)).toEqual([{ detail: 'comments older than 6 months' }]);
});

it('lets an admin lift an erased address’s suppression, after which it is surveyed again', async () => {
  const { app, api, admin } = await setup();
  expect((await api(`/api/v1/customers/${WHO.email}`, { method: 'DELETE' })).status).toBe(204);
  const unknown = await form(app, admin, '/admin/data/lift', { email: 'never@example.org' });
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toContain('No erased customer had this address');
  const lifted = await form(app, admin, '/admin/data/lift', { email: WHO.email });
  expect(lifted.headers.get('Location')).toBe('/admin/data?done=lifted');
  deps.advance(40 * 86_400_000);
  const again = await api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(interaction({ customer: WHO })) });
  expect(((await again.json()) as { surveyRequest: { status: string } }).surveyRequest.status).toBe('scheduled');
  const audit = await deps.db.all<{ target: string }>(sql`SELECT target FROM audit_log WHERE action = 'suppression.lifted'`);
  expect(audit).toHaveLength(1);
  expect(audit[0]!.target).toMatch(/^address [0-9a-f]{12}…$/);
});
