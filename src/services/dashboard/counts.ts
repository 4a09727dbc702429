// Where the dashboards' numbers come from. Every view asks for counts over a range of local days,
// within a viewer's scope and filters; this module picks the cheapest exact source:
//   - one agent (a filter, or an agent's own scope): the raw rows, which are few;
//   - otherwise the daily rollup cube holding exactly the filtered dimensions;
//   - split by agent: the fewest year, month, week and day cells of the agent cubes that add up to
//     the range (months minus a few days where that is cheaper); SQLite does the summing;
//   - split by team or channel without a tag filter: the same with year, month and day cells.
import type { Deps } from '../../deps';
import type { Scope } from '../../domain/access';
import { coverRange } from '../../domain/cover';
import { bucketsOf, monthOf, rangeMs, weekOf, type DayRange } from '../../domain/period';
import { partsOf, type ScoreParts } from '../../domain/scoreParts';
import { dayNumber, offsetSpans } from '../../domain/timeZone';
import { SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { addCounts, AGENT_DAY_CUBE, at, CUBE, emptyCounts, GRAIN, histogram, isKept, type CellSum, type Counts } from '../../db/queries/cells';
import { sumSpans, type CellSpan } from '../../db/queries/sumSpans';
import { firstAnswerAt } from '../../db/queries/firstAnswerAt';
import { sumDelivered } from '../../db/queries/sumDelivered';
import { sumResponsePieces, sumResponses, type RawSelection } from '../../db/queries/sumResponses';
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

function rawSelection(deps: CountDeps, v: Visible, r: DayRange, by: RawSelection['by'], agentIds: readonly string[] | null = null): RawSelection {
  const { start, end } = rangeMs(r, deps.config.timeZone);
  return { start, end, spans: offsetSpans(deps.config.timeZone, start, end), ...v, agentIds, by };
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
    cells = await sumDayCells(deps, v, q.range, true);
  }
  for (const c of cells) sumInto(out, c.period, c.counts);
  return out;
}

/** The filtered cube's day cells over the range, one sum per day (`byDay`) or one in all. */
const sumDayCells = (deps: CountDeps, v: Visible, range: DayRange, byDay: boolean) =>
  sumRollups(deps.db, {
    cube: cubeOf(v),
    grain: GRAIN.day,
    channel: v.channel ?? '',
    tag: v.tag ?? '',
    teamIds: v.teamIds,
    from: range.from,
    to: range.to,
    by: { period: byDay, key: null },
  });

/**
 * Analysed comments over the range and how many read negative (the themes panel's totals), from
 * the day cells of the filtered cube, or for one agent from the agent cells (the cheapest signed
 * cover, as for the agents table); null for one agent with a channel or tag filter, whose comments
 * the raw rows count (the agent cells split by those are not kept per day, and the raw sums
 * leave the comment columns at 0).
 */
