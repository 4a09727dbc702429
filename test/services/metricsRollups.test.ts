// The rollups must give exactly what counting the raw rows gives, for every filter and scope,
// across a daylight-saving change, and stay exact when responses change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { GRAIN, histogram, directOf, ROLLUP_VERSION, sentOf, type Counts } from '../../src/db/queries/cells';
import { responseRollups, responses, rollupState, surveyRequests } from '../../src/db/schema';
import type { Scope } from '../../src/domain/access';
import { monthOf, parseIsoDate, weekOf } from '../../src/domain/period';
import { SURVEY_KINDS } from '../../src/domain/surveys';
import { agentTotals, agentTrend, countsBy, dailyCounts, NO_FILTER, type DashboardFilter } from '../../src/services/dashboard/counts';
import { countSent, ensureRollups, rebuildRollups, withResponseRollup } from '../../src/services/dashboard/rollups';
import type { HistoryRow } from '../../src/services/import';
import { AGENTS, expectedFor, idsByName, seedHistory } from '../helpers/dashboard';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

const TZ = 'America/New_York'; // clocks go forward on 2026-03-08
const day = (iso: string) => parseIsoDate(iso)!;
const RANGE = { from: day('2026-02-20'), to: day('2026-03-20') };

function total(days: Map<number, Counts>): Counts {
  const out = new Array<number>(29).fill(0);
  for (const c of days.values()) c.forEach((v, i) => (out[i]! += v));
  return out;
}

function summary(c: Counts | undefined) {
  if (!c) return { answers: { csat: [0, 0, 0, 0, 0, 0], nps: new Array(11).fill(0), ces: new Array(8).fill(0) }, sent: 0, direct: 0 };
  return {
    answers: Object.fromEntries(SURVEY_KINDS.map((k) => [k, histogram(c, k)])),
    sent: SURVEY_KINDS.reduce((n, k) => n + sentOf(c, k), 0),
    direct: SURVEY_KINDS.reduce((n, k) => n + directOf(c, k), 0),
  };
}

let deps: TestDeps;
let rows: HistoryRow[];
let ids: Awaited<ReturnType<typeof idsByName>>;

beforeAll(async () => {
  deps = makeTestDeps({ env: { TIME_ZONE: TZ } });
  rows = await seedHistory(deps, { count: 900, from: Date.parse('2026-01-10T00:00:00Z'), to: Date.parse('2026-04-05T00:00:00Z') });
  ids = await idsByName(deps);
});
afterAll(() => deps.close());

