// The customers list's summaries: after any change and a run of the refresh they equal the health
// worked out afresh, and time alone (a contact leaving the 30 days) is picked up too.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { asc } from 'drizzle-orm';
import { customerSummaries } from '../../src/db/schema';
import { factsOf, healthOf } from '../../src/services/customers/facts';
import { recordCustomerEvent } from '../../src/services/customers/events';
import { refreshAllCustomers, refreshCustomers } from '../../src/services/customers/refresh';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
beforeEach(() => {
  deps = makeTestDeps();
});
afterEach(() => deps.close());

const DAY = 86_400_000;
let seq = 0;
const contact = (email: string, daysAgo: number, answer: [survey: 'nps' | 'csat', score: number] | null = null): HistoryRow => {
  const at = deps.clock() - daysAgo * DAY;
  return {
    externalId: `X-${++seq}`,
    closedAt: at,
    sentAt: at,
    agent: { email: 'ana@support.example', name: null },
    team: 'Tier 1',
    channel: 'chat',
    customer: { email, name: null, locale: null },
    survey: answer?.[0] ?? 'csat',
    tags: [],
    response: answer ? { score: answer[1], comment: null, at, source: 'import' } : null,
  };
};

/** Every summary row against the health computed now from the customer's facts. */
async function expectFresh() {
  const rows = await deps.db.select().from(customerSummaries).orderBy(asc(customerSummaries.customerId));
  const facts = await factsOf(deps, rows.map((r) => r.customerId), deps.clock());
  for (const r of rows) {
    const h = healthOf(facts.get(r.customerId)!, deps.clock());
    expect({ id: r.customerId, health: r.health, reasons: JSON.parse(r.reasons), contacts30: r.contacts30 }).toEqual({
      id: r.customerId,
      health: h.state,
      reasons: h.reasons,
      contacts30: h.contacts30,
    });
  }
  return rows;
}

test('new contacts, answers and churn events reach the summaries on the next run', async () => {
  await recordHistory(deps, [contact('a@example.com', 50, ['nps', 10]), contact('b@example.com', 3, ['csat', 5])]);
  expect(await refreshAllCustomers(deps, deps.clock())).toBe(2);
  expect((await expectFresh()).map((r) => r.health)).toEqual(['healthy', 'healthy']);

  deps.advance(60_000);
  await recordHistory(deps, [contact('a@example.com', 1, ['nps', 5]), contact('b@example.com', 2), contact('b@example.com', 1)]);
  await recordCustomerEvent(deps, { email: 'c@example.com', type: 'churned', at: deps.clock() - DAY, reason: null, source: 'api' });
  expect((await refreshCustomers(deps, deps.clock())).refreshed).toBe(3);
  const rows = await expectFresh();
  expect(rows.map((r) => r.health).sort()).toEqual(['at_risk', 'at_risk', 'churned']);
});

test('a repeat contact stops counting when it leaves the 30 days, without any write', async () => {
  await recordHistory(deps, [contact('busy@example.com', 20), contact('busy@example.com', 10), contact('busy@example.com', 1)]);
  await refreshAllCustomers(deps, deps.clock());
  expect((await expectFresh())[0]!.health).toBe('at_risk');
  deps.advance(11 * DAY);
  await refreshCustomers(deps, deps.clock());
  const [row] = await expectFresh();
  expect(row).toMatchObject({ health: 'healthy', contacts30: 2 });
});

test('runs with nothing new rewrite nothing (past the two minutes each run looks back)', async () => {
  await recordHistory(deps, [contact('a@example.com', 5, ['csat', 4])]);
  await refreshAllCustomers(deps, deps.clock());
  deps.advance(10 * 60_000);
  await refreshCustomers(deps, deps.clock());
  deps.advance(10 * 60_000);
  expect((await refreshCustomers(deps, deps.clock())).refreshed).toBe(0);
});
