// Where the dashboards' numbers come from. Every view asks for counts over a range of local days,
// within a viewer's scope and filters; this module picks the cheapest exact source:
//   - one agent (a filter, or an agent's own scope): the raw rows, which are few;
//   - otherwise the daily rollup cube holding exactly the filtered dimensions;
//   - split by agent: the monthly and weekly agent cubes for whole months and weeks, raw rows for
//     the few days around them; SQLite does the summing, so little crosses into JavaScript.
import type { Deps } from '../../deps';
import type { Scope } from '../../domain/access';
import { monthOf, rangeMs, splitRange, weekOf, weekStart, type DayRange } from '../../domain/period';
import { offsetSpans } from '../../domain/timeZone';
import type { SurveyKind } from '../../domain/surveys';
import { addCounts, AGENT_DAY_CUBE, CUBE, emptyCounts, GRAIN, histogram, type CellSum, type Counts } from '../../db/queries/cells';
import { partsOf, scoreTrendByAgent, type ScoreParts } from '../../db/queries/scoreTrendByAgent';
import { sumDelivered } from '../../db/queries/sumDelivered';
import { sumResponses, type RawSelection } from '../../db/queries/sumResponses';
import { sumRollups } from '../../db/queries/sumRollups';
import type { Channel } from '../../db/schema';
import { mainKind } from './summary';

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
    return (await agentScores(deps, q, { bucket: 'month', kind: null, trend: false })).totals;
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

export interface AgentScores {
  /** The kind the trend is of: the one asked for, or the one with the most answers. */
  kind: SurveyKind;
  totals: Map<string, Counts>;
  /** Score parts of `kind` per agent and bucket (week index or month index). */
  trend: Map<string, Map<number, ScoreParts>>;
}

/**
 * Per agent: counts over the range, and optionally a weekly or monthly trend of one kind's score.
 * Whole months and weeks come from the agent cubes, summed by SQLite; the days around them from
 * the raw rows, a bucket at a time.
 */
export async function agentScores(
  deps: CountDeps,
  q: CountQuery,
  opts: { bucket: 'week' | 'month'; kind: SurveyKind | null; trend: boolean },
): Promise<AgentScores> {
  const v = visibleOf(q.scope, q.filter);
  const totals = new Map<string, Counts>();
  const trend = new Map<string, Map<number, ScoreParts>>();
  if (!v) return { kind: opts.kind ?? 'csat', totals, trend };
  const bucketOf = opts.bucket === 'week' ? weekOf : monthOf;
  const pieces = splitRange(q.range, opts.bucket === 'month');
  const base = { cube: cubeOf(v, CUBE.agent | CUBE.team), channel: v.channel ?? '', tag: v.tag ?? '', teamIds: v.teamIds };
  const cubeParts = [
    ...(pieces.months ? [{ grain: GRAIN.month, ...pieces.months }] : []),
    ...pieces.weeks.map((w) => ({ grain: GRAIN.week, ...w })),
  ];
  // Each stretch of days is cut where buckets change, so its counts belong to one bucket.
  const days = pieces.days.flatMap((d) => cutAt(d, bucketOf));
  // Without a channel or tag filter the days have their own cells; otherwise they come from raw rows.
  const dayCells = base.cube === AGENT_DAY_CUBE;
  const [cells, raw] = await Promise.all([
    Promise.all(cubeParts.map((part) => sumRollups(deps.db, { ...base, ...part, by: { period: false, key: 'agent_id' } }))),
    Promise.all(
      days.map((d) =>
        dayCells
          ? sumRollups(deps.db, { ...base, grain: GRAIN.day, from: d.from, to: d.to, by: { period: false, key: 'agent_id' } })
          : sumResponses(deps.db, rawSelection(deps, v, d, { day: false, key: 'agent_id' })),
      ),
    ),
  ]);
  for (const c of [...cells.flat(), ...raw.flat()]) sumInto(totals, c.key, c.counts);
  const all = emptyCounts();
  for (const c of totals.values()) addCounts(all, c);
  const kind = opts.kind ?? mainKind(all);
  if (!opts.trend) return { kind, totals, trend };

  const add = (agent: string, bucket: number, p: ScoreParts) => {
    let perAgent = trend.get(agent);
    if (!perAgent) trend.set(agent, (perAgent = new Map()));
    const into = perAgent.get(bucket);
    perAgent.set(bucket, into ? { n: into.n + p.n, good: into.good + p.good, bad: into.bad + p.bad } : p);
  };
  const parts = await Promise.all(cubeParts.map((part) => scoreTrendByAgent(deps.db, { ...base, ...part }, kind)));
  cubeParts.forEach((part, i) => {
    for (const r of parts[i]!) {
      const b = part.grain === GRAIN.week && opts.bucket === 'month' ? monthOf(weekStart(r.period)) : r.period;
      add(r.agent, b, { n: r.n, good: r.good, bad: r.bad });
    }
  });
  days.forEach((d, i) => {
    for (const c of raw[i]!) add(c.key, bucketOf(d.from), partsOf(kind, histogram(c.counts, kind)));
  });
  return { kind, totals, trend };
}

function cutAt(r: DayRange, bucketOf: (day: number) => number): DayRange[] {
  const out: DayRange[] = [];
  let from = r.from;
  for (let day = r.from + 1; day <= r.to + 1; day++) {
    if (day > r.to || bucketOf(day) !== bucketOf(from)) {
      out.push({ from, to: day - 1 });
      from = day;
    }
  }
  return out;
}
