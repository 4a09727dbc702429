// The periodic run removes sessions nobody can use and keeps live ones.
import { afterEach, expect, test } from 'vitest';
import { sessions } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { SESSION_IDLE_MS } from '../../src/services/sessions';
import { signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

test('idle sessions are deleted, live ones stay', async () => {
  deps = makeTestDeps();
  await signIn(deps, { role: 'agent' });
  deps.advance(SESSION_IDLE_MS / 2);
  const live = await signIn(deps, { role: 'agent' });
  deps.advance(SESSION_IDLE_MS / 2 + 1);
  const report = await runDueWork(deps, deps.clock());
  expect(report.access.sessions).toBe(1);
  const left = await deps.db.select({ userId: sessions.userId }).from(sessions);
  expect(left).toEqual([{ userId: live.user.id }]);
});
