// The follow-up check of an answer is a durable job: armed in the answer's own write, retried by
// runDueWork when it fails, so a detractor gets a task even if the first attempt broke.
import { vi, afterEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { followupChecks, followupLinks, responses } from '../../src/db/schema';
import type { Statement } from '../../src/deps';
import { runDueWork } from '../../src/services/dispatch';
import { CLAIM_TTL } from '../../src/domain/schedule';
import { openSurvey, saveAnswer } from '../../src/services/respond';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { answer, answered, tasks, tokenOf } from '../helpers/followups';
import { deliveredSurvey } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => {
  vi.restoreAllMocks();
  deps?.close();
});

const sqlOf = (s: Statement) => ('prepared' in s ? s.prepared.getQuery().sql : 'toSQL' in s ? (s as { toSQL(): { sql: string } }).toSQL().sql : '');

/** The same dependencies, except that writing a new task fails (a full disk, a bug). */
function failingTasks(d: TestDeps): TestDeps {
  const opensTask = (s: Statement) => /^insert into "followups"/.test(sqlOf(s));
  return {
    ...d,
    atomic: (statements) => (statements.some(opensTask) ? Promise.reject(new Error('disk I/O error')) : d.atomic(statements)),
  };
}

it('leaves no marker behind when the check runs with the answer', async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  await answered(deps, {}, 1, 'Too slow');
  expect(await tasks(deps)).toHaveLength(1);
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
  expect(await tasks(deps)).toHaveLength(1);
});

it('keeps the answer and the marker when the check fails, and runDueWork opens the task later', async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const broken = failingTasks(deps);
  const { surveyRequest } = await answered(broken, {}, 1, 'Too slow');
  expect(await tasks(deps)).toEqual([]);
  expect(logged).toHaveBeenCalled();
  const [marker] = await deps.db.select().from(followupChecks);
  expect(marker).toMatchObject({ requestId: surveyRequest.id, attempts: 1, wasCounted: false });
  expect(marker!.lastError).toMatch(/disk I\/O/);

  // Still broken: the retry fails again and backs off further.
  deps.advance(61_000);
  expect((await runDueWork(broken, deps.clock())).followups.checks).toEqual({ checked: 0, failed: 1 });
  expect((await deps.db.select().from(followupChecks))[0]?.attempts).toBe(2);

  deps.advance(2 * 60_000);
  expect((await runDueWork(deps, deps.clock())).followups.checks).toEqual({ checked: 1, failed: 0 });
  expect(await tasks(deps)).toMatchObject([{ status: 'open', lowScore: true }]);
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
});

it("opens a detractor's task and removes its marker in one write: the answer waits for two writes, not three", async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const s = await deliveredSurvey(deps);
  const writes: string[][] = [];
  const counted: TestDeps = { ...deps, atomic: (statements) => (writes.push(statements.map(sqlOf)), deps.atomic(statements)) };
  await answer(counted, tokenOf(s.links.scores.get(1)!), 1);
  expect(writes).toHaveLength(2);
  expect(writes[1]!.filter((q) => /^(insert into "followups"|delete from "followup_checks")/.test(q))).toHaveLength(2);
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
  expect(await tasks(deps)).toMatchObject([{ status: 'open', lowScore: true }]);
});

it("removes the marker on its own when a detractor's answer joins the customer's open task", async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  await answered(deps, {}, 1, 'Too slow');
  const [task] = await tasks(deps);
  const again = await deliveredSurvey(deps);
  await answer(deps, tokenOf(again.links.scores.get(2)!), 2);
  expect(await tasks(deps)).toMatchObject([{ id: task!.id, status: 'open' }]);
  expect(await deps.db.select().from(followupLinks)).toHaveLength(2);
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
});

it('runs a check whose process died before it ran, once its first attempt is overdue', async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const { surveyRequest } = await answered(deps, {}, 5);
  // As if a new low score was written with its marker and the process died before the check ran.
  await deps.db.update(responses).set({ score: 1 }).where(eq(responses.requestId, surveyRequest.id));
  await deps.db.insert(followupChecks).values({ requestId: surveyRequest.id, wasCounted: true, armedAt: deps.clock(), nextAttemptAt: deps.clock() + 300_000 });
  expect(await tasks(deps)).toEqual([]);
  expect((await runDueWork(deps, deps.clock())).followups.checks).toEqual({ checked: 0, failed: 0 });
  deps.advance(300_000);
  expect((await runDueWork(deps, deps.clock())).followups.checks).toEqual({ checked: 1, failed: 0 });
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
  expect(await tasks(deps)).toHaveLength(1);
});

it('saves an answer that can open, change or announce nothing in one write, with no marker', async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const s = await deliveredSurvey(deps);
  let writes = 0;
  const counted: TestDeps = { ...deps, atomic: (statements) => (writes++, deps.atomic(statements)) };
  await answer(counted, tokenOf(s.links.scores.get(5)!), 5);
  expect(writes).toBe(1);
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
  expect(await tasks(deps)).toEqual([]);
});

it('leaves the task to runDueWork when a save that skipped its check meets one opened meanwhile', async () => {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const s = await deliveredSurvey(deps);
  const token = tokenOf(s.links.scores.get(1)!);
  // The page was read before a low answer of the same survey, in another tab, opened a task.
  const stale = await openSurvey(deps, token);
  if (!stale.ok) throw new Error(stale.error);
  await answer(deps, token, 1);
  expect(await tasks(deps)).toMatchObject([{ status: 'open' }]);

  // The stale read saw no task, so this good answer skips its check; its write still arms one.
  await saveAnswer(deps, stale.value, { userAgent: 'test', ip: null }, { mode: 'explicit', score: 5 });
  expect(await deps.db.select().from(followupChecks)).toMatchObject([{ requestId: s.surveyRequest.id }]);
  expect(await tasks(deps)).toMatchObject([{ status: 'open' }]);

  deps.advance(CLAIM_TTL);
  expect((await runDueWork(deps, deps.clock())).followups.checks).toEqual({ checked: 1, failed: 0 });
  expect(await tasks(deps)).toMatchObject([{ status: 'score_changed' }]);
  expect(await deps.db.select().from(followupChecks)).toEqual([]);
});
