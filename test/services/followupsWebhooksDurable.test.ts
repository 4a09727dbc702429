// A task's webhook events are durable: once the write that opens (or closes) a task commits, its
// followup.opened (followup.closed) reaches every listening webhook exactly once, even when the
// write queuing it fails or the process dies first. The webhooks post over real HTTP to the local
// stand-in (test/shared/helpdeskServer.ts). Runs on Node and inside workerd (WORKERD_SHARED).
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { followupAnnouncements, webhookDeliveries } from '../../src/db/schema';
import type { Statement } from '../../src/deps';
import { CLAIM_TTL } from '../../src/domain/schedule';
import type { WebhookEvent, WebhookFormat } from '../../src/domain/webhooks';
import { runDueWork } from '../../src/services/dispatch';
import { eraseCustomer } from '../../src/services/customers/erase';
import { changeStatus } from '../../src/services/followups/actions';
import { HEARD } from '../../src/services/followups/events';
import { getTask, toApi } from '../../src/services/followups/queries';
import { createWebhook } from '../../src/services/followups/webhooks';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { answer, answered, tasks, tokenOf } from '../helpers/followups';
import { deliveredSurvey } from '../helpers/survey';
import { newScope, receivedCalls } from '../shared/helpdeskRequests';

const helpdeskUrl = inject('helpdeskUrl');
const MINUTE = 60_000;

let deps: TestDeps;
afterEach(() => {
  vi.restoreAllMocks();
  deps?.close();
});

const setup = () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  // The failures below are logged on purpose.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
};

/** A webhook posting to its own scope of the stand-in; returns what that receiver got, as parsed bodies. */
async function hook(events: WebhookEvent[], format: WebhookFormat = 'json') {
  const scope = newScope();
  await createWebhook(deps, 'admin', { url: `${helpdeskUrl}/${scope}/webhook`, events, format });
  return async () => (await receivedCalls(helpdeskUrl, scope)).map((c) => c.body);
}

const sqlOf = (s: Statement) =>
  'prepared' in s ? s.prepared.getQuery().sql : 'sql' in s ? s.sql : (s as unknown as { toSQL(): { sql: string } }).toSQL().sql;
const queuesDelivery = (s: Statement) => /^insert into "webhook_deliveries"/.test(sqlOf(s));
const opensTask = (s: Statement) => /^insert into "followups"/.test(sqlOf(s));
// The write that logs the task's closing (and, since it is atomic, closes it).
const logsClosing = (s: Statement) => 'prepared' in s && s.values.kind === 'status';

/** The same dependencies, except that every write queuing a webhook delivery fails (a full disk, a bug). */
function failingQueue(d: TestDeps): TestDeps {
  return { ...d, atomic: (statements) => (statements.some(queuesDelivery) ? Promise.reject(new Error('disk I/O error')) : d.atomic(statements)) };
}

/** The same dependencies, as if the process died the moment the task's write committed: nothing is written after it. */
function dyingAfter(d: TestDeps, isTaskWrite: (s: Statement) => boolean): TestDeps {
  let dead = false;
  return {
    ...d,
    atomic: async (statements) => {
      if (dead) throw new Error('the process is gone');
      await d.atomic(statements);
      if (statements.some(isTaskWrite)) {
        dead = true;
        throw new Error('the process is gone');
      }
    },
  };
}

/** What the receivers get for a task's event, from the task as stored and the time it opened or closed. */
async function expected(type: 'followup.opened' | 'followup.closed', taskId: string, at: number) {
  const followup = toApi((await getTask(deps, taskId))!, at, deps.config.publicUrl);
  const id = type === 'followup.opened' ? `${type}/${taskId}` : `${type}/${taskId}/${at}`;
  return JSON.parse(JSON.stringify({ id, type, createdAt: new Date(at).toISOString(), data: { followup } })) as unknown;
}

const markers = () => deps.db.select().from(followupAnnouncements);
const deliveries = () => deps.db.select().from(webhookDeliveries);

