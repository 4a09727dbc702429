// The rollup cells a batch of imported answers adds, summed in memory. A batch of thousands of
// rows touches a few hundred cells; one upsert per cell costs far less than letting SQL spread
// each row over sixteen cubes (the measured difference is most of a 1,000,000-row import).
// The arithmetic mirrors src/db/queries/rollupStatements.ts exactly; the tests compare both.
import { BoundedCache } from '../../db/cache';
import type { RawWrite } from '../../deps';
import { AGENT_CUBES, AGENT_DAY_CUBE, at, COUNT_COLUMNS, CUBE, DAY_CUBES, emptyCounts, GRAIN, type Counts } from '../../db/queries/cells';
import { anytimeSpans } from '../../db/queries/localDay';
import { DAY_MS, type OffsetSpan } from '../../domain/timeZone';
import type { SurveyKind } from '../../domain/surveys';

export interface CountedAnswer {
  at: number;
  teamId: string | null;
  agentId: string;
  channel: string;
  tags: readonly string[];
  survey: SurveyKind;
  score: number;
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

const SEP = '\u001f';
const PLAIN = CUBE.team | CUBE.channel;
const AGENT = CUBE.agent | CUBE.team | CUBE.channel;
// The cubes each finest cube is summed into (itself included): the day cubes without an agent,
// the week and month cubes with one; tag cubes only from tag cubes.
const DERIVED_FROM: Record<number, readonly number[]> = {
  [PLAIN]: DAY_CUBES.filter((c) => !(c & CUBE.tag)),
  [PLAIN | CUBE.tag]: DAY_CUBES.filter((c) => c & CUBE.tag),
  [AGENT]: AGENT_CUBES.filter((c) => !(c & CUBE.tag)),
  [AGENT | CUBE.tag]: AGENT_CUBES.filter((c) => c & CUBE.tag),
};
// Per day, agents are kept only without channel and tag (src/db/queries/cells.ts).
const derivedOf = (c: Cell): readonly number[] => (c.grain === GRAIN.day && c.cube & CUBE.agent ? [AGENT_DAY_CUBE] : DERIVED_FROM[c.cube]!);

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

  private bump(cube: number, grain: number, period: number, a: CountedAnswer, team: string, tag: string, index: number) {
    const channel = cube & CUBE.channel ? a.channel : '';
    const teamId = cube & CUBE.team ? team : '';
    const agentId = cube & CUBE.agent ? a.agentId : '';
    const t = cube & CUBE.tag ? tag : '';
    const key = cube + SEP + grain + SEP + period + SEP + channel + SEP + t + SEP + teamId + SEP + agentId;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { cube, grain, channel, tag: t, period, teamId, agentId, counts: emptyCounts() }));
    cell.counts[index]!++;
  }

  /** Counts the answer in the finest cells; the coarser cubes are summed from them when written. */
  add(a: CountedAnswer): void {
    const day = this.dayOf(a.at);
    const week = Math.trunc((day + 3) / 7);
    const month = this.monthOf(day);
    const team = a.teamId ?? '';
    const index = at.score(a.survey, a.score);
    this.bump(PLAIN, GRAIN.day, day, a, team, '', index);
    this.bump(AGENT, GRAIN.week, week, a, team, '', index);
    this.bump(AGENT, GRAIN.month, month, a, team, '', index);
    this.bump(AGENT, GRAIN.day, day, a, team, '', index);
    if (a.tags.length === 0) return;
    for (const tag of new Set(a.tags)) {
      this.bump(PLAIN | CUBE.tag, GRAIN.day, day, a, team, tag, index);
      this.bump(AGENT | CUBE.tag, GRAIN.week, week, a, team, tag, index);
      this.bump(AGENT | CUBE.tag, GRAIN.month, month, a, team, tag, index);
    }
  }

  /** Every cube's cells, each coarser cube dropping dimensions of a finest one. */
  private allCells(): Cell[] {
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
    return [...out.values()];
  }

  get size(): number {
    return this.cells.size;
  }

  /** Upserts adding the summed cells, each statement under the parameter limit; the sums start over. */
  statements(maxParams: number): RawWrite[] {
    const cells = this.allCells();
    this.cells = new Map();
    const size = Math.max(1, Math.floor(maxParams / ROW_WIDTH));
    const out: RawWrite[] = [];
    for (let i = 0; i < cells.length; i += size) {
      const part = cells.slice(i, i + size);
      const params: unknown[] = [];
      for (const c of part) params.push(c.cube, c.grain, c.channel, c.tag, c.period, c.teamId, c.agentId, ...c.counts);
      out.push({ sql: upsertSql(part.length), params });
    }
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
