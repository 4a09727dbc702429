// The customers list stays a walk of one index however many customers a manager's teams hold: the
// page's query asks customer_teams per row by its key (never lists every customer of the teams
// first), and a search's counts read each customer's address once. Plans of the real queries,
// recorded as the page runs (EXPLAIN QUERY PLAN), beside what the page shows.
import { afterEach, expect, it } from 'vitest';
import { runDueWork } from '../../src/services/dispatch';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { authed, signIn } from '../helpers/auth';
import { testAppOver, type TestDeps } from '../helpers/deps';
import { recordedDeps } from '../helpers/queryPlans';

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;
const TEAMS = ['Tier 1', 'Tier 2', 'Billing', 'Returns', 'VIP'];

/** 60 customers, each talking to one or two of five teams, half of them unhappy. */
function history(now: number): HistoryRow[] {
  return Array.from({ length: 60 }, (_, i) => {
    const at = now - (1 + (i % 20)) * DAY;
    return {
      externalId: `C-${i}`,
      closedAt: at,
      sentAt: at,
      agent: { email: `agent${i % 4}@support.example`, name: null },
      team: TEAMS[i % TEAMS.length]!,
      channel: 'email',
      customer: { email: `customer${i % 40}@example.com`, name: null, locale: 'en' },
      survey: 'nps',
      tags: [],
      response: { score: i % 2 ? 9 : 3, comment: null, at, source: 'import' },
    } satisfies HistoryRow;
  });
}

async function setup() {
  const recorded = recordedDeps();
  deps = recorded.deps;
  const t = await testAppOver(deps);
  await recordHistory(deps, history(deps.clock()));
  await runDueWork(deps, deps.clock());
  const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1', 'Billing'] });
  const admin = await signIn(deps, { role: 'admin' });
  const page = async (s: typeof admin, path: string) => {
    const res = await authed(t.app, s, path);
    expect(res.status).toBe(200);
    return res.text();
  };
  return { page, manager, admin, planOf: recorded.planOf };
}

const LIST = /FROM customer_summaries s JOIN customers c ON c\.id = s\.customer_id/;
const COUNTS = /SELECT s\.health, count\(\*\) AS n FROM/;

it("a manager's list walks the order's index and asks customer_teams by its key, never listing a team's customers first", async () => {
  const { page, manager, planOf } = await setup();
  const html = await page(manager, '/customers?health=all');
  // Tier 1 (i % 5 = 0) and Billing (i % 5 = 2): customers 0, 2, 5, 7, ... of the 40.
  const seen = new Set([...html.matchAll(/customer(\d+)@example\.com/g)].map((m) => Number(m[1])));
  expect([...seen].sort((a, b) => a - b)).toEqual([...new Set(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 5 === 0 || i % 5 === 2).map((i) => i % 40))].sort((a, b) => a - b));
  expect(planOf(COUNTS)).not.toMatch(/SCAN customer_teams|SCAN ct/);
  // The default page (at risk, most recent first) reads its order's index.
  await page(manager, '/customers');
  const plan = planOf(LIST);
  expect(plan).toMatch(/SEARCH s USING (COVERING )?INDEX customer_summaries_recent_idx \(health=\?\)/);
  expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  expect(plan).toMatch(/SEARCH ct (EXISTS )?USING (COVERING )?INDEX sqlite_autoindex_customer_teams_1 \(customer_id=\? AND team_id=\?\)/);
  expect(plan).not.toMatch(/SCAN customer_teams|SCAN ct/);
  expect(planOf(COUNTS)).not.toMatch(/SCAN customer_teams|SCAN ct/);
});

it("a search's counts read each customer's address once, then their summary by its key", async () => {
  const { page, admin, planOf } = await setup();
  const html = await page(admin, '/customers?health=all&q=customer1');
  expect(html).toContain('customer13@example.com');
  expect(html).not.toContain('customer23@example.com');
  const plan = planOf(COUNTS).split('\n');
  expect(plan[0]).toMatch(/^SCAN c\b/);
  expect(plan[1]).toMatch(/^SEARCH s USING INDEX sqlite_autoindex_customer_summaries_1 \(customer_id=\?\)/);
});
