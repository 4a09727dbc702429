import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite';
import { surveyRequests, suppressions } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { interaction, makeTestDeps, type CapturingMailer, type TestDeps } from '../helpers/deps';

const HOUR = 3_600_000;
let open: TestDeps[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});

function setup() {
  const deps = makeTestDeps();
  open.push(deps);
  return { deps, mailer: deps.mailer as CapturingMailer };
}

const ingest = (deps: TestDeps, over: Record<string, unknown> = {}) =>
  ingestInteraction(deps, ZInteractionInput.parse(interaction(over)));

async function request(deps: TestDeps, id: string) {
  const [row] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.id, id));
  return row!;
}

describe('runDueWork', () => {
  it('sends nothing before the delay and the survey email once it is due', async () => {
    const { deps, mailer } = setup();
    const { surveyRequest } = await ingest(deps, { customer: { email: 'li@example.cn', locale: 'zh-CN' } });
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(0);
    deps.advance(HOUR);
    const report = await runDueWork(deps, deps.clock());
    expect(report.surveys).toEqual({ sent: 1, retried: 0, failed: 0, suppressed: 0 });
    expect(mailer.sent).toHaveLength(1);
    const email = mailer.sent[0]!;
    expect(email.to).toBe('li@example.cn');
    expect(email.idempotencyKey).toBe(`survey-request/${surveyRequest.id}`);
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.headers['List-Unsubscribe']).toMatch(/^<http:\/\/heard\.test\/u\/[^>]+>$/);
    for (const score of [1, 2, 3, 4, 5]) expect(email.html).toContain(`?score=${score}"`);
    expect(email.html).not.toContain('?score=6"');
    const row = await request(deps, surveyRequest.id);
    expect(row).toMatchObject({ status: 'sent', messageId: 'msg-1', attempts: 1, sentAt: deps.clock() });
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(0);
  });

  it('never sends a survey twice when two dispatchers on two connections run at once', async () => {
    const { deps, mailer } = setup();
    for (let i = 0; i < 30; i++) await ingest(deps, { customer: { email: `c${i}@example.com` } });
    const second = openSqlite(join(deps.dir, 'heard.db'));
    const other = { ...deps, db: second.db, atomic: second.atomic };
    deps.advance(HOUR);
    const [a, b] = await Promise.all([runDueWork(deps, deps.clock()), runDueWork(other, deps.clock())]);
    second.close();
    expect(a.surveys.sent + b.surveys.sent).toBe(30);
    expect(new Set(mailer.sent.map((e) => e.to)).size).toBe(30);
    expect(mailer.sent).toHaveLength(30);
  });

  it('retries network errors and 5xx with growing backoff, then succeeds', async () => {
    const { deps, mailer } = setup();
    const { surveyRequest } = await ingest(deps);
    mailer.queue.push({ ok: false, retryable: true, error: '503: busy' }, { ok: false, retryable: true, error: 'network: down' });
    deps.advance(HOUR);
    expect((await runDueWork(deps, deps.clock())).surveys.retried).toBe(1);
    const afterFirst = await request(deps, surveyRequest.id);
    expect(afterFirst).toMatchObject({ status: 'scheduled', attempts: 1, reason: '503: busy' });
    expect(afterFirst.sendAfter).toBe(deps.clock() + 60_000);
    deps.advance(60_000);
    expect((await runDueWork(deps, deps.clock())).surveys.retried).toBe(1);
    expect((await request(deps, surveyRequest.id)).sendAfter).toBe(deps.clock() + 120_000);
    deps.advance(119_000);
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(0);
    deps.advance(1_000);
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(1);
    expect(await request(deps, surveyRequest.id)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('marks a request failed with the reason when the provider refuses it', async () => {
    const { deps, mailer } = setup();
    const { surveyRequest } = await ingest(deps);
    mailer.queue.push({ ok: false, retryable: false, error: '422: invalid from address' });
    deps.advance(HOUR);
    expect((await runDueWork(deps, deps.clock())).surveys.failed).toBe(1);
    expect(await request(deps, surveyRequest.id)).toMatchObject({ status: 'failed', reason: '422: invalid from address' });
    deps.advance(HOUR);
    expect((await runDueWork(deps, deps.clock())).surveys.failed).toBe(0);
  });

  it('does not send to an address that unsubscribed after the survey was scheduled', async () => {
    const { deps, mailer } = setup();
    const { surveyRequest } = await ingest(deps, { customer: { email: 'late@x.com' } });
    await deps.db.insert(suppressions).values({ email: 'late@x.com', reason: 'unsubscribed', createdAt: deps.clock() });
    deps.advance(HOUR);
    expect((await runDueWork(deps, deps.clock())).surveys.suppressed).toBe(1);
    expect(mailer.sent).toHaveLength(0);
    expect(await request(deps, surveyRequest.id)).toMatchObject({ status: 'suppressed', reason: 'unsubscribed' });
  });

  it('takes back a claim whose dispatcher died, after the claim expires', async () => {
    const { deps, mailer } = setup();
    const { surveyRequest } = await ingest(deps);
    deps.advance(HOUR);
    await deps.db
      .update(surveyRequests)
      .set({ status: 'sending', claimedUntil: deps.clock() + 5 * 60_000, attempts: 1 })
      .where(eq(surveyRequests.id, surveyRequest.id));
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(0);
    deps.advance(5 * 60_000);
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });
});

