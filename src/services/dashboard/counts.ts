// Where the dashboards' numbers come from. Every view asks for counts over a range of local days,
// within a viewer's scope and filters; this module picks the cheapest exact source:
//   - one agent (a filter, or an agent's own scope): the raw rows, which are few;
//   - otherwise the daily rollup cube holding exactly the filtered dimensions;
//   - split by agent: the monthly and weekly agent cubes for whole months and weeks, raw rows for
//     the few days around them.
import type { Deps } from '../../deps';
import type { Scope } from '../../domain/access';
import { monthOf, offsetSpans, rangeMs, splitRange, weekOf, type DayRange } from '../../domain/period';
import { addCounts, CUBE, emptyCounts, GRAIN, type CellSum, type Counts } from '../../db/queries/cells';
import { sumDelivered } from '../../db/queries/sumDelivered';
import { sumResponses, type RawSelection } from '../../db/queries/sumResponses';
import { sumRollups } from '../../db/queries/sumRollups';
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

/** What the scope and filters leave visible. */
export interface Visible {
  teamIds: readonly string[] | null;
  agentId: string | null;
  channel: string | null;
  tag: string | null;
}

/** The scope narrowed by the filters; null when nothing at all is visible. */
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

const cubeOf = (v: Visible, extra = 0): number =>
  (v.teamIds ? CUBE.team : 0) | (v.channel !== null ? CUBE.channel : 0) | (v.tag !== null ? CUBE.tag : 0) | extra;

function rawSelection(deps: CountDeps, v: Visible, r: DayRange, by: RawSelection['by']): RawSelection {
  const { start, end } = rangeMs(r, deps.config.timeZone);
  return { start, end, spans: offsetSpans(deps.config.timeZone, start, end), ...v, by };
}

function sumInto<K>(out: Map<K, Counts>, key: K, c: Counts) {
  const into = out.get(key);
  if (into) addCounts(into, c);
  else out.set(key, [...c]);
}

/** Counts per local day (days with data only), delivered surveys included. */
export async function dailyCounts(deps: CountDeps, q: CountQuery): Promise<Map<number, Counts>> {
  const v = visibleOf(q.scope, q.filter);
  const out = new Map<number, Counts>();
  if (!v) return out;
  let cells: CellSum[];
  if (v.agentId !== null) {
    const sel = rawSelection(deps, v, q.range, { day: true, key: null });
    const [answered, delivered] = await Promise.all([sumResponses(deps.db, sel), sumDelivered(deps.db, sel)]);
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
  for (const c of cells) sumInto(out, c.period, c.counts);
  return out;
}

export type SplitKey = 'team' | 'channel' | 'agent';
const COLUMN = { team: 'team_id', channel: 'channel', agent: 'agent_id' } as const;

/**
 * Counts over the range split by team, channel or agent. Split by agent, delivered surveys are
 * counted only for a single agent (the agent cubes do not keep them).
 */
export async function countsBy(deps: CountDeps, q: CountQuery, key: SplitKey): Promise<Map<string, Counts>> {
  const v = visibleOf(q.scope, q.filter);
  const out = new Map<string, Counts>();
  if (!v) return out;
  let cells: CellSum[];
  if (v.agentId !== null) {
    const sel = rawSelection(deps, v, q.range, { day: false, key: COLUMN[key] });
    cells = (await Promise.all([sumResponses(deps.db, sel), sumDelivered(deps.db, sel)])).flat();
  } else if (key === 'agent') {
    for (const [agent, buckets] of await agentCounts(deps, v, q.range, 'month')) {
      const total = emptyCounts();
      for (const c of buckets.values()) addCounts(total, c);
      out.set(agent, total);
    }
    return out;
  } else {
    cells = await sumRollups(deps.db, {
      cube: cubeOf(v, key === 'team' ? CUBE.team : CUBE.channel),
      grain: GRAIN.day,
      channel: v.channel ?? (key === 'channel' ? null : ''),
      tag: v.tag ?? '',
      teamIds: v.teamIds,
      from: q.range.from,
      to: q.range.to,
      by: { period: false, key: COLUMN[key] },
    });
  }
  for (const c of cells) sumInto(out, c.key, c.counts);
  return out;
}

/**
 * Counts per agent and week (week index) or month (month index) over a range of days. Buckets at
 * the edges hold only the days inside the range.
 */
export async function agentBucketCounts(
  deps: CountDeps,
  q: CountQuery,
  bucket: 'week' | 'month',
): Promise<Map<string, Map<number, Counts>>> {
  const v = visibleOf(q.scope, q.filter);
  return v ? agentCounts(deps, v, q.range, bucket) : new Map();
}

async function agentCounts(deps: CountDeps, v: Visible, r: DayRange, bucket: 'week' | 'month') {
  const pieces = splitRange(r, bucket === 'month');
  const cube = (grain: number, from: number, to: number) =>
    sumRollups(deps.db, {
      cube: cubeOf(v, CUBE.agent | CUBE.team),
      grain,
      channel: v.channel ?? '',
      tag: v.tag ?? '',
      teamIds: v.teamIds,
      from,
      to,
      by: { period: true, key: 'agent_id' },
    });
  const [months, weeks, days] = await Promise.all([
    pieces.months ? cube(GRAIN.month, pieces.months.from, pieces.months.to) : Promise.resolve([]),
    Promise.all(pieces.weeks.map((w) => cube(GRAIN.week, w.from, w.to))),
    Promise.all(pieces.days.map((d) => sumResponses(deps.db, rawSelection(deps, v, d, { day: true, key: 'agent_id' })))),
  ]);
  // Weeks outside whole months lie inside one month, so they fall in exactly one month bucket.
  const bucketOf = (day: number) => (bucket === 'week' ? weekOf(day) : monthOf(day));
  const out = new Map<string, Map<number, Counts>>();
  const add = (c: CellSum, b: number) => {
    let perAgent = out.get(c.key);
    if (!perAgent) out.set(c.key, (perAgent = new Map()));
    sumInto(perAgent, b, c.counts);
  };
  for (const c of months) add(c, c.period);
  for (const c of weeks.flat()) add(c, bucket === 'week' ? c.period : monthOf(7 * c.period - 3));
  for (const c of days.flat()) add(c, bucketOf(c.period));
  return out;
}
