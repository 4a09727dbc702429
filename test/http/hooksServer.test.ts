// Helpdesk webhooks against the real Node server (port 0, loopback) and a SQLite file, with
// look-ups and the write-back going to the helpdesk API stand-in through the real fetch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/entry/node';
import { signLink } from '../../src/security/links';
import { createConnection } from '../../src/services/connections';
import { runDueWork } from '../../src/services/dispatch';
import { findIngested } from '../../src/services/ingest';
import { answer } from '../helpers/followups';
import { testConfig } from '../helpers/deps';
import { fixtures, signedBy } from '../shared/helpdeskFixtures';
import { newScope, receivedCalls } from '../shared/helpdeskRequests';

const helpdeskUrl = inject('helpdeskUrl');
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'heard-hooks-'));
  server = await startServer({ ...testConfig(), port: 0, databasePath: join(dir, 'heard.db') }, { dispatcher: false, hostname: '127.0.0.1' });
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('takes a Zendesk event webhook over HTTP, looks its people up, and writes the rating back', async () => {
  const scope = newScope();
  const deps = server.deps;
  const conn = await createConnection(deps, null, {
    provider: 'zendesk',
    name: 'Acme',
    secret: 'zendesk-signing-secret',
    apiUrl: `${helpdeskUrl}/${scope}`,
    apiUser: 'admin@acme.example',
    apiToken: 'tok-live',
  });
  const now = Date.now();
  const event = { ...fixtures.zendeskEvent(), time: new Date(now - 60_000).toISOString() };
  const body = JSON.stringify(event);
  const post = async () =>
    fetch(`${server.url}/hooks/zendesk/${conn.id}`, { method: 'POST', headers: await signedBy('zendesk', conn.secret, body, now), body });

  const res = await post();
  expect(res.status).toBe(200);
  const first = await res.text();
  expect(JSON.parse(first)).toMatchObject({ outcome: 'accepted', ticketId: '5158' });
  expect(await (await post()).text()).toBe(first);

  const stored = await findIngested(deps, `zendesk:${conn.id}:5158:${now - 60_000}`);
  expect(stored?.interaction).toMatchObject({ customer: { email: 'carla.diaz@example.com' }, agent: { email: 'sam@support.example' }, team: 'Mobile' });

  const token = await signLink(deps.config.appSecret, 'survey', stored!.surveyRequest.id, Date.now());
  await answer(deps, token, 4, 'Gracias');
  const report = await runDueWork(deps, Date.now());
  expect(report.writebacks).toEqual({ done: 1, retried: 0, failed: 0, paused: 0 });
  const put = (await receivedCalls(helpdeskUrl, scope)).find((c) => c.method === 'PUT');
  expect(put).toMatchObject({ path: '/api/v2/tickets/5158.json', authorization: `Basic ${btoa('admin@acme.example/token:tok-live')}` });
  expect(put!.body).toMatchObject({ ticket: { comment: { public: false }, additional_tags: ['heard_csat_4'] } });
});

it('answers 401 over HTTP to a request signed with another secret', async () => {
  const conn = await createConnection(server.deps, null, { provider: 'intercom', name: 'Chat', secret: 'client-secret' });
  const body = JSON.stringify(fixtures.intercom());
  const res = await fetch(`${server.url}/hooks/intercom/${conn.id}`, {
    method: 'POST',
    headers: await signedBy('intercom', 'someone-else', body, Date.now()),
    body,
  });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ title: 'Signature check failed', detail: 'X-Hub-Signature does not match: check the secret' });
});