export async function commentTotals(deps: CountDeps, q: CountQuery, survey: SurveyKind | null): Promise<{ total: number; negative: number } | null> {
  const v = visibleOf(q.scope, q.filter);
  if (!v) return { total: 0, negative: 0 };
  const kinds: readonly SurveyKind[] = survey ? [survey] : SURVEY_KINDS;
  if (v.agentId !== null) {
    if (v.channel !== null || v.tag !== null) return null;
    const reader = agentReader(deps, v);
    const [row] = (await reader.read(reader.cover(q.range, 0), 'comments'))[0];
    const sum = (from: number) => kinds.reduce((n, k) => n + Number(row?.[2 + from + SURVEY_KINDS.indexOf(k)] ?? 0), 0);
    return { total: sum(0), negative: sum(SURVEY_KINDS.length) };
  }
  const [cell] = await sumDayCells(deps, v, q.range, false);
  const sum = (index: (k: SurveyKind) => number) => kinds.reduce((n, k) => n + (cell?.counts[index(k)] ?? 0), 0);
  return { total: sum(at.comments), negative: sum(at.negative) };
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
    return agentTotals(deps, q);
  } else if (isKept(cubeOf(v, CUBE[key]), GRAIN.month)) {
    return spanTotals(deps, v, q.range, key);
  } else {
    cells = await sumRollups(deps.db, {
      cube: cubeOf(v, CUBE[key]),
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
 * Counts over a range split by team or channel, from a cube kept per year and month as well as per
 * day (SPLIT_CUBES): the fewest year, month and day cells that add up to the range.
 */
async function spanTotals(deps: CountDeps, v: Visible, r: DayRange, key: 'team' | 'channel'): Promise<Map<string, Counts>> {
  const spans = coverRange(r, { weeks: false, months: true, years: true, day: 1 }).map((p) => ({ ...p, grain: GRAIN[p.grain], bucket: 0 }));
  const rows = await sumSpans(
    deps.db,
    { cube: cubeOf(v, CUBE[key]), key: COLUMN[key], channel: v.channel ?? (key === 'channel' ? null : ''), tag: v.tag ?? '', teamIds: v.teamIds, agentIds: null, spans },
    'counts',
  );
  return withoutZeros(new Map(rows.map((row) => [String(row[0]), row.slice(2).map((n) => Number(n ?? 0))])));
}

/**
 * Drops keys whose signed sums are all zero: a year minus its months outside the range can leave a
 * team or agent with no answers in the range, which a sum of days would not have listed.
 */
function withoutZeros(sums: Map<string, Counts>): Map<string, Counts> {
  for (const [key, c] of sums) if (c.every((n) => n === 0)) sums.delete(key);
  return sums;
}

/**
 * What a day read from the raw rows (agent cells split by channel or tag are not kept per day)
 * costs against one span of year, month or week cells, measured at 1,000,000 answers: with a channel
 * filter about two spans (its answers are read from a covering index); with a tag about five (each
 * answer's interaction is looked up for its tags, and a tag's cells are sparse).
 */
const RAW_DAY_COST = { channel: 2, tag: 5 };

/**
 * Sums of agent cells over ranges of days. Each range is the cheapest signed sum of year, month,
 * week and day cells that covers it exactly (src/domain/cover.ts), summed by SQLite; days the cells do not
 * keep come from the raw rows.
 */
function agentReader(deps: CountDeps, v: Visible, emptyBefore: number | null = null) {
  const base = { cube: cubeOf(v, CUBE.agent | CUBE.team), key: 'agent_id' as const, channel: v.channel ?? '', tag: v.tag ?? '', teamIds: v.teamIds };
  // Without a channel or tag filter the days have their own cells; otherwise they come from raw rows.
  const dayCells = base.cube === AGENT_DAY_CUBE;
  return {
    cover: (r: DayRange, bucket: number) =>
      coverRange(r, { weeks: true, months: true, years: true, day: dayCells ? 1 : v.tag !== null ? RAW_DAY_COST.tag : RAW_DAY_COST.channel }, emptyBefore).map((p) => ({ ...p, grain: GRAIN[p.grain], bucket, raw: p.grain === 'day' && !dayCells })),
    read: (pieces: Array<CellSpan & { raw: boolean }>, sums: 'counts' | 'comments' | SurveyKind, only: readonly string[] | null = null) => {
      // An agent filter (or an agent's own scope) narrows the cells as it narrows the raw rows.
      const agentIds = v.agentId === null ? only : (only ?? [v.agentId]).filter((id) => id === v.agentId);
      const raw = pieces.filter((p) => p.raw).map((p) => ({ ...rangeMs(p, deps.config.timeZone), sign: p.sign, bucket: p.bucket }));
      return Promise.all([
        sumSpans(deps.db, { ...base, agentIds, spans: pieces.filter((p) => !p.raw) }, sums),
        // Signed sums per agent (key) and bucket (period).
        sumResponsePieces(deps.db, { ...v, agentIds, pieces: raw }),
      ]);
    },
  };
}

/** Counts per agent over the range (delivered surveys are not kept per agent). */
export async function agentTotals(deps: CountDeps, q: CountQuery): Promise<Map<string, Counts>> {
  const v = visibleOf(q.scope, q.filter);
  const totals = new Map<string, Counts>();
  if (!v) return totals;
  // Agent cells count answers only, and none come before the first one ("all time" starts there).
  const first = await firstAnswerAt(deps.db);
  const reader = agentReader(deps, v, first === null ? null : dayNumber(first, deps.config.timeZone));
  const [rows, raw] = await reader.read(reader.cover(q.range, 0), 'counts');
  const into = (agent: string) => {
    let c = totals.get(agent);
    if (!c) totals.set(agent, (c = emptyCounts()));
    return c;
  };
  // Rows are added in place, without a copy per cell.
  for (const row of rows) {
    const c = into(String(row[0]));
    for (let i = 0; i < c.length; i++) c[i]! += Number(row[i + 2] ?? 0);
  }
  for (const cell of raw) addCounts(into(cell.key), cell.counts);
  return withoutZeros(totals);
}

/**
 * A weekly or monthly trend of one kind's score for some agents (null: all), keyed by week or
 * month index. Only the kind's parts are summed: every column of every bucket measured twice the
 * time of the totals alone.
 */
export async function agentTrend(
  deps: CountDeps,
  q: CountQuery,
  opts: { bucket: 'week' | 'month'; kind: SurveyKind; agentIds: readonly string[] | null },
): Promise<Map<string, Map<number, ScoreParts>>> {
  const v = visibleOf(q.scope, q.filter);
  const trend = new Map<string, Map<number, ScoreParts>>();
  if (!v || opts.agentIds?.length === 0) return trend;
  const reader = agentReader(deps, v);
  const bucketOf = opts.bucket === 'week' ? weekOf : monthOf;
  const [rows, raw] = await reader.read(
    bucketsOf(q.range, opts.bucket).flatMap((b) => reader.cover(b, bucketOf(b.from))),
    opts.kind,
    opts.agentIds,
  );
  const add = (agent: string, bucket: number, sign: number, n: number, good: number, bad: number) => {
    let perAgent = trend.get(agent);
    if (!perAgent) trend.set(agent, (perAgent = new Map()));
    const into = perAgent.get(bucket);
    if (into) {
      into.n += sign * n;
      into.good += sign * good;
      into.bad += sign * bad;
    } else perAgent.set(bucket, { n: sign * n, good: sign * good, bad: sign * bad });
  };
  for (const r of rows) add(String(r[0]), Number(r[1]), 1, Number(r[2] ?? 0), Number(r[3] ?? 0), Number(r[4] ?? 0));
  // Parts add up, so a bucket's signed raw sums give its parts too.
  for (const cell of raw) {
    const parts = partsOf(opts.kind, histogram(cell.counts, opts.kind));
    add(cell.key, cell.period, 1, parts.n, parts.good, parts.bad);
  }
  return trend;
}
