// A helpdesk connection whose credentials are refused emails the admins once per entering "needs
// attention": through the real Resend SDK to its local stand-in, sent by runDueWork.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, inject, it } from 'vitest';
import { connections, writebacks } from '../../src/db/schema';
import { createResendMailer } from '../../src/mail/resend';
import { attentionStatement, createConnection, updateConnection } from '../../src/services/connections';
import { runDueWork } from '../../src/services/dispatch';
import { createTestUser } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { failNext, newScope } from '../shared/helpdeskRequests';
import { receivedEmails } from '../shared/resendInbox';
import { startResendServer, type ResendServer } from '../shared/resendServer';

const helpdeskUrl = inject('helpdeskUrl');
const MINUTE = 60_000;

let resend: ResendServer;
beforeAll(async () => {
  resend = await startResendServer();
});
afterAll(() => resend.close());

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup(tag: string) {
  deps = makeTestDeps({ mailer: () => createResendMailer({ apiKey: 're_test', baseUrl: resend.url }) });
  const admins = [`${tag}-ops@staff.example`, `${tag}-lead@staff.example`];
  for (const email of admins) await createTestUser(deps, { role: 'admin', email });
  await createTestUser(deps, { role: 'manager', email: `${tag}-manager@staff.example`, allTeams: true });
  const scope = newScope();
  const conn = await createConnection(deps, null, { provider: 'zendesk', name: 'Zendesk EU', secret: 'zendesk-secret-1234', apiUrl: `${helpdeskUrl}/${scope}`, apiUser: 'ops@acme.example', apiToken: 'tok-123' });
  const queue = (ticket: string) =>
    deps.db.insert(writebacks).values({ id: `wb-${ticket}`, connectionId: conn.id, ticketId: ticket, payload: JSON.stringify({ text: 'Rated 2 of 5', tags: [] }), status: 'pending', attempts: 0, nextAttemptAt: deps.clock(), createdAt: deps.clock() });
  const inbox = async () => Promise.all(admins.map((a) => receivedEmails(resend.url, a)));
  return { admins, conn, scope, queue, inbox, manager: `${tag}-manager@staff.example` };
}

it('emails every admin once when write-backs are refused, with a link to the connection', async () => {
  const { admins, conn, scope, queue, inbox, manager } = await setup('once');
  await queue('101');
  await queue('102');
  await failNext(helpdeskUrl, scope, [401, 403]);
  // Both write-backs are refused in the same run: the connection enters the state once, and the
  // admins hear in that run.
  const first = await runDueWork(deps, deps.clock());
  expect(first.writebacks.paused).toBe(2);
  expect(first.connectionAttention).toBe(2);
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, conn.id));
  expect(row!.attention).toContain('Zendesk refused the API credentials');
  const [ops, lead] = await inbox();
  expect(ops).toHaveLength(1);
  expect(lead).toHaveLength(1);
  expect(ops![0]).toMatchObject({
    to: [admins[0]],
    subject: 'Zendesk connection “Zendesk EU” needs attention',
    idempotencyKey: `connection-attention/${conn.id}/${row!.attentionSince}/${admins[0]}`,
  });
  expect(ops![0]!.html).toContain(`href="http://heard.test/admin/integrations/${conn.id}"`);
  expect(ops![0]!.text).toContain(row!.attention!);
  expect(await receivedEmails(resend.url, manager)).toHaveLength(0);

  // Later runs, and further refusals while the state lasts, send nothing more.
  await deps.db.run(attentionStatement(deps, conn.id, 'Zendesk refused the API credentials (HTTP 401) when writing to ticket 103: save a new API token.', deps.clock() + MINUTE));
  await runDueWork(deps, deps.clock() + 60 * MINUTE);
  expect((await inbox()).map((m) => m.length)).toEqual([1, 1]);
});

it('emails again when the connection enters the state again after new credentials', async () => {
  const { conn, scope, queue, inbox } = await setup('again');
  await queue('201');
  await failNext(helpdeskUrl, scope, [401]);
  await runDueWork(deps, deps.clock());
  await runDueWork(deps, deps.clock());
  expect((await inbox()).map((m) => m.length)).toEqual([1, 1]);

  await updateConnection(deps, null, conn.id, { name: 'Zendesk EU', secret: null, apiUrl: `${helpdeskUrl}/${scope}`, apiUser: 'ops@acme.example', apiToken: 'tok-456', team: null, ticketUrl: null });
  expect((await deps.db.select().from(connections).where(eq(connections.id, conn.id)))[0]).toMatchObject({ attention: null, attentionSince: null, attentionEmailAt: null });
  // The held write-back goes out with the new token; the next one is refused again.
  deps.advance(MINUTE);
  expect((await runDueWork(deps, deps.clock())).writebacks.done).toBe(1);
  await queue('202');
  await failNext(helpdeskUrl, scope, [403]);
  deps.advance(MINUTE);
  await runDueWork(deps, deps.clock());
  await runDueWork(deps, deps.clock());
  const [ops] = await inbox();
  expect(ops).toHaveLength(2);
  expect(ops![1]!.idempotencyKey).not.toBe(ops![0]!.idempotencyKey);
});

it('keeps the email due when Resend fails, and sends it on a later run', async () => {
  const { conn, scope, queue, inbox } = await setup('retry');
  await queue('301');
  await failNext(helpdeskUrl, scope, [401]);
  await fetch(`${resend.url}/_test/failures`, { method: 'POST', body: JSON.stringify([{ status: 500 }, { status: 500 }]) });
  expect((await runDueWork(deps, deps.clock())).connectionAttention).toBe(0);
  expect((await deps.db.select().from(connections).where(eq(connections.id, conn.id)))[0]!.attentionEmailAt).toBe(deps.clock() + 5 * MINUTE);
  // Held meanwhile: a run before then sends nothing.
  expect((await runDueWork(deps, deps.clock() + MINUTE)).connectionAttention).toBe(0);
  expect((await runDueWork(deps, deps.clock() + 5 * MINUTE)).connectionAttention).toBe(2);
  expect((await inbox()).map((m) => m.length)).toEqual([1, 1]);
  expect((await deps.db.select().from(connections).where(eq(connections.id, conn.id)))[0]!.attentionEmailAt).toBeNull();
});
