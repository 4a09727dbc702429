// GET /api/v1/churn over a small history worked out by hand (below). Shared with workerd.
import { afterEach, expect, test } from 'vitest';
import { ZChurn, ZProblem } from '../../src/http/api/shapes';
import { recordHistory } from '../../src/services/import';
import { refreshCustomers } from '../../src/services/customers/refresh';
import { makeTestApp, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

/**
 * A promoter (NPS 9), B detractor (NPS 3), C passive (NPS 8), D unsatisfied (CSAT 2), all first seen
 * in December; G seen in December, churned 20 Dec, back 25 Jan; H first seen 12 Jan, E 14 Jan.
 * Churns: B 5 Jan, A 20 Jan, D 10 Feb; F churns 15 Jan but never contacted support (not counted).
 *
 * January: at the start A B C D = 4; at the midpoint (16 Jan 12:00) A C D H E = 5 (B gone, G still
 *   churned); churned A B = 2. Simple 2/4 = 50%, adjusted 2/5 = 40%. Detractors: 1 of 1; promoters 1 of 1.
 * February: at the start C D E H G = 5; at the midpoint (15 Feb) C E H G = 4; churned D = 1.
 *   Simple 1/5 = 20%, adjusted 1/4 = 25%. CSAT not satisfied: 1 of 1.
 */
async function setup() {
  const t = await makeTestApp();
  deps = t.deps;
  const seen = (externalId: string, email: string, day: string, survey: 'nps' | 'csat' | null, score = 0) => ({
    externalId,
    closedAt: at(day),
    sentAt: at(day),
    agent: { email: 'ana@support.example', name: 'Ana' },
    team: 'Tier 1',
    channel: 'chat' as const,
    customer: { email, name: null, locale: 'en' },
    survey: survey ?? ('csat' as const),
    tags: [],
    response: survey ? { score, comment: null, at: at(day), source: 'import' as const } : null,
  });
  await recordHistory(deps, [
    seen('A', 'a@example.com', '2025-12-10', 'nps', 9),
    seen('B', 'b@example.com', '2025-12-11', 'nps', 3),
    seen('C', 'c@example.com', '2025-12-12', 'nps', 8),
    seen('D', 'd@example.com', '2025-12-13', 'csat', 2),
    seen('G', 'g@example.com', '2025-12-01', null),
    seen('H', 'h@example.com', '2026-01-12', null),
    seen('E', 'e@example.com', '2026-01-14', 'nps', 10),
  ]);
  const event = (email: string, type: string, day: string) =>
    t.api(`/api/v1/customers/${email}/events`, { method: 'POST', body: JSON.stringify({ type, at: `${day}T09:00:00Z` }) });
  await event('g@example.com', 'churned', '2025-12-20');
  await event('g@example.com', 'reactivated', '2026-01-25');
  await event('b@example.com', 'churned', '2026-01-05');
  await event('f@example.com', 'churned', '2026-01-15');
  await event('a@example.com', 'churned', '2026-01-20');
  await event('d@example.com', 'churned', '2026-02-10');
  await refreshCustomers(deps, deps.clock());
  return t;
}

test('simple and adjusted churn per month, overall and by segment, as worked by hand', async () => {
  const { api } = await setup();
  const res = await api('/api/v1/churn?from=2026-01-01&to=2026-02-28&interval=month');
  expect(res.status).toBe(200);
  const body = ZChurn.parse(await res.json());
  expect(body.data.map((r) => r.period)).toEqual(['2026-01', '2026-02']);
  const [jan, feb] = body.data;
  expect(jan!.overall.simple).toMatchObject({ churned: 2, customers: 4, rate: 0.5 });
  expect(jan!.overall.adjusted).toMatchObject({ churned: 2, customers: 5, rate: 0.4 });
  expect(jan!.nps.detractor.simple).toMatchObject({ churned: 1, customers: 1, rate: 1 });
  expect(jan!.nps.promoter.simple).toMatchObject({ churned: 1, customers: 1, rate: 1 });
  expect(jan!.nps.passive.simple).toMatchObject({ churned: 0, customers: 1, rate: 0 });
  expect(jan!.nps.none.adjusted).toMatchObject({ churned: 0, customers: 2 });
  expect(feb!.overall.simple).toMatchObject({ churned: 1, customers: 5, rate: 0.2 });
  expect(feb!.overall.adjusted).toMatchObject({ churned: 1, customers: 4, rate: 0.25 });
  expect(feb!.csat.not_satisfied.simple).toMatchObject({ churned: 1, customers: 1, rate: 1 });
  expect(feb!.overall.simple.low).toBeGreaterThan(0.03);
  expect(feb!.overall.simple.high).toBeLessThan(0.63);
  // The months pooled: (2 + 1) ÷ (4 + 5) at the starts, ÷ (5 + 4) at the midpoints.
  expect(body.total).toMatchObject({ period: 'All', from: '2026-01-01', to: '2026-02-28' });
  expect(body.total.overall.simple).toMatchObject({ churned: 3, customers: 9 });
  expect(body.total.overall.adjusted).toMatchObject({ churned: 3, customers: 9 });
  expect(body.total.nps.detractor.simple).toMatchObject({ churned: 1, customers: 1 });

  const quarter = ZChurn.parse(await (await api('/api/v1/churn?from=2026-01-01&to=2026-03-01&interval=quarter')).json());
  expect(quarter.data).toHaveLength(1);
  expect(quarter.data[0]!.overall.simple).toMatchObject({ churned: 3, customers: 4 });
});

test('bad parameters are problems naming the parameter', async () => {
  const { api } = await setup();
  for (const [query, field] of [
    ['interval=week', 'interval'],
    ['from=2026-02-30', 'from'],
    ['team=Nobody', 'team'],
    ['from=2020-01-01&to=2026-01-01', 'from'],
    ['agent=ana@support.example', '(body)'],
  ] as const) {
    const res = await api(`/api/v1/churn?${query}`);
    expect(res.status, query).toBe(400);
    expect(ZProblem.parse(await res.json()).errors?.map((e) => e.field), query).toContain(field);
  }
  const team = ZChurn.parse(await (await api('/api/v1/churn?from=2026-01-01&to=2026-01-31&team=Tier%201')).json());
  expect(team.data[0]!.overall.simple.customers).toBe(4);
});
