// Settings → Integrations through the real app: connecting a helpdesk, the setup page, editing
// credentials, the test event, deleting, and what the audit log keeps.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { auditLog, connectionDeliveries, connections, writebacks } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { createConnection, getConnection } from '../../src/services/connections';
import { authed, form, signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin', email: 'alex@staff.example' });
  return { app, admin };
}

const ZENDESK = {
  provider: 'zendesk',
  name: 'Zendesk production',
  secret: 'zendesk-signing-secret-1234',
  apiUrl: 'https://acme.zendesk.com/',
  apiUser: 'ops@acme.example',
  apiToken: 'zd-token-abcdefWXYZ',
  team: 'Tier 1',
  ticketUrl: 'https://acme.zendesk.com/agent/tickets/{id}',
};

const audit = async () => (await deps.db.select().from(auditLog)).filter((a) => a.action.startsWith('connection.'));

describe('connecting a helpdesk', () => {
  test('an admin adds a Zendesk connection and lands on its setup page', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/integrations', ZENDESK);
    expect(res.status).toBe(303);
    const [conn] = await deps.db.select().from(connections);
    expect(conn).toMatchObject({ provider: 'zendesk', name: 'Zendesk production', apiUrl: 'https://acme.zendesk.com', secret: ZENDESK.secret });
    expect(res.headers.get('Location')).toBe(`/admin/integrations/${conn!.id}?done=created`);
    expect((await getConnection(deps, conn!.id))!.team).toBe('Tier 1');

    const page = await (await authed(app, admin, res.headers.get('Location')!)).text();
    expect(page).toContain(`http://heard.test/hooks/zendesk/${conn!.id}`);
    expect(page).toContain('&quot;email&quot;: &quot;{{ticket.requester.email}}&quot;');
    expect(page).toContain('Objects and rules → Triggers');
    // The token is shown by its last four characters only.
    expect(page).toContain('…WXYZ');
    expect(page).not.toContain(ZENDESK.apiToken);
    expect((await audit()).map((a) => [a.action, a.target, a.detail])).toEqual([['connection.created', 'Zendesk production', 'zendesk']]);
  });

  test('Heard makes a secret when none is given', async () => {
    const { app, admin } = await setup();
    await form(app, admin, '/admin/integrations', { provider: 'helpscout', name: 'Help Scout' });
    const [conn] = await deps.db.select().from(connections);
    expect(conn!.secret.length).toBeGreaterThanOrEqual(24);
    expect(conn!.apiUrl).toBeNull();
  });

  test('mistakes come back beside their fields and store nothing', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/integrations', {
      provider: 'zendesk',
      name: ' ',
      secret: 'short',
      apiToken: 'tok',
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Name the connection');
    expect(page).toContain('A secret has at least 8 characters');
    expect(page).toContain('An API token needs the API address it belongs to.');
    expect(page).toContain('Put {id} where the ticket number goes');
    expect(page).not.toContain('value="tok"');
    expect(await deps.db.select().from(connections)).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  test('an unknown helpdesk and a Zendesk token without its agent are refused', async () => {
    const { app, admin } = await setup();
    const bad = await form(app, admin, '/admin/integrations', { provider: 'kayako', name: 'X' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Choose your helpdesk.');
    const noUser = await form(app, admin, '/admin/integrations', { ...ZENDESK, apiUser: '' });
    expect(noUser.status).toBe(422);
    expect(await noUser.text()).toContain('enter their email');
  });

  test('a huge field is refused, not stored', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/integrations', { provider: 'front', name: 'x'.repeat(50_000) });
    expect(res.status).toBe(422);
    expect(await deps.db.select().from(connections)).toEqual([]);
  });
});

describe('one connection', () => {
  async function connected() {
    const s = await setup();
    const conn = await createConnection(deps, null, { ...ZENDESK, provider: 'zendesk' });
    return { ...s, conn };
  }

  test('saving new credentials clears "needs attention"; an empty token keeps the stored one', async () => {
    const { app, admin, conn } = await connected();
    await deps.db.update(connections).set({ attention: 'Zendesk answered 401 Unauthorized' }).where(eq(connections.id, conn.id));
    const list = await (await authed(app, admin, '/admin/integrations')).text();
    expect(list).toContain('Needs attention');
    expect(list).toContain('Zendesk answered 401 Unauthorized');

    // Renaming alone leaves the mark: the credentials are still the refused ones.
    await form(app, admin, `/admin/integrations/${conn.id}`, { ...ZENDESK, name: 'Zendesk EU', apiToken: '' });
    expect(await getConnection(deps, conn.id)).toMatchObject({ name: 'Zendesk EU', apiToken: ZENDESK.apiToken, attention: 'Zendesk answered 401 Unauthorized' });

    const res = await form(app, admin, `/admin/integrations/${conn.id}`, { ...ZENDESK, name: 'Zendesk EU', apiToken: 'new-token-9876' });
    expect(res.status).toBe(303);
    expect(await getConnection(deps, conn.id)).toMatchObject({ apiToken: 'new-token-9876', attention: null, secret: ZENDESK.secret });
    expect((await audit()).map((a) => a.detail)).toEqual(['zendesk', 'name', 'API token']);
  });

  test('clearing the API URL drops the credentials: Heard only receives', async () => {
    const { app, admin, conn } = await connected();
    await form(app, admin, `/admin/integrations/${conn.id}`, { ...ZENDESK, apiUrl: '', apiUser: '', apiToken: '' });
    expect(await getConnection(deps, conn.id)).toMatchObject({ apiUrl: null, apiUser: null, apiToken: null });
  });

  test('the test event runs through the intake and the log comes back with it', async () => {
    const { app, admin, conn } = await connected();
    const res = await authed(app, admin, `/admin/integrations/${conn.id}/test`, { method: 'POST', headers: { 'HX-Request': 'true' } });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).toMatch(/^<section class="card" id="deliveries"/);
    expect(fragment).toContain('Test event sent');
    const rows = await deps.db.select().from(connectionDeliveries);
    expect(rows).toHaveLength(1);
    expect(fragment).toContain(`data-delivery="${rows[0]!.id}"`);
  });

  test('the test button without htmx comes back to the page', async () => {
    const { app, admin, conn } = await connected();
    const res = await form(app, admin, `/admin/integrations/${conn.id}/test`);
    expect(res.status).toBe(303);
    expect(await deps.db.select().from(connectionDeliveries)).toHaveLength(1);
  });

  test('deliveries and write-backs are listed, tickets linked through the template', async () => {
    const { app, admin, conn } = await connected();
    await deps.db.insert(connectionDeliveries).values([
      { id: 'd1', connectionId: conn.id, dedupeKey: 'k1', event: 'ticket.solved', outcome: 'rejected', reason: 'No customer email, even after look-up', ticketId: '4711', receivedAt: deps.clock() },
    ]);
    await deps.db.insert(writebacks).values({
      id: 'response/r1/1',
      connectionId: conn.id,
      ticketId: '4711',
      payload: '{}',
      status: 'failed',
      attempts: 8,
      nextAttemptAt: deps.clock(),
      error: 'Zendesk answered 500',
      createdAt: deps.clock(),
    });
    const page = await (await authed(app, admin, `/admin/integrations/${conn.id}`)).text();
    expect(page).toContain('No customer email, even after look-up');
    expect(page).toContain('<a href="https://acme.zendesk.com/agent/tickets/4711">4711</a>');
    expect(page).toContain('Zendesk answered 500');
  });

  test('deleting removes the connection and its log, and is audited', async () => {
    const { app, admin, conn } = await connected();
    await authed(app, admin, `/admin/integrations/${conn.id}/test`, { method: 'POST', headers: { 'HX-Request': 'true' } });
    const res = await form(app, admin, `/admin/integrations/${conn.id}/delete`);
    expect(res.status).toBe(303);
    expect(await deps.db.select().from(connections)).toEqual([]);
    expect(await deps.db.select().from(connectionDeliveries)).toEqual([]);
    expect((await audit()).map((a) => a.action)).toEqual(['connection.created', 'connection.deleted']);
    expect((await authed(app, admin, `/admin/integrations/${conn.id}`)).status).toBe(404);
  });
});
