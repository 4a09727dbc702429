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

interface Cell {
  cube: number;
  grain: number;
  channel: string;
  tag: string;
  period: number;
  teamId: string;
  agentId: string;
  counts: Counts;
}

interface Dims {
  team: string;
  agentId: string;
  channel: string;
}

const SEP = '\u001f';
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
// Only the cubes kept at the cell's grain (src/db/queries/cells.ts: CUBE_GRAINS), e.g. agents per
// day without channel and tag only. The finest cubes are counted at every grain any of theirs keeps.
const derivedOf = (c: Cell): readonly number[] => DERIVED_FROM[c.cube]!.filter((cube) => isKept(cube, c.grain));

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
  private cells = new Map<string, Cell>();

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

  /** Adds `sign` at `index` and at each of `also` of one cell. */
  private bump(cube: number, grain: number, period: number, dims: Dims, tag: string, index: number, also: readonly number[], sign: number) {
    const channel = cube & CUBE.channel ? dims.channel : '';
    const teamId = cube & CUBE.team ? dims.team : '';
    const agentId = cube & CUBE.agent ? dims.agentId : '';
    const t = cube & CUBE.tag ? tag : '';
    const key = cube + SEP + grain + SEP + period + SEP + channel + SEP + t + SEP + teamId + SEP + agentId;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { cube, grain, channel, tag: t, period, teamId, agentId, counts: emptyCounts() }));
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
    const dims = { team: a.teamId ?? '', agentId: a.agentId, channel: a.channel };
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
    const dims = { team: d.teamId ?? '', agentId: '', channel: d.channel };
    const index = at.sent(d.survey);
    const month = this.monthOf(day);
    this.bump(PLAIN, GRAIN.day, day, dims, '', index, NONE, 1);
    this.bump(PLAIN, GRAIN.month, month, dims, '', index, NONE, 1);
    this.bump(PLAIN, GRAIN.year, Math.floor(month / 12), dims, '', index, NONE, 1);
    for (const tag of new Set(d.tags)) this.bump(PLAIN | CUBE.tag, GRAIN.day, day, dims, tag, index, NONE, 1);
  }

  /** Every cube's cells, each coarser cube dropping dimensions of a finest one. */
  private allCells(): Iterable<Cell> {
    const out = new Map<string, Cell>();
    for (const c of this.cells.values()) {
      for (const cube of derivedOf(c)) {
        const channel = cube & CUBE.channel ? c.channel : '';
        const teamId = cube & CUBE.team ? c.teamId : '';
        const agentId = cube & CUBE.agent ? c.agentId : '';
        const key = cube + SEP + c.grain + SEP + c.period + SEP + channel + SEP + c.tag + SEP + teamId + SEP + agentId;
        const cell = out.get(key);
        if (cell) for (let i = 0; i < cell.counts.length; i++) cell.counts[i]! += c.counts[i]!;
        else out.set(key, { ...c, cube, channel, teamId, agentId, counts: [...c.counts] });
      }
    }
    return out.values();
  }

  get size(): number {
    return this.cells.size;
  }

  /**
   * The summed cells as upsert rows (key columns, then counts), and the sums start over. A cell
   * whose changes cancel out (an answer taken away and counted again alike) is left alone.
   */
  takeRows(): unknown[][] {
    const cells = this.allCells();
    this.cells = new Map();
    const rows: unknown[][] = [];
    for (const c of cells) if (c.counts.some((n) => n !== 0)) rows.push([c.cube, c.grain, c.channel, c.tag, c.period, c.teamId, c.agentId, ...c.counts]);
    return rows;
  }

  /** Upserts adding the summed cells, each statement under the parameter limit; the sums start over. */
  statements(maxParams: number): RawWrite[] {
    const cells = this.allCells();
    this.cells = new Map();
    const size = Math.max(1, Math.floor(maxParams / ROW_WIDTH));
    const out: RawWrite[] = [];
    // Each statement's values go straight into one flat array: a batch of an import has thousands
    // of cells, and an array per cell flattened afterwards was a tenth of the import's CPU time.
    let params: unknown[] = [];
    let n = 0;
    for (const c of cells) {
      if (!c.counts.some((v) => v !== 0)) continue;
      params.push(c.cube, c.grain, c.channel, c.tag, c.period, c.teamId, c.agentId);
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