describe('daily counts agree with the raw rows', () => {
  const cases: Array<[string, () => { scope: Scope; filter: DashboardFilter; keep: (r: HistoryRow) => boolean }]> = [
    ['everything', () => ({ scope: { kind: 'all' }, filter: NO_FILTER, keep: () => true })],
    ['one team', () => ({ scope: { kind: 'all' }, filter: { ...NO_FILTER, teamId: ids.team('Tier 2') }, keep: (r) => r.team === 'Tier 2' })],
    [
      "a manager's two teams",
      () => ({ scope: { kind: 'teams', teamIds: [ids.team('Tier 1'), ids.team('Billing')] }, filter: NO_FILTER, keep: (r) => r.team === 'Tier 1' || r.team === 'Billing' }),
    ],
    ['one channel', () => ({ scope: { kind: 'all' }, filter: { ...NO_FILTER, channel: 'chat' }, keep: (r) => r.channel === 'chat' })],
    ['one tag', () => ({ scope: { kind: 'all' }, filter: { ...NO_FILTER, tag: 'refund' }, keep: (r) => r.tags.includes('refund') })],
    [
      'team, channel and tag',
      () => ({
        scope: { kind: 'all' },
        filter: { ...NO_FILTER, teamId: ids.team('Tier 1'), channel: 'email', tag: 'vip' },
        keep: (r) => r.team === 'Tier 1' && r.channel === 'email' && r.tags.includes('vip'),
      }),
    ],
    [
      'one agent (raw rows)',
      () => ({ scope: { kind: 'all' }, filter: { ...NO_FILTER, agentId: ids.agent(AGENTS[2]!.email) }, keep: (r) => r.agent.email === AGENTS[2]!.email }),
    ],
    [
      "an agent's own scope with a tag",
      () => ({ scope: { kind: 'agent', agentId: ids.agent(AGENTS[4]!.email) }, filter: { ...NO_FILTER, tag: 'billing' }, keep: (r) => r.agent.email === AGENTS[4]!.email && r.tags.includes('billing') }),
    ],
  ];

  for (const [name, make] of cases) {
    it(name, async () => {
      const c = make();
      const got = await dailyCounts(deps, { scope: c.scope, filter: c.filter, range: RANGE });
      expect(summary(total(got))).toEqual(expectedFor(rows, TZ, RANGE, c.keep));
      // And day by day, on both sides of the clock change.
      for (const d of [day('2026-03-07'), day('2026-03-08'), day('2026-03-09')]) {
        expect(summary(got.get(d))).toEqual(expectedFor(rows, TZ, { from: d, to: d }, c.keep));
      }
    });
  }

  it('shows nothing outside the scope', async () => {
    expect((await dailyCounts(deps, { scope: { kind: 'teams', teamIds: [] }, filter: NO_FILTER, range: RANGE })).size).toBe(0);
    expect((await dailyCounts(deps, { scope: { kind: 'agent', agentId: null }, filter: NO_FILTER, range: RANGE })).size).toBe(0);
    const other = { kind: 'agent' as const, agentId: ids.agent(AGENTS[0]!.email) };
    expect((await dailyCounts(deps, { scope: other, filter: { ...NO_FILTER, agentId: ids.agent(AGENTS[1]!.email) }, range: RANGE })).size).toBe(0);
    const t1 = { kind: 'teams' as const, teamIds: [ids.team('Tier 1')] };
    expect((await dailyCounts(deps, { scope: t1, filter: { ...NO_FILTER, teamId: ids.team('Tier 2') }, range: RANGE })).size).toBe(0);
  });
});

describe('split counts agree with the raw rows', () => {
  it('by team and by channel', async () => {
    const byTeam = await countsBy(deps, { scope: { kind: 'all' }, filter: NO_FILTER, range: RANGE }, 'team');
    expect(summary(byTeam.get(ids.team('Billing')))).toEqual(expectedFor(rows, TZ, RANGE, (r) => r.team === 'Billing'));
    expect(summary(byTeam.get(''))).toEqual(expectedFor(rows, TZ, RANGE, (r) => r.team === null));
    const byChannel = await countsBy(deps, { scope: { kind: 'all' }, filter: { ...NO_FILTER, tag: 'vip' }, range: RANGE }, 'channel');
    expect(summary(byChannel.get('phone'))).toEqual(expectedFor(rows, TZ, RANGE, (r) => r.channel === 'phone' && r.tags.includes('vip')));
  });

  it('by agent, over months, weeks and days', async () => {
    // Jan 13 - Mar 31: whole February and March, a partial January (weeks and days).
    const range = { from: day('2026-01-13'), to: day('2026-03-31') };
    const byAgent = await countsBy(deps, { scope: { kind: 'all' }, filter: { ...NO_FILTER, channel: 'email' }, range }, 'agent');
    for (const a of AGENTS) {
      const want = expectedFor(rows, TZ, range, (r) => r.agent.email === a.email && r.channel === 'email');
      expect(summary(byAgent.get(ids.agent(a.email))).answers).toEqual(want.answers);
    }
  });

  it('a weekly and a monthly trend per agent', async () => {
    const range = { from: day('2026-01-21'), to: day('2026-03-11') };
    const agent = ids.agent(AGENTS[3]!.email);
    const keep = (r: HistoryRow) => r.agent.email === AGENTS[3]!.email;
    const parts = (from: string, to: string) => {
      const h = expectedFor(rows, TZ, { from: day(from), to: day(to) }, keep).answers.nps;
      return { n: h.reduce((a, b) => a + b, 0), good: h[9]! + h[10]!, bad: h.slice(0, 7).reduce((a, b) => a + b, 0) };
    };
    const q = { scope: { kind: 'all' } as const, filter: NO_FILTER, range };
    const weekly = await agentTrend(deps, q, { bucket: 'week', kind: 'nps', agentIds: null });
    const w = weekOf(day('2026-03-02'));
    expect(weekly.get(agent)!.get(w)).toEqual(parts('2026-03-02', '2026-03-08'));
    // Buckets at the edges hold only the days inside the range.
    expect(weekly.get(agent)!.get(w + 1)).toEqual(parts('2026-03-09', '2026-03-11'));
    expect(weekly.get(agent)!.get(weekOf(day('2026-01-21')))).toEqual(parts('2026-01-21', '2026-01-25'));
    const monthly = await agentTrend(deps, q, { bucket: 'month', kind: 'nps', agentIds: [agent] });
    expect([...monthly.keys()]).toEqual([agent]);
    expect(monthly.get(agent)!.get(monthOf(day('2026-01-21')))).toEqual(parts('2026-01-21', '2026-01-31'));
    expect(monthly.get(agent)!.get(monthOf(day('2026-02-01')))).toEqual(parts('2026-02-01', '2026-02-28'));
    expect(monthly.get(agent)!.get(monthOf(day('2026-03-01')))).toEqual(parts('2026-03-01', '2026-03-11'));
    expect(summary((await agentTotals(deps, q)).get(agent)).answers).toEqual(expectedFor(rows, TZ, range, keep).answers);
  });
});

