// The churn report read in one ordered pass per chunk of customers (of any size) equals the same report counted
// by a look-up per customer per instant (test/helpers/churnReference.ts), on random histories:
// answers of every kind, flagged ones, follow-up tasks won back or not, churns and comebacks
// (some at the same instant, some before any contact), whole months and quarters, per team, and
// again after customers are erased.
import { afterEach, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { parseIsoDate } from '../../src/domain/period';
import { eraseCustomer } from '../../src/services/customers/erase';
import { recordCustomerEvent } from '../../src/services/customers/events';
import { refreshCustomers } from '../../src/services/customers/refresh';
import { getChurnReport } from '../../src/services/customers/churn';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { churnReportByLookups } from '../helpers/churnReference';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

/** A small seeded generator (mulberry32), so a failure names a seed that repeats it. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const FROM = Date.parse('2025-10-01T00:00:00Z');
const SPAN = 200 * 86_400_000;
const SCALE = { nps: 11, csat: 5, ces: 7 } as const;

async function randomHistory(seed: number) {
  const r = random(seed);
  // To the minute, hour or day, or a month's first instant: periods' starts and midpoints are met exactly.
  const monthStarts = Array.from({ length: 7 }, (_, i) => Date.UTC(2025, 9 + i, 1));
  const at = () => {
    const step = r.pick([60_000, 3_600_000, 86_400_000, 0]);
    return step === 0 ? r.pick(monthStarts) : FROM + r.int(SPAN / step) * step;
  };
  const rows: HistoryRow[] = [];
  const customers = Array.from({ length: 60 }, (_, i) => `c${i}@example.com`);
  for (const email of customers) {
    for (let k = r.int(6); k > 0; k--) {
      const when = at();
      const survey = r.pick(['nps', 'csat', 'ces'] as const);
      const answered = r.next() < 0.8;
      rows.push({
        externalId: `${seed}-${rows.length}`,
        closedAt: when,
        sentAt: when,
        agent: { email: 'ana@support.example', name: 'Ana' },
        team: r.pick(['Tier 1', 'Tier 2']),
        channel: 'chat',
        customer: { email, name: null, locale: 'en' },
        survey,
        tags: [],
        response: answered ? { score: r.int(SCALE[survey]) + (survey === 'nps' ? 0 : 1), comment: null, at: when + r.int(3) * 60_000, source: 'import' } : null,
      });
    }
  }
  await recordHistory(deps, rows);
  await deps.db.run(sql`UPDATE responses SET flagged = 1 WHERE abs(random()) % 8 = 0`);
  // Tasks on some answers: closed or still open, with or without a recovery answer that won the customer back.
  const answers = await deps.db.all<{ id: string; customer_id: string; interaction_id: string; survey: string; agent_id: string; created_at: number }>(
    sql`SELECT r.id, r.customer_id, r.interaction_id, r.survey, i.agent_id, r.created_at FROM responses r JOIN interactions i ON i.id = r.interaction_id ORDER BY r.created_at`,
  );
  const open = new Set<string>();
  for (const a of answers) {
    if (r.next() < 0.5) continue;
    const opened = a.created_at + r.int(120) * 60_000;
    const closed = r.next() < 0.85 ? Math.max(opened, at()) : null;
    const status = closed === null ? 'open' : r.pick(['resolved', 'unreachable', 'no_action', 'score_changed']);
    if (status === 'open' && open.has(a.customer_id)) continue;
    if (status === 'open') open.add(a.customer_id);
    const recovery = r.next() < 0.6 ? r.int(11) : null;
    const recoveryAt = recovery !== null && r.next() < 0.8 ? Math.max(opened, at()) : null;
    await deps.db.run(sql`INSERT INTO followups (id, customer_id, interaction_id, response_id, survey, agent_id, status, low_score, opened_at, due_at, closed_at,
        recovery_score, recovery_flagged, recovery_at, updated_at)
      VALUES (${`${a.id}-task`}, ${a.customer_id}, ${a.interaction_id}, ${a.id}, ${a.survey}, ${a.agent_id}, ${status}, 1, ${opened}, ${opened + 86_400_000}, ${closed},
        ${recovery}, ${r.next() < 0.15 ? 1 : 0}, ${recoveryAt}, ${opened})`);
  }
  const contacts = rows.map((row) => ({ email: row.customer.email, at: row.closedAt }));
  for (const email of [...customers, 'never-contacted@example.com']) {
    const own = contacts.filter((c) => c.email === email);
    for (let k = r.int(4); k > 0; k--) {
      // Some at the very instant of a contact.
      const when = own.length > 0 && r.next() < 0.2 ? r.pick(own).at : at();
      await recordCustomerEvent(deps, { email, type: r.pick(['churned', 'churned', 'reactivated']), at: when, reason: null, source: 'api' });
      // Now and then both at one instant: the reactivation counts as the later.
      if (r.next() < 0.1) await recordCustomerEvent(deps, { email, type: 'reactivated', at: when, reason: null, source: 'api' });
    }
  }
  await refreshCustomers(deps, deps.clock());
}

const day = (iso: string) => parseIsoDate(iso)!;

test.each([1, 2, 3, 4, 5, 6])('random history %i: the one-pass counts equal a look-up per customer per instant', async (seed) => {
  deps = makeTestDeps();
  await randomHistory(seed);
  const tier1 = (await deps.db.all<{ id: string }>(sql`SELECT id FROM teams WHERE name = 'Tier 1'`))[0]!.id;
  const queries = [
    { range: { from: day('2025-10-01'), to: day('2026-04-30') }, interval: 'month' as const, teamId: null, scope: null },
    { range: { from: day('2025-09-15'), to: day('2026-05-10') }, interval: 'quarter' as const, teamId: null, scope: null },
    { range: { from: day('2025-11-10'), to: day('2026-02-20') }, interval: 'month' as const, teamId: tier1, scope: null },
    { range: { from: day('2025-10-01'), to: day('2026-03-31') }, interval: 'month' as const, teamId: null, scope: sql`s.customer_id IN (SELECT customer_id FROM customer_teams WHERE team_id = ${tier1})` },
  ];
  const seen = { churned: 0, recovered: 0, notRecovered: 0 };
  const compare = async () => {
    for (const q of queries) {
      const slow = await churnReportByLookups(deps, q);
      // Read a few customers at a time too, so chunks meet mid-history.
      for (const chunk of [2000, 7]) expect(await getChurnReport(deps, q, chunk)).toEqual(slow);
      seen.churned += slow.total.overall.simple.churned;
      seen.recovered += slow.total.recovery.recovered.simple.customers;
      seen.notRecovered += slow.total.recovery.not_recovered.simple.customers;
    }
  };
  await compare();
  // Erasing customers (their answers, tasks and events go) leaves the two still equal, and changes the counts.
  const before = await getChurnReport(deps, queries[0]!);
  const counted = await deps.db.all<{ email: string }>(sql`SELECT c.email FROM customers c JOIN customer_summaries s ON s.customer_id = c.id WHERE s.first_contact_at IS NOT NULL ORDER BY c.email LIMIT 3`);
  for (const { email } of counted) expect((await eraseCustomer(deps, { email }, { userId: 'admin' })).ok).toBe(true);
  await refreshCustomers(deps, deps.clock());
  expect(await getChurnReport(deps, queries[0]!)).not.toEqual(before);
  await compare();
  // The history has the cases worth comparing.
  expect(seen.churned).toBeGreaterThan(0);
  expect(seen.recovered).toBeGreaterThan(0);
  expect(seen.notRecovered).toBeGreaterThan(0);
});
