// Rollup cell changes summed in memory, then written as one upsert per cell. Two writers use it:
// - imports of files: a batch of thousands of rows touches a few hundred cells, and one upsert per
//   cell costs far less than letting SQL spread each row over the cubes (the measured difference
//   is most of a 1,000,000-row import);
// - the SQLite group commit (./rollupStage.ts): the answers and deliveries of one batch of requests
//   share their day, team and agent cells, so each cell is written once per batch.
// The arithmetic mirrors src/db/queries/rollupStatements.ts exactly; the tests compare both.
import { BoundedCache } from './cache';
import type { RawWrite } from '../deps';
import { AGENT_CUBES, at, COUNT_COLUMNS, CUBE, DAY_CUBES, emptyCounts, GRAIN, isKept, type Counts } from './queries/cells';
import { anytimeSpans } from './queries/localDay';
import { DAY_MS, type OffsetSpan } from '../domain/timeZone';
import type { SurveyKind } from '../domain/surveys';

export interface CountedAnswer {
  at: number;
  teamId: string | null;
  agentId: string;
  channel: string;
  tags: readonly string[];
  survey: SurveyKind;
  score: number;
  /** Counts toward the response rate (answered a survey Heard sent; imports do not). */
  direct?: boolean;
  /** The comment's sentiment once analysed (null or missing: no comment, or not analysed yet). */
  sentiment?: string | null;
}

/**
 * What a rollup statement of one request's write changes, for the SQLite group commit to count in
 * memory instead of running the statement: take away (sign -1) or count (1) the request's answer
 * as stored at that point of the write, or count its delivery if it was sent with this message id.
 */
export type CellChange =
  | { request: string; timeZone: string; answer: 1 | -1 }
  | { request: string; timeZone: string; deliveredAs: string };

/** A delivered survey, counted in the day cubes only (response rates have no agent dimension). */
export interface CountedDelivery {
  at: number;
  teamId: string | null;
  channel: string;
  tags: readonly string[];
  survey: SurveyKind;
}

/** One counted row's dimensions as interned numbers (see Keys), with the tuples made so far. */
interface Dims {
  team: number;
  agentId: number;
  channel: number;
  /** Tuple number per kept-dimensions mask, -1 until needed. */
  tuples: number[];
}

const NONE: readonly number[] = [];
const PLAIN = CUBE.team | CUBE.channel;
const AGENT = CUBE.agent | CUBE.team | CUBE.channel;
// The cubes each finest cube is summed into (itself included): the cubes without an agent, or
// those with one; tag cubes only from tag cubes.
const DERIVED_FROM: Record<number, readonly number[]> = {
  [PLAIN]: DAY_CUBES.filter((c) => !(c & CUBE.tag)),
  [PLAIN | CUBE.tag]: DAY_CUBES.filter((c) => c & CUBE.tag),
  [AGENT]: AGENT_CUBES.filter((c) => !(c & CUBE.tag)),
  [AGENT | CUBE.tag]: AGENT_CUBES.filter((c) => c & CUBE.tag),
};
const GRAINS = Object.values(GRAIN);
// Only the cubes kept at the cell's grain (src/db/queries/cells.ts: CUBE_GRAINS), e.g. agents per
// day without channel and tag only. The finest cubes are counted at every grain any of theirs keeps.
const DERIVED = new Map<number, readonly number[]>();
// A finest cell keeps only the dimensions some cube summed from it keeps at its grain: the agents'
// day cell drops the channel, so an import batch sums one cell per agent and day, not per answer.
const KEPT_DIMS = new Map<number, number>();
for (const [cube, into] of Object.entries(DERIVED_FROM)) {
  for (const grain of GRAINS) {
    const kept = into.filter((c) => isKept(c, grain));
    DERIVED.set(Number(cube) * 1000 + grain, kept);
    KEPT_DIMS.set(Number(cube) * 1000 + grain, kept.reduce((m, c) => m | c, 0));
  }
}

/**
 * Cells are keyed by numbers, not strings: summing 17 cells per answer by joined text keys was a
 * tenth of a large import's CPU time. Each distinct team, agent, channel and tag gets a small
 * number ('' is 0), each combination of them a tuple number, and a cell is its tuple, (cube,
 * grain) and period packed into one number. The numbers live as long as the sums.
 */
