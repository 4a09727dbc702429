// Outgoing webhooks against a real HTTP receiver on 127.0.0.1: signatures, retries, the log.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { changeStatus } from '../../src/services/followups/actions';
import { userActor } from '../../src/services/followups/events';
import { createWebhook, getWebhook, setWebhookActive } from '../../src/services/followups/webhooks';
import type { WebhookEvent } from '../../src/domain/webhooks';
import { signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { answered, tasks } from '../helpers/followups';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let deps: TestDeps;
let server: Server | undefined;
afterEach(async () => {
  deps?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A receiver that answers with the given statuses in turn (then 200) and keeps what it got. */
async function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(statuses.shift() ?? 200).end('ok');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

async function hook(url: string, events: WebhookEvent[], format: 'json' | 'slack' = 'json') {
  const id = await createWebhook(deps, 'admin', { url, events, format });
  return (await getWebhook(deps, id))!;
}

const deliveries = () => deps.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.createdAt, webhookDeliveries.id);

describe('outgoing webhooks', () => {
  it('logs why a delivery failed in words: the host and the reason', async () => {
    deps = makeTestDeps();
    const r = await receiver();
    // Nothing listens on the port once the receiver is closed.
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await hook(r.url, ['followup.opened']);
    await answered(deps, {}, 1);
    await runDueWork(deps, deps.clock());
    const [d] = await deliveries();
    expect(d!.error).toBe(`Could not connect to ${new URL(r.url).host} (connection refused)`);
  });

  it('posts signed JSON for the events a webhook subscribes to', async () => {
    deps = makeTestDeps();
    const r = await receiver();
    const w = await hook(r.url, ['response.created', 'followup.opened']);
    await answered(deps, {}, 1, 'I want a refund');
    await runDueWork(deps, deps.clock());

    expect(r.got.map((g) => g.headers['x-heard-event']).sort()).toEqual(['followup.opened', 'response.created']);
    for (const g of r.got) {
      const ts = String(g.headers['x-heard-timestamp']);
      expect(Number(ts)).toBe(Math.floor(deps.clock() / 1000));
      const expected = `v1=${createHmac('sha256', w.secret).update(`${ts}.${g.body}`).digest('hex')}`;
      expect(g.headers['x-heard-signature']).toBe(expected);
      expect(g.headers['content-type']).toBe('application/json');
    }
    const opened = JSON.parse(r.got.find((g) => g.headers['x-heard-event'] === 'followup.opened')!.body);
    expect(opened).toMatchObject({
      type: 'followup.opened',
      data: {
        followup: {
          status: 'open',
          reasons: { lowScore: true, keywords: ['refund'] },
          customer: { email: 'maria@example.com' },
          response: { survey: 'csat', score: 1, comment: 'I want a refund' },
        },
      },
    });
    expect(opened.data.followup.url).toMatch(/^http:\/\/heard\.test\/follow-ups\//);
    expect((await deliveries()).map((d) => [d.status, d.responseStatus, d.attempts])).toEqual([
      ['delivered', 200, 1],
      ['delivered', 200, 1],
    ]);
  });

  it('retries failures with backoff and logs each outcome', async () => {
    deps = makeTestDeps();
    const r = await receiver([500, 503]);
    await hook(r.url, ['followup.opened']);
    await answered(deps, {}, 1);
    const t0 = deps.clock();
    await runDueWork(deps, t0);
    expect(await deliveries()).toMatchObject([{ status: 'pending', attempts: 1, responseStatus: 500, error: 'HTTP 500', nextAttemptAt: t0 + 30_000 }]);

    await runDueWork(deps, t0 + 29_999);
    expect(r.got).toHaveLength(1);
    await runDueWork(deps, t0 + 30_000);
    expect(await deliveries()).toMatchObject([{ status: 'pending', attempts: 2, responseStatus: 503, nextAttemptAt: t0 + 30_000 + 120_000 }]);
    await runDueWork(deps, t0 + 150_000);
    expect(await deliveries()).toMatchObject([{ status: 'delivered', attempts: 3, responseStatus: 200, error: null, deliveredAt: t0 + 150_000 }]);
    // Every attempt carried the same delivery id, so the receiver can drop repeats.
    expect(new Set(r.got.map((g) => g.headers['x-heard-delivery'])).size).toBe(1);
  });

  it('gives up at once on an answer that will not change, and retries an unreachable receiver', async () => {
    deps = makeTestDeps();
    const r = await receiver([410]);
    await hook(r.url, ['followup.opened']);
    await hook('http://127.0.0.1:9/unreachable', ['followup.opened']);
    await answered(deps, {}, 1);
    await runDueWork(deps, deps.clock());
    const byStatus = (await deliveries()).map((d) => [d.status, d.responseStatus]).sort();
    expect(byStatus).toEqual([
      ['failed', 410],
      ['pending', null],
    ]);
  });

  it('speaks the Slack-compatible format and reports closed tasks', async () => {
    deps = makeTestDeps();
    const agent = await signIn(deps, { role: 'agent', email: 'ana@support.example' });
    const r = await receiver();
    await hook(r.url, ['followup.closed'], 'slack');
    await answered(deps, { agent: { email: 'ana@support.example' } }, 2);
    const [task] = await tasks(deps);
    await changeStatus(deps, task!.id, userActor(agent.user), 'resolved', 'Refunded');
    await runDueWork(deps, deps.clock());
    expect(r.got).toHaveLength(1);
    expect(JSON.parse(r.got[0]!.body)).toEqual({ text: expect.stringMatching(/^Follow-up closed as Resolved: María \(maria@example\.com\)\. http:\/\/heard\.test\/follow-ups\//) });
  });

  it('escapes what customers typed, so Slack shows it instead of acting on it', async () => {
    deps = makeTestDeps();
    const r = await receiver();
    await hook(r.url, ['response.created', 'followup.opened'], 'slack');
    await answered(deps, { customer: { email: 'x@example.com', name: '<!channel> & co' } }, 1, '<https://evil.example|click> <@U123> & more');
    await runDueWork(deps, deps.clock());
    const texts = r.got.map((g) => (JSON.parse(g.body) as { text: string }).text).sort();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^New CSAT response: 1 from x@example\.com — “&lt;https:\/\/evil\.example\|click&gt; &lt;@U123&gt; &amp; more”$/);
    expect(texts[1]).toMatch(/^New follow-up: &lt;!channel&gt; &amp; co \(x@example\.com\) answered 1 \(CSAT\)\. http:\/\/heard\.test\/follow-ups\//);
    for (const t of texts) expect(t.replace(/ http:\/\/\S+$/, '')).not.toMatch(/[<>]/);
  });

  it('queues nothing for a disabled webhook', async () => {
    deps = makeTestDeps();
    const r = await receiver();
    const w = await hook(r.url, ['response.created']);
    await setWebhookActive(deps, w.id, false);
    await answered(deps, {}, 5);
    await runDueWork(deps, deps.clock());
    expect(await deliveries()).toEqual([]);
    expect(r.got).toEqual([]);
  });
});