describe('maintenance', () => {
  const snapshot = (d: TestDeps) =>
    d.db.all(sql`SELECT * FROM response_rollups WHERE ${sql.raw(['csat', 'nps', 'ces'].flatMap((k) => [`sent_${k}`, `direct_${k}`]).concat(
      ['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5', 'nps_0', 'nps_9', 'nps_10', 'ces_1', 'ces_7'],
    ).map((c) => `${c} <> 0`).join(' OR '))} ORDER BY cube, grain, channel, tag, period, team_id, agent_id`);

  it('keeps the rollups equal to a rebuild when answers change, get flagged or arrive', async () => {
    const d = makeTestDeps({ env: { TIME_ZONE: 'Europe/Madrid' } });
    try {
      await seedHistory(d, { count: 120, from: Date.parse('2026-03-20T00:00:00Z'), to: Date.parse('2026-04-05T00:00:00Z'), seed: 3 });
      const answered = await d.db.select().from(responses).limit(3);
      const [a, b, c] = answered;
      await d.atomic(withResponseRollup(d, a!.requestId, [d.db.update(responses).set({ score: a!.survey === 'nps' ? 0 : 1 }).where(eq(responses.id, a!.id))]));
      await d.atomic(withResponseRollup(d, b!.requestId, [d.db.update(responses).set({ flagged: true }).where(eq(responses.id, b!.id))]));
      // A write that changes nothing leaves the rollups alone.
      await d.atomic(withResponseRollup(d, c!.requestId, []));
      const [open] = await d.db
        .select({ id: surveyRequests.id })
        .from(surveyRequests)
        .where(sql`NOT EXISTS (SELECT 1 FROM responses x WHERE x.request_id = ${surveyRequests.id})`)
        .limit(1);
      const row = await d.db.select().from(surveyRequests).where(eq(surveyRequests.id, open!.id));
      const [i] = await d.db.all<{ agent_id: string; customer_id: string; team_id: string | null; channel: 'chat' }>(
        sql`SELECT agent_id, customer_id, team_id, channel FROM interactions WHERE id = ${row[0]!.interactionId}`,
      );
      await d.atomic(
        withResponseRollup(d, open!.id, [
          d.db.insert(responses).values({
            id: 'new-response',
            requestId: open!.id,
            interactionId: row[0]!.interactionId,
            customerId: i!.customer_id,
            agentId: i!.agent_id,
            teamId: i!.team_id,
            channel: i!.channel,
            survey: row[0]!.survey,
            score: 3,
            comment: null,
            flagged: false,
            source: 'explicit',
            createdAt: Date.parse('2026-03-29T00:30:00Z'),
            updatedAt: Date.parse('2026-03-29T00:30:00Z'),
          }),
        ]),
      );
      const maintained = await snapshot(d);
      await rebuildRollups(d);
      expect(await snapshot(d)).toEqual(maintained);
      expect(maintained.length).toBeGreaterThan(100);
    } finally {
      d.close();
    }
  });

  it('rebuilds cells built by an older definition once, and leaves current ones alone', async () => {
    const d = makeTestDeps();
    try {
      await seedHistory(d, { count: 60, from: Date.parse('2025-12-10T00:00:00Z'), to: Date.parse('2026-01-20T00:00:00Z'), seed: 6 });
      await rebuildRollups(d);
      const built = await snapshot(d);
      // Cells as the previous version left them: no year cells, no months or years per team or channel.
      await d.db.run(sql`DELETE FROM response_rollups WHERE grain = ${GRAIN.year} OR (grain = ${GRAIN.month} AND cube IN (1, 4, 5))`);
      await d.db.update(rollupState).set({ version: ROLLUP_VERSION - 1 });
      await ensureRollups(d);
      expect(await snapshot(d)).toEqual(built);
      expect(built.some((c) => (c as { grain: number }).grain === GRAIN.year)).toBe(true);
      expect((await d.db.select({ version: rollupState.version }).from(rollupState))[0]?.version).toBe(ROLLUP_VERSION);
      // Current cells are not rebuilt: a cell taken away stays away.
      await d.db.run(sql`DELETE FROM response_rollups WHERE grain = ${GRAIN.year} AND cube = 3`);
      await ensureRollups(d);
      expect(await d.db.all(sql`SELECT 1 FROM response_rollups WHERE grain = ${GRAIN.year} AND cube = 3`)).toHaveLength(0);
    } finally {
      d.close();
    }
  });

  it('counts a delivery once, and only for the send that took effect', async () => {
    const d = makeTestDeps();
    try {
      await seedHistory(d, { count: 5, from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-03-02T00:00:00Z'), seed: 4 });
      const before = await d.db.all(sql`SELECT sum(sent_csat + sent_nps + sent_ces) AS n FROM response_rollups WHERE cube = 0`);
      const [req] = await d.db.select().from(surveyRequests).limit(1);
      await d.atomic([countSent(d, req!.id, 'some-other-message')]);
      expect(await d.db.all(sql`SELECT sum(sent_csat + sent_nps + sent_ces) AS n FROM response_rollups WHERE cube = 0`)).toEqual(before);
      await d.db.update(surveyRequests).set({ status: 'sending', sentAt: null }).where(eq(surveyRequests.id, req!.id));
      await rebuildRollups(d);
      const sending = await d.db.all<{ n: number }>(sql`SELECT sum(sent_csat + sent_nps + sent_ces) AS n FROM response_rollups WHERE cube = 0`);
      await d.atomic([
        d.db.update(surveyRequests).set({ status: 'sent', sentAt: d.clock(), messageId: 'msg-1' }).where(eq(surveyRequests.id, req!.id)),
        countSent(d, req!.id, 'msg-1'),
      ]);
      const sent = await d.db.all<{ n: number }>(sql`SELECT sum(sent_csat + sent_nps + sent_ces) AS n FROM response_rollups WHERE cube = 0`);
      expect(sent[0]!.n).toBe(sending[0]!.n + 1);
      expect(await d.db.select().from(responseRollups).where(eq(responseRollups.cube, 0))).not.toHaveLength(0);
    } finally {
      d.close();
    }
  });
});