class Keys {
  private readonly names = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  private readonly values: string[][] = [[''], [''], [''], ['']];
  private readonly pairIds = new Map<number, number>();
  private readonly tupleIds = new Map<number, number>();
  /** Per tuple: team, agent, channel and tag numbers. */
  readonly tuples: number[] = [];

  constructor() {
    for (const m of this.names) m.set('', 0);
  }

  /** The number of `value` of dimension `d` (0 team, 1 agent, 2 channel, 3 tag). */
  name(d: number, value: string): number {
    const m = this.names[d]!;
    let n = m.get(value);
    if (n === undefined) {
      n = this.values[d]!.push(value) - 1;
      if (n >= LIMITS[d]!) throw new RangeError('too many distinct rollup dimensions in one sum');
      m.set(value, n);
    }
    return n;
  }

  value(d: number, n: number): string {
    return this.values[d]![n]!;
  }

  tuple(team: number, agent: number, channel: number, tag: number): number {
    const pairKey = team * 2 ** 26 + agent;
    let pair = this.pairIds.get(pairKey);
    if (pair === undefined) this.pairIds.set(pairKey, (pair = this.pairIds.size));
    const key = (pair * 2 ** 6 + channel) * 2 ** 20 + tag;
    let id = this.tupleIds.get(key);
    if (id === undefined) {
      id = this.tuples.length / 4;
      this.tuples.push(team, agent, channel, tag);
      this.tupleIds.set(key, id);
    }
    return id;
  }

  /** The tuple keeping only the dimensions of `mask` (CUBE bits) of tuple `id`. */
  project(id: number, mask: number): number {
    const t = this.tuples;
    const i = id * 4;
    return this.tuple(mask & CUBE.team ? t[i]! : 0, mask & CUBE.agent ? t[i + 1]! : 0, mask & CUBE.channel ? t[i + 2]! : 0, mask & CUBE.tag ? t[i + 3]! : 0);
  }
}
// Bounds of the packed keys (team, agent, channel and tag numbers; tuples): far beyond one sum's rows.
const LIMITS = [2 ** 26, 2 ** 26, 2 ** 6, 2 ** 20];
const MAX_TUPLES = 2 ** 23;
const GRAIN_INDEX: Record<number, number> = { [GRAIN.day]: 0, [GRAIN.week]: 1, [GRAIN.month]: 2, [GRAIN.year]: 3 };

/**
 * Cells by (tuple * 64 + cube * 4 + grain index), then by period: both keys small integers. One
 * number packing all four was past 2^31, and V8 made a heap object of every such key it looked
 * up, up to eleven per answer, for the garbage collector.
 */
class CellMap {
  private readonly byTuple = new Map<number, Map<number, Sum>>();
  size = 0;

  /** The cell, made empty if new. */
  get(tuple: number, cube: number, grain: number, period: number): Sum {
    if (tuple >= MAX_TUPLES) throw new RangeError('rollup cell key out of range');
    const outer = tuple * 64 + cube * 4 + GRAIN_INDEX[grain]!;
    let byPeriod = this.byTuple.get(outer);
    if (!byPeriod) this.byTuple.set(outer, (byPeriod = new Map()));
    let cell = byPeriod.get(period);
    if (!cell) {
      byPeriod.set(period, (cell = { tuple, cube, grain, period, counts: emptyCounts() }));
      this.size++;
    }
    return cell;
  }

  *values(): Iterable<Sum> {
    for (const byPeriod of this.byTuple.values()) yield* byPeriod.values();
  }
}

/** A cell being summed: its tuple of dimensions (Keys), cube, grain and period. */
interface Sum {
  tuple: number;
  cube: number;
  grain: number;
  period: number;
  counts: Counts;
}

function offsetOf(spans: readonly OffsetSpan[], ms: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.from <= ms) lo = mid;
    else hi = mid - 1;
  }
  return spans[lo]!.offset;
}

export class RollupDeltas {
  private readonly spans: readonly OffsetSpan[];
  private readonly months = new Map<number, number>();
  private keys = new Keys();
  private cells = new CellMap();
  /** Each combination of team, agent and channel numbers (by its tuple) with its tuples found so far. */
  private known = new Map<number, Dims>();

