// Where the dashboards' numbers come from. Every view asks for counts over a range of local days,
// within a viewer's scope and filters; this module picks the cheapest exact source:
//   - one agent (filter or an agent's own scope): the raw rows, which are few;
//   - otherwise the daily rollup cube holding exactly the filtered dimensions;
//   - split by agent: the weekly agent cubes for whole weeks, raw rows for the days around them.
import type { Deps } from '../../deps';
import type { Scope } from '../../domain/access';
import { offsetSpans, rangeMs, weekOf, weekStart, type DayRange } from '../../domain/period';
import { addCounts, CUBE, emptyCounts, GRAIN, type Counts } from '../../db/queries/cells';
import { sumDelivered } from '../../db/queries/sumDelivered';
import { sumResponses, type RawSelection } from '../../db/queries/sumResponses';
import { sumRollups, type CellSum } from '../../db/queries/sumRollups';
import type { Channel } from '../../db/schema';

export interface DashboardFilter {
  teamId: string | null;
  agentId: string | null;
  channel: Channel | null;
  tag: string | null;
}

export const NO_FILTER: DashboardFilter = { teamId: null, agentId: null, channel: null, tag: null };

export interface CountQuery {
  scope: Scope;
  filter: DashboardFilter;
  range: DayRange;
}

type CountDeps = Pick<Deps, 'db' | 'config'>;

/** What the scope and filters leave visible: null means nothing at all. */
interface Visible {
  teamIds: readonly string[] | null;
  agentId: string | null;
  channel: string | null;
  tag: string | null;
}

export function visibleOf(scope: Scope, f: DashboardFilter): Visible | null {
  let teamIds: readonly string[] | null = f.teamId === null ? null : [f.teamId];
  let agentId = f.agentId;
  if (scope.kind === 'teams') {
    teamIds = (teamIds ?? scope.teamIds).filter((t) => scope.teamIds.includes(t));
    if (teamIds.length === 0) return null;
  }
  if (scope.kind === 'agent') {
    if (scope.agentId === null || (agentId !== null && agentId !== scope.agentId)) return null;
    agentId = scope.agentId;
  }
  return { teamIds, agentId, channel: f.channel, tag: f.tag };
}

function cubeOf(v: Visible, extra: number = 0): number {
  return (v.teamIds ? CUBE.team : 0) | (v.channel !== null ? CUBE.channel : 0) | (v.tag !== null ? CUBE.tag : 0) | extra;
}

function raw(deps: CountDeps, v: Visible, r: DayRange, by: RawSelection['by']): RawSelection {
  const { start, end } = rangeMs(r, deps.config.timeZone);
  return { start, end, spans: offsetSpans(deps.config.timeZone, start, end), ...v, by };
}

/** Counts per local day (only days with data), delivered surveys included. */
export async function dailyCounts(deps: CountDeps, q: CountQuery): Promise<Map<number, Counts>> {
  const v = visibleOf(q.scope, q.filter);
  const out = new Map<number, Counts>();
  if (!v) return out;
  let cells: CellSum[];
  if (v.agentId !== null) {
    const sel = raw(deps, v, q.range, { day: true, key: null });
    const [answered, delivered] = await Promise.all([
      sumResponses(deps.db, sel),
      sumDelivered(deps.db, { ...sel, agentId: v.agentId }),
    ]);
    cells = [...answered, ...delivered];
  } else {
    cells = await sumRollups(deps.db, {
      cube: cubeOf(v),
      grain: GRAIN.day,
      channel: v.channel ?? '',
      tag: v.tag ?? '',
      teamIds: v.teamIds,
      from: q.range.from,
      to: q.range.to,
      by: { period: true, key: null },
    });
  }
  for (const c of cells) out.set(c.period, addCounts(out.get(c.period) ?? emptyCounts(), c.counts));
  return out;
}

export type SplitKey = 'team' | 'channel' | 'agent';
const COLUMN = { team: 'team_id', channel: 'channel', agent: 'agent_id' } as const;

