// The agents table and metrics by agent sum signed covers of year, month, week and day cells
// (src/domain/cover.ts): they must equal a recount of the raw answers for any range, across
// month and year ends and clock changes, with and without the filters that send days to raw rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directOf, histogram, sentOf } from '../../src/db/queries/cells';
import { monthOf, parseIsoDate, weekOf } from '../../src/domain/period';
import { partsOf } from '../../src/domain/scoreParts';
import { SURVEY_KINDS } from '../../src/domain/surveys';
import { getAgentsTable } from '../../src/services/dashboard/agents';
import { agentTotals, agentTrend, countsBy, NO_FILTER, type DashboardFilter } from '../../src/services/dashboard/counts';
import type { HistoryRow } from '../../src/services/import';
import { AGENTS, expectedFor, idsByName, seedHistory } from '../helpers/dashboard';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { rng } from '../../scripts/random';

const TZ = 'America/New_York'; // clocks go back on 2025-11-02 and forward on 2026-03-08
const day = (iso: string) => parseIsoDate(iso)!;

let deps: TestDeps;
let rows: HistoryRow[];
let ids: Awaited<ReturnType<typeof idsByName>>;

beforeAll(async () => {
  deps = makeTestDeps({ env: { TIME_ZONE: TZ } });
  rows = await seedHistory(deps, { count: 1200, from: Date.parse('2025-10-03T00:00:00Z'), to: Date.parse('2026-03-20T00:00:00Z'), seed: 11 });
  ids = await idsByName(deps);
});
afterAll(() => deps.close());

const random = rng(5);
const RANGES: Array<{ from: number; to: number }> = [
  // Across the year end, starting and ending mid-week and mid-month.
  { from: day('2025-12-07'), to: day('2026-01-06') },
  // Most of two months around a year end: months minus a few days.
  { from: day('2025-11-03'), to: day('2026-02-26') },
  // Both clock changes inside.
  { from: day('2025-10-15'), to: day('2026-03-15') },
  // Days only, on a clock change.
  { from: day('2025-11-01'), to: day('2025-11-03') },
  // Year cells: twelve months ending mid-March (last year minus its first months), a range to the
  // end of next year, and years on both sides.
  { from: day('2025-03-21'), to: day('2026-03-20') },
  { from: day('2025-11-20'), to: day('2026-12-31') },
  { from: day('2024-02-10'), to: day('2027-05-03') },
  // And any range at all.
  ...Array.from({ length: 6 }, () => {
    const from = day('2025-10-01') + Math.floor(random() * 160);
    return { from, to: Math.min(day('2026-03-25'), from + Math.floor(random() * 120)) };
  }),
];

const FILTERS: Array<[string, DashboardFilter, (r: HistoryRow) => boolean]> = [
  ['no filter (day cells at the edges)', NO_FILTER, () => true],
  ['a channel (raw days at the edges)', { ...NO_FILTER, channel: 'email' }, (r) => r.channel === 'email'],
  ['a tag and a team', { ...NO_FILTER, tag: 'vip', teamId: 'TEAM' }, (r) => r.tags.includes('vip') && r.team === 'Tier 1'],
  ['one agent', { ...NO_FILTER, agentId: 'AGENT' }, (r) => r.agent.email === AGENTS[1]!.email],
];