  constructor(timeZone: string) {
    this.spans = anytimeSpans(timeZone);
  }

  /** SQLite's integer division truncates toward zero; so does this. */
  private dayOf(ms: number): number {
    return Math.trunc((ms + offsetOf(this.spans, ms)) / DAY_MS);
  }

  private monthOf(day: number): number {
    let m = this.months.get(day);
    if (m === undefined) {
      const d = new Date(day * DAY_MS);
      m = d.getUTCFullYear() * 12 + d.getUTCMonth();
      this.months.set(day, m);
    }
    return m;
  }

  private dims(team: string, agentId: string, channel: string): Dims {
    const k = this.keys;
    const t = k.name(0, team);
    const a = k.name(1, agentId);
    const c = k.name(2, channel);
    // One Dims per combination, so its tuples are found once, not for every answer.
    const id = k.tuple(t, a, c, 0);
    let dims = this.known.get(id);
    if (!dims) this.known.set(id, (dims = { team: t, agentId: a, channel: c, tuples: [-1, -1, -1, -1, -1, -1, -1, -1] }));
    return dims;
  }

  /** Adds `sign` at `index` and at each of `also` of one cell. */
  private bump(cube: number, grain: number, period: number, dims: Dims, tag: string, index: number, also: readonly number[], sign: number) {
    const mask = KEPT_DIMS.get(cube * 1000 + grain)!;
    let tuple: number;
    if (mask & CUBE.tag) {
      const k = this.keys;
      tuple = k.tuple(mask & CUBE.team ? dims.team : 0, mask & CUBE.agent ? dims.agentId : 0, mask & CUBE.channel ? dims.channel : 0, k.name(3, tag));
    } else {
      tuple = dims.tuples[mask]!;
      if (tuple < 0) dims.tuples[mask] = tuple = this.keys.tuple(mask & CUBE.team ? dims.team : 0, mask & CUBE.agent ? dims.agentId : 0, mask & CUBE.channel ? dims.channel : 0, 0);
    }
    const cell = this.cells.get(tuple, cube, grain, period);
    cell.counts[index]! += sign;
    for (const i of also) cell.counts[i]! += sign;
  }

  /**
   * Counts the answer (sign 1) or takes it away (-1) in the finest cells; the coarser cubes are
   * summed from them when written.
   */
  add(a: CountedAnswer, sign: 1 | -1 = 1): void {
    const day = this.dayOf(a.at);
    const week = Math.trunc((day + 3) / 7);
    const month = this.monthOf(day);
    const year = Math.floor(month / 12);
    const dims = this.dims(a.teamId ?? '', a.agentId, a.channel);
    const index = at.score(a.survey, a.score);
    const also: number[] = [];
    if (a.direct) also.push(at.direct(a.survey));
    if (a.sentiment) also.push(at.comments(a.survey));
    if (a.sentiment === 'negative') also.push(at.negative(a.survey));
    this.bump(PLAIN, GRAIN.day, day, dims, '', index, also, sign);
    this.bump(PLAIN, GRAIN.month, month, dims, '', index, also, sign);
    this.bump(PLAIN, GRAIN.year, year, dims, '', index, also, sign);
    this.bump(AGENT, GRAIN.week, week, dims, '', index, also, sign);
    this.bump(AGENT, GRAIN.month, month, dims, '', index, also, sign);
    this.bump(AGENT, GRAIN.year, year, dims, '', index, also, sign);
    this.bump(AGENT, GRAIN.day, day, dims, '', index, also, sign);
    if (a.tags.length === 0) return;
    for (const tag of new Set(a.tags)) {
      this.bump(PLAIN | CUBE.tag, GRAIN.day, day, dims, tag, index, also, sign);
      this.bump(AGENT | CUBE.tag, GRAIN.week, week, dims, tag, index, also, sign);
      this.bump(AGENT | CUBE.tag, GRAIN.month, month, dims, tag, index, also, sign);
      this.bump(AGENT | CUBE.tag, GRAIN.year, year, dims, tag, index, also, sign);
    }
  }

