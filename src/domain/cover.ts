// A range of local days as a signed sum of whole years, months, weeks and stretches of days: the
// fewest rollup cells that add up to exactly that range. Counts add and subtract exactly, so a
// range that covers most of a month is that month minus the few days it leaves out, and twelve
// months ending in December are last December plus this year minus the rest of this December. Pure.
import { monthIndexStart, monthOf, weekOf, weekStart, type DayRange } from './period';

const yearOf = (day: number): number => Math.floor(monthOf(day) / 12);
const yearStart = (year: number): number => monthIndexStart(year * 12);

/** `from`/`to` are years, month indexes, week indexes or day numbers (inclusive), by grain. */
export interface Piece {
  grain: 'year' | 'month' | 'week' | 'day';
  from: number;
  to: number;
  sign: 1 | -1;
}

export interface CoverCosts {
  /** Which cells besides days may be used. */
  weeks: boolean;
  months: boolean;
  years: boolean;
  /** What reading one day costs against one month or week cell (more when days come from raw rows). */
  day: number;
}

interface Cover {
  pieces: Piece[];
  cost: number;
}

const NONE: Cover = { pieces: [], cost: 0 };
const flip = (c: Cover): Cover => ({ pieces: c.pieces.map((p) => ({ ...p, sign: -p.sign as 1 | -1 })), cost: c.cost });
const join = (...cs: Cover[]): Cover => ({ pieces: cs.flatMap((c) => c.pieces), cost: cs.reduce((n, c) => n + c.cost, 0) });
const cheapest = (cs: Cover[]): Cover => cs.reduce((a, b) => (b.cost < a.cost ? b : a));

function days(from: number, to: number, costs: CoverCosts): Cover {
  return from > to ? NONE : { pieces: [{ grain: 'day', from, to, sign: 1 }], cost: (to - from + 1) * costs.day };
}

/**
 * Whole units (weeks or months) from the unit holding `from` to the one holding `to`, each edge
 * either kept whole with its outside part subtracted, or dropped with its inside part added.
 */
function byUnits(
  r: DayRange,
  unit: { of: (day: number) => number; start: (index: number) => number; grain: 'week' | 'month' | 'year' },
  inner: (from: number, to: number) => Cover,
): Cover[] {
  const first = unit.of(r.from);
  const last = unit.of(r.to);
  const out: Cover[] = [];
  for (const headIn of [true, false]) {
    for (const tailIn of [true, false]) {
      const a = headIn ? first : first + 1;
      const b = tailIn ? last : last - 1;
      if (a > b) continue;
      const head = headIn ? flip(inner(unit.start(first), r.from - 1)) : inner(r.from, unit.start(first + 1) - 1);
      const tail = tailIn ? flip(inner(r.to + 1, unit.start(last + 1) - 1)) : inner(unit.start(last), r.to);
      out.push(join(head, { pieces: [{ grain: unit.grain, from: a, to: b, sign: 1 }], cost: b - a + 1 }, tail));
    }
  }
  return out;
}

function weeksCover(from: number, to: number, costs: CoverCosts): Cover {
  if (from > to) return NONE;
  const inner = (a: number, b: number) => days(a, b, costs);
  if (!costs.weeks) return inner(from, to);
  return cheapest([inner(from, to), ...byUnits({ from, to }, { of: weekOf, start: weekStart, grain: 'week' }, inner)]);
}

// Below these lengths a longer unit is not tried: the part of it outside the range would be longer
// than the range, so it seldom reads fewer cells, and a trend covers each of its buckets (trying
// every unit for every bucket cost more than the query).
const MONTHS_FROM = 14;
const YEARS_FROM = 180;

function monthsCover(from: number, to: number, costs: CoverCosts): Cover {
  if (from > to) return NONE;
  const inner = (a: number, b: number) => weeksCover(a, b, costs);
  if (!costs.months || to - from + 1 < MONTHS_FROM) return inner(from, to);
  return cheapest([inner(from, to), ...byUnits({ from, to }, { of: monthOf, start: monthIndexStart, grain: 'month' }, inner)]);
}

function bestCover(r: DayRange, costs: CoverCosts): Cover {
  const inner = (a: number, b: number) => monthsCover(a, b, costs);
  const options = [inner(r.from, r.to)];
  if (costs.years && r.to - r.from + 1 >= YEARS_FROM) options.push(...byUnits(r, { of: yearOf, start: yearStart, grain: 'year' }, inner));
  return cheapest(options);
}

/**
 * The cheapest signed cover of a range. When nothing was counted before day `emptyBefore` and the
 * range starts no later, it may start earlier for free: "all time" from the first answer reads
 * whole years from the first one's January.
 */
export function coverRange(r: DayRange, costs: CoverCosts, emptyBefore: number | null = null): Piece[] {
  const starts = [r.from];
  if (emptyBefore !== null && r.from <= emptyBefore) starts.push(monthIndexStart(monthOf(r.from)), yearStart(yearOf(r.from)));
  return cheapest(starts.map((from) => bestCover({ from, to: r.to }, costs))).pieces;
}

/** The local days a piece stands for. */
export function pieceDays(p: Piece): DayRange {
  if (p.grain === 'day') return { from: p.from, to: p.to };
  if (p.grain === 'week') return { from: weekStart(p.from), to: weekStart(p.to) + 6 };
  if (p.grain === 'year') return { from: yearStart(p.from), to: yearStart(p.to + 1) - 1 };
  return { from: monthIndexStart(p.from), to: monthIndexStart(p.to + 1) - 1 };
}
