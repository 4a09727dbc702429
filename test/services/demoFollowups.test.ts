// `npm run demo` leaves follow-up tasks in every state, written through the real services, so the
// inbox, the task pages and the report have something true to show on the first start.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/timeZone';
import { followupReport } from '../../src/services/followups/report';
import { recordHistory } from '../../src/services/import';
import { demoRows } from '../../scripts/demo';
import { writeDemoFollowups, type DemoFollowupCounts } from '../../scripts/demoFollowups';
import { createTestUser, sessionFor } from '../helpers/auth';
import { makeTestDeps, T0, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
let counts: DemoFollowupCounts | null;
const clock = { now: T0 };

beforeAll(async () => {
  deps = makeTestDeps();
  // The last five weeks of the demo history are all the tasks need.
  const rows = demoRows(T0).filter((r) => r.closedAt > T0 - 35 * DAY_MS);
  for (let i = 0; i < rows.length; i += 1000) await recordHistory(deps, rows.slice(i, i + 1000));
  counts = await writeDemoFollowups({ ...deps, clock: () => clock.now }, clock, T0);
}, 60_000);
afterAll(() => deps.close());

describe('the demo follow-ups', () => {
  it('covers every state: open, overdue, escalated, in progress, resolved with recovery answers, closed otherwise', async () => {
    expect(counts).not.toBeNull();
    const c = counts!;
    for (const n of [c.open, c.overdue, c.escalated, c.inProgress, c.resolved, c.recovered, c.closedOther]) expect(n).toBeGreaterThan(0);
    const statuses = await deps.db.all<{ status: string }>(sql`SELECT DISTINCT status FROM followups`);
    expect(statuses.map((s) => s.status).sort()).toEqual(expect.arrayContaining(['in_progress', 'no_action', 'open', 'resolved', 'unreachable']));
  });

  it('shows on the report as a closed loop', async () => {
    const admin = await sessionFor(deps, (await createTestUser(deps, { role: 'admin' })).id);
    const report = await followupReport(deps, admin.user, { start: T0 - 30 * DAY_MS, end: T0 + 1 }, T0);
    expect(report.overall.closed).toBeGreaterThan(0);
    expect(report.overall.surveyed).toBeGreaterThan(0);
    expect(report.overall.recovered).toBe(counts!.recovered);
  });

  it('writes nothing a second time', async () => {
    expect(await writeDemoFollowups({ ...deps, clock: () => clock.now }, clock, T0)).toBeNull();
  });
});