  /** Counts a delivered survey on the day it was sent. */
  addDelivery(d: CountedDelivery): void {
    const day = this.dayOf(d.at);
    const dims = this.dims(d.teamId ?? '', '', d.channel);
    const index = at.sent(d.survey);
    const month = this.monthOf(day);
    this.bump(PLAIN, GRAIN.day, day, dims, '', index, NONE, 1);
    this.bump(PLAIN, GRAIN.month, month, dims, '', index, NONE, 1);
    this.bump(PLAIN, GRAIN.year, Math.floor(month / 12), dims, '', index, NONE, 1);
    for (const tag of new Set(d.tags)) this.bump(PLAIN | CUBE.tag, GRAIN.day, day, dims, tag, index, NONE, 1);
  }

  /** Every cube's cells, each coarser cube dropping dimensions of a finest one; the sums start over. */
  private take(): { cells: Iterable<Sum>; keys: Keys } {
    const k = this.keys;
    const out = new CellMap();
    for (const c of this.cells.values()) {
      for (const cube of DERIVED.get(c.cube * 1000 + c.grain)!) {
        const cell = out.get(k.project(c.tuple, cube), cube, c.grain, c.period);
        for (let i = 0; i < c.counts.length; i++) cell.counts[i]! += c.counts[i]!;
      }
    }
    this.reset();
    return { cells: out.values(), keys: k };
  }

  /** The sums start over. */
  private reset(): void {
    this.cells = new CellMap();
    this.keys = new Keys();
    this.known = new Map();
  }

  get size(): number {
    return this.cells.size;
  }

  /**
   * The summed cells as upsert rows (key columns, then counts), and the sums start over. A cell
   * whose changes cancel out (an answer taken away and counted again alike) is left alone.
   */
  takeRows(): unknown[][] {
    const { cells, keys } = this.take();
    const rows: unknown[][] = [];
    for (const c of cells) {
      if (isZero(c.counts)) continue;
      const row: unknown[] = [];
      pushKey(row, keys, c);
      for (const v of c.counts) row.push(v);
      rows.push(row);
    }
    return rows;
  }

  /** Upserts adding the summed cells, each statement under the parameter limit; the sums start over. */
  statements(maxParams: number): RawWrite[] {
    const { cells, keys } = this.take();
    const size = Math.max(1, Math.floor(maxParams / ROW_WIDTH));
    const out: RawWrite[] = [];
    // Each statement's values go straight into one flat array: a batch of an import has thousands
    // of cells, and an array per cell flattened afterwards was a tenth of the import's CPU time.
    let params: unknown[] = [];
    let n = 0;
    for (const c of cells) {
      if (isZero(c.counts)) continue;
      pushKey(params, keys, c);
      for (const v of c.counts) params.push(v);
      if (++n === size) {
        out.push({ sql: upsertSql(n), params });
        params = [];
        n = 0;
      }
    }
    if (n > 0) out.push({ sql: upsertSql(n), params });
    return out;
  }
}

function isZero(counts: Counts): boolean {
  for (const v of counts) if (v !== 0) return false;
  return true;
}

/** A cell's key columns, in KEY_COLUMNS order. */
function pushKey(into: unknown[], k: Keys, c: Sum): void {
  const t = k.tuples;
  const i = c.tuple * 4;
  into.push(c.cube, c.grain, k.value(2, t[i + 2]!), k.value(3, t[i + 3]!), c.period, k.value(0, t[i]!), k.value(1, t[i + 1]!));
}

const KEY_COLUMNS = ['cube', 'grain', 'channel', 'tag', 'period', 'team_id', 'agent_id'];
const ROW_WIDTH = KEY_COLUMNS.length + COUNT_COLUMNS.length;
/** The upsert of `n` cells (exported for bench/caches.ts). */
export function upsertText(n: number): string {
  const row = `(${Array.from({ length: ROW_WIDTH }, () => '?').join(', ')})`;
  return (
    `INSERT INTO response_rollups (${[...KEY_COLUMNS, ...COUNT_COLUMNS].join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')} ` +
    `ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET ${COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
  );
}
// Full chunks share one text; only the last chunk of a batch has another row count. Building the
// 888-cell text takes about 90 µs, 150 times a hit (bench/caches.ts, same run).
const upsertTexts = new BoundedCache<number, string>(16);
const upsertSql = (n: number): string => upsertTexts.getOrMake(n, upsertText);