describe('followup.opened', () => {
  it('is queued with the task and delivered once, unchanged, on the usual path', async () => {
    setup();
    const json = await hook(['followup.opened']);
    const slack = await hook(['followup.opened'], 'slack');
    await answered(deps, {}, 1, 'I want a refund');
    const t0 = deps.clock();
    const [task] = await tasks(deps);
    // Queued right after the task's write, before any runDueWork: no marker left behind.
    expect((await deliveries()).map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(await markers()).toEqual([]);

    await runDueWork(deps, t0);
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    expect(await json()).toEqual([await expected('followup.opened', task!.id, t0)]);
    expect(await slack()).toEqual([{ text: `New follow-up: María (maria@example.com) answered 1 (CSAT). http://heard.test/follow-ups/${task!.id}` }]);
  });

  it('is delivered once by runDueWork when the write queuing it failed, as the task was when it opened', async () => {
    setup();
    const json = await hook(['followup.opened']);
    const slack = await hook(['followup.opened'], 'slack');
    await answered(failingQueue(deps), {}, 1, 'I want a refund');
    const t0 = deps.clock();
    const [task] = await tasks(deps);
    expect(await deliveries()).toEqual([]);
    expect(await markers()).toMatchObject([{ key: `followup.opened/${task!.id}`, attempts: 1, lastError: expect.stringMatching(/disk I\/O/) }]);

    // Still failing: the retry backs off again.
    deps.advance(MINUTE);
    expect((await runDueWork(failingQueue(deps), deps.clock())).followups.announced).toEqual({ announced: 0, failed: 1 });
    deps.advance(2 * MINUTE);
    expect((await runDueWork(deps, deps.clock())).followups.announced).toEqual({ announced: 1, failed: 0 });
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());

    expect(await markers()).toEqual([]);
    expect((await deliveries()).map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(await json()).toEqual([await expected('followup.opened', task!.id, t0)]);
    expect(await slack()).toEqual([{ text: `New follow-up: María (maria@example.com) answered 1 (CSAT). http://heard.test/follow-ups/${task!.id}` }]);
  });

  it('is delivered once by runDueWork when the process died as the task committed', async () => {
    setup();
    const json = await hook(['followup.opened']);
    await answered(dyingAfter(deps, opensTask), {}, 2);
    const t0 = deps.clock();
    const [task] = await tasks(deps);
    expect(await deliveries()).toEqual([]);
    expect(await markers()).toMatchObject([{ key: `followup.opened/${task!.id}`, attempts: 0, nextAttemptAt: t0 + CLAIM_TTL }]);

    // The first attempt belongs to the request that opened the task, for one claim period.
    await runDueWork(deps, t0);
    expect(await json()).toEqual([]);
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    expect(await json()).toEqual([await expected('followup.opened', task!.id, t0)]);
    expect(await markers()).toEqual([]);
  });

  it('goes with the task when the customer is erased before it was queued', async () => {
    setup();
    const json = await hook(['followup.opened']);
    await answered(failingQueue(deps), {}, 1);
    expect(await markers()).toHaveLength(1);
    expect(await eraseCustomer(deps, { email: 'maria@example.com' }, { userId: 'admin' })).toEqual({ ok: true, value: 'erased' });
    expect(await tasks(deps)).toEqual([]);
    expect(await markers()).toEqual([]);
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    expect(await json()).toEqual([]);
  });

  it.each([[[]], [['followup.closed']]] as WebhookEvent[][][])('writes and reads nothing more for a detractor when no webhook listens for it (webhooks for %j)', async (events) => {
    setup();
    const other = events.length ? await hook(events) : async () => [];
    const s = await deliveredSurvey(deps);
    const writes: string[][] = [];
    const counted: TestDeps = { ...deps, atomic: (statements) => (writes.push(statements.map(sqlOf)), deps.atomic(statements)) };
    const client = (deps.db as unknown as { $client: { prepare(sql: string): unknown } }).$client;
    const prepare = vi.spyOn(client, 'prepare');
    await answer(counted, tokenOf(s.links.scores.get(1)!), 1);
    const ran = prepare.mock.calls.map(([sql]) => sql);

    // The task's own read is compiled on first use: it is compiled only now, so the answer never read the task.
    const [task] = await tasks(deps);
    prepare.mockClear();
    await getTask(deps, task!.id);
    const taskRead = prepare.mock.calls.map(([sql]) => sql);
    expect(taskRead).toHaveLength(1);
    expect(ran).not.toContain(taskRead[0]);

    // Two writes (the answer; the task with the check's marker removal), nothing about webhooks in them.
    expect(writes).toHaveLength(2);
    expect([...writes.flat(), ...ran].filter((q) => /followup_announcements|webhook_deliveries/.test(q))).toEqual([]);
    await runDueWork(deps, deps.clock());
    expect(await markers()).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect(await other()).toEqual([]);
  });
});

describe('followup.closed', () => {
  it('is delivered once by runDueWork when the write queuing it failed after a person closed the task', async () => {
    setup();
    const json = await hook(['followup.closed']);
    const slack = await hook(['followup.closed'], 'slack');
    await answered(deps, {}, 1);
    const [task] = await tasks(deps);
    deps.advance(MINUTE);
    const closedAt = deps.clock();
    const done = await changeStatus(failingQueue(deps), task!.id, HEARD, 'resolved', 'Refunded');
    expect(done.ok).toBe(true);
    expect(await deliveries()).toEqual([]);

    deps.advance(MINUTE);
    expect((await runDueWork(deps, deps.clock())).followups.announced).toEqual({ announced: 1, failed: 0 });
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    expect(await json()).toEqual([await expected('followup.closed', task!.id, closedAt)]);
    expect(await slack()).toEqual([{ text: `Follow-up closed as Resolved: María (maria@example.com). http://heard.test/follow-ups/${task!.id}` }]);
    expect(await markers()).toEqual([]);
  });

  it('is delivered once by runDueWork when the process died as the changed answer closed the task', async () => {
    setup();
    const json = await hook(['followup.closed']);
    const s = await answered(deps, {}, 1);
    const [task] = await tasks(deps);
    deps.advance(MINUTE);
    const closedAt = deps.clock();
    await answer(dyingAfter(deps, logsClosing), s.token, 5);
    expect(await tasks(deps)).toMatchObject([{ status: 'score_changed', closedAt }]);
    expect(await deliveries()).toEqual([]);

    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    deps.advance(CLAIM_TTL);
    await runDueWork(deps, deps.clock());
    expect(await json()).toEqual([await expected('followup.closed', task!.id, closedAt)]);
    expect(await markers()).toEqual([]);
  });
});
