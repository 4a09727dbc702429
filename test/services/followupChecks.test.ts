// The follow-up check of an answer is a durable job: armed in the answer's own write, retried by
// runDueWork when it fails, so a detractor gets a task even if the first attempt broke.
import { vi, afterEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { followupChecks, responses } from '../../src/db/schema';
import type { Statement } from '../../src/deps';
import { runDueWork } from '../../src/services/dispatch';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { answered, tasks } from '../helpers/followups';

let deps: TestDeps;
afterEach(() => {
  vi.restoreAllMocks();
  deps?.close();
});

/** The same dependencies, except that writing a new task fails (a full disk, a bug). */
function failingTasks(d: TestDeps): TestDeps {
  const sqlOf = (s: Statement) => ('prepared' in s ? s.prepared.getQuery().sql : 'toSQL' in s ? (s as { toSQL(): { sql: string } }).toSQL().sql : '');
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