/** Counts over the range split by team, channel or agent (split by agent, delivered surveys are not counted). */
export async function countsBy(deps: CountDeps, q: CountQuery, key: SplitKey): Promise<Map<string, Counts>> {
  const v = visibleOf(q.scope, q.filter);
  const out = new Map<string, Counts>();
  if (!v) return out;
  const add = (cells: CellSum[]) => {
    for (const c of cells) out.set(c.key, addCounts(out.get(c.key) ?? emptyCounts(), c.counts));
  };
  if (v.agentId !== null) {
    const sel = raw(deps, v, q.range, { day: false, key: COLUMN[key] });
    add(await sumResponses(deps.db, sel));
    add(await sumDelivered(deps.db, { ...sel, agentId: v.agentId }));
    return out;
  }
  if (key === 'agent') {
    for (const [agent, weeks] of await agentCounts(deps, v, q.range)) {
      const total = emptyCounts();
      for (const c of weeks.values()) addCounts(total, c);
      out.set(agent, total);
    }
    return out;
  }
  const bit = key === 'team' ? CUBE.team : CUBE.channel;
  add(
    await sumRollups(deps.db, {
      cube: cubeOf(v, bit),
      grain: GRAIN.day,
      channel: v.channel ?? '',
      tag: v.tag ?? '',
      teamIds: v.teamIds,
      from: q.range.from,
      to: q.range.to,
      by: { period: false, key: COLUMN[key] },
    }),
  );
  return out;
}

/** Whole Monday-to-Sunday weeks inside a range, and the days around them. */
export function splitWeeks(r: DayRange): { weeks: { from: number; to: number } | null; days: DayRange[] } {
  const first = weekOf(r.from) + (weekStart(weekOf(r.from)) === r.from ? 0 : 1);
  const last = weekOf(r.to) - (weekStart(weekOf(r.to)) + 6 === r.to ? 0 : 1);
  if (first > last) return { weeks: null, days: [r] };
  const days: DayRange[] = [];
  if (r.from < weekStart(first)) days.push({ from: r.from, to: weekStart(first) - 1 });
  if (weekStart(last) + 6 < r.to) days.push({ from: weekStart(last) + 7, to: r.to });
  return { weeks: { from: first, to: last }, days };
}

/**
 * Counts per agent and week (week index) over a range of days; partial weeks at the edges hold
 * only the days inside the range. Whole weeks come from the weekly agent cubes.
 */
export async function agentWeekCounts(deps: CountDeps, q: CountQuery): Promise<Map<string, Map<number, Counts>>> {
  const v = visibleOf(q.scope, q.filter);
  return v ? agentCounts(deps, v, q.range) : new Map();
}

async function agentCounts(deps: CountDeps, v: Visible, r: DayRange): Promise<Map<string, Map<number, Counts>>> {
  const out = new Map<string, Map<number, Counts>>();
  const add = (agent: string, week: number, c: Counts) => {
    let weeks = out.get(agent);
    if (!weeks) out.set(agent, (weeks = new Map()));
    weeks.set(week, addCounts(weeks.get(week) ?? emptyCounts(), c));
  };
  const { weeks, days } = splitWeeks(r);
  const [whole, ...edges] = await Promise.all([
    weeks
      ? sumRollups(deps.db, {
          cube: cubeOf(v, CUBE.agent | CUBE.team),
          grain: GRAIN.week,
          channel: v.channel ?? '',
          tag: v.tag ?? '',
          teamIds: v.teamIds,
          from: weeks.from,
          to: weeks.to,
          by: { period: true, key: 'agent_id' },
        })
      : Promise.resolve([]),
    ...days.map((d) => sumResponses(deps.db, raw(deps, v, d, { day: true, key: 'agent_id' }))),
  ]);
  for (const c of whole) add(c.key, c.period, c.counts);
  for (const cells of edges) for (const c of cells) add(c.key, weekOf(c.period), c.counts);
  return out;
}