describe('agent totals and trends equal a recount of the answers', () => {
  for (const [name, filter, keep] of FILTERS) {
    it(name, async () => {
      const f = { ...filter, teamId: filter.teamId && ids.team('Tier 1'), agentId: filter.agentId && ids.agent(AGENTS[1]!.email) };
      for (const range of RANGES) {
        const q = { scope: { kind: 'all' } as const, filter: f, range };
        const totals = await agentTotals(deps, q);
        if (f.agentId) expect([...totals.keys()]).toEqual([f.agentId]);
        const monthly = await agentTrend(deps, q, { bucket: 'month', kind: 'nps', agentIds: null });
        const weekly = await agentTrend(deps, q, { bucket: 'week', kind: 'csat', agentIds: [ids.agent(AGENTS[1]!.email)] });
        for (const a of AGENTS) {
          const id = ids.agent(a.email);
          const mine = (r: HistoryRow) => keep(r) && r.agent.email === a.email;
          const want = expectedFor(rows, TZ, range, mine).answers;
          const got = totals.get(id);
          expect(Object.fromEntries(SURVEY_KINDS.map((k) => [k, got ? histogram(got, k) : want[k].map(() => 0)])), `${a.email} ${JSON.stringify(range)}`).toEqual(want);
          // Every month of the trend, clipped to the range.
          for (let m = monthOf(range.from); m <= monthOf(range.to); m++) {
            const days = { from: Math.max(range.from, day(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`)), to: Math.min(range.to, day(`${Math.floor((m + 1) / 12)}-${String(((m + 1) % 12) + 1).padStart(2, '0')}-01`) - 1) };
            const parts = partsOf('nps', expectedFor(rows, TZ, days, mine).answers.nps);
            expect(monthly.get(id)?.get(m) ?? { n: 0, good: 0, bad: 0 }).toEqual(parts);
          }
        }
        // The weekly trend of one agent only, week by week.
        expect([...weekly.keys()].every((k) => k === ids.agent(AGENTS[1]!.email))).toBe(true);
        for (let w = weekOf(range.from); w <= weekOf(range.to); w++) {
          const days = { from: Math.max(range.from, 7 * w - 3), to: Math.min(range.to, 7 * w + 3) };
          const parts = partsOf('csat', expectedFor(rows, TZ, days, (r) => keep(r) && r.agent.email === AGENTS[1]!.email).answers.csat);
          expect(weekly.get(ids.agent(AGENTS[1]!.email))?.get(w) ?? { n: 0, good: 0, bad: 0 }).toEqual(parts);
        }
      }
    });
  }
});

describe('counts by team and by channel equal a recount of the answers and deliveries', () => {
  // Without a tag these read year, month and day cells (SPLIT_CUBES); with one, day cells.
  const splits: Array<[string, DashboardFilter, (r: HistoryRow) => boolean]> = [
    ['no filter', NO_FILTER, () => true],
    ['a channel', { ...NO_FILTER, channel: 'chat' }, (r) => r.channel === 'chat'],
    ['a team', { ...NO_FILTER, teamId: 'TEAM' }, (r) => r.team === 'Tier 1'],
    ['a tag', { ...NO_FILTER, tag: 'vip' }, (r) => r.tags.includes('vip')],
  ];
  for (const [name, filter, keep] of splits) {
    it(name, async () => {
      const f = { ...filter, teamId: filter.teamId && ids.team('Tier 1') };
      const teams = await deps.db.all<{ id: string; name: string }>(sql`SELECT id, name FROM teams`);
      for (const range of RANGES) {
        const q = { scope: { kind: 'all' } as const, filter: f, range };
        const [byTeam, byChannel] = await Promise.all([countsBy(deps, q, 'team'), countsBy(deps, q, 'channel')]);
        const check = (got: number[] | undefined, mine: (r: HistoryRow) => boolean, label: string) => {
          const want = expectedFor(rows, TZ, range, (r) => keep(r) && mine(r));
          const answers = Object.fromEntries(SURVEY_KINDS.map((k) => [k, got ? histogram(got, k) : want.answers[k].map(() => 0)]));
          const sent = got ? SURVEY_KINDS.reduce((n, k) => n + sentOf(got, k), 0) : 0;
          const direct = got ? SURVEY_KINDS.reduce((n, k) => n + directOf(got, k), 0) : 0;
          expect({ answers, sent, direct }, `${label} ${JSON.stringify(range)}`).toEqual(want);
        };
        for (const t of teams) check(byTeam.get(t.id), (r) => r.team === t.name, t.name);
        check(byTeam.get(''), (r) => r.team === null, 'no team');
        for (const ch of new Set(rows.map((r) => r.channel))) check(byChannel.get(ch), (r) => r.channel === ch, ch);
      }
    });
  }
});

describe('the agents table in pages', () => {
  it('ranks and sorts over every agent, and each page holds the next rows with their own sparklines', async () => {
    const base = {
      scope: { kind: 'all' } as const,
      filter: NO_FILTER,
      range: { from: day('2025-10-10'), to: day('2026-03-15') },
      survey: null,
      minSample: 5,
      sort: 'nps' as const,
      dir: 'desc' as const,
    };
    const whole = await getAgentsTable(deps, { ...base, page: 1, pageSize: 100 });
    expect(whole.lines).toHaveLength(AGENTS.length);
    expect(whole.pages).toBe(1);
    const paged = await Promise.all([1, 2, 3].map((page) => getAgentsTable(deps, { ...base, page, pageSize: 3 })));
    expect(paged.map((t) => t.lines.length)).toEqual([3, 3, 1]);
    expect(paged.every((t) => t.pages === 3 && t.agents === AGENTS.length && t.rankKind === whole.rankKind)).toBe(true);
    // The same rows, ranks, scores and sparklines, in the same order, as the table in one page.
    expect(paged.flatMap((t) => t.lines)).toEqual(whole.lines);
    // A page past the last shows the last.
    expect((await getAgentsTable(deps, { ...base, page: 9, pageSize: 3 })).lines).toEqual(paged[2]!.lines);
  });
});
