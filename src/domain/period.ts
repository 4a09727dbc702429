// Date ranges for the dashboards. Everything counts in local days: integer "day numbers", the
// number of days from 1970-01-01 to a calendar date in the reporting time zone, so the same
// arithmetic works in SQL (rollups are keyed by day number) and here. Pure: `now` and the time
// zone are always passed in; Intl (a language built-in) supplies the zone's offsets. How ranges
// and buckets read on a page is in periodLabels.ts.
import { err, ok, type Result } from './result';
import { DAY_MS, dayNumber, dayStartMs } from './timeZone';

/** Inclusive range of local days. */
export interface DayRange {
  from: number;
  to: number;
}

export const PRESETS = ['today', '7d', '30d', '90d', '12m', 'month', 'last-month', 'quarter', 'year', 'all'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = '30d';

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

// ---- calendar dates <-> day numbers (no time zone involved) ----

/** 'YYYY-MM-DD' as a day number, or null when it is not a real date. */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar parts of a day number. */
export function ymd(day: number): { year: number; month: number; date: number; weekday: number } {
  const d = new Date(day * DAY_MS);
  // getUTCDay: 0 = Sunday; ISO weekday: 1 = Monday ... 7 = Sunday
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: d.getUTCDay() || 7 };
}

const dayOf = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / DAY_MS;

/** Monday-based week index; day 0 (1970-01-01) was a Thursday. The same formula keys week rollups in SQL. */
export const weekOf = (day: number): number => Math.floor((day + 3) / 7);
export const weekStart = (week: number): number => 7 * week - 3;

export const monthStart = (day: number): number => {
  const { year, month } = ymd(day);
  return dayOf(year, month, 1);
};
export const nextMonthStart = (day: number): number => {
  const { year, month } = ymd(day);
  return dayOf(year, month + 1, 1);
};

/** Month index of a day: year * 12 + month - 1. The same formula keys month rollups in SQL. */
export const monthOf = (day: number): number => {
  const { year, month } = ymd(day);
  return year * 12 + month - 1;
};
export const monthIndexStart = (index: number): number => dayOf(Math.floor(index / 12), (index % 12) + 1, 1);

export const lengthOf = (r: DayRange): number => r.to - r.from + 1;

/** Epoch milliseconds [start, end) covering a range of local days. */
export function rangeMs(r: DayRange, tz: string): { start: number; end: number } {
  return { start: dayStartMs(r.from, tz), end: dayStartMs(r.to + 1, tz) };
}

// ---- presets and ranges ----

export interface RangeInput {
  preset?: Preset | undefined;
  /** 'YYYY-MM-DD', local dates, both inclusive; used when both are given. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface ResolvedRange extends DayRange {
  /** The preset that produced it, or 'custom'. */
  preset: Preset | 'custom';
}

/** Longest custom range accepted, in days: a century, so imported history can be looked at whole. */
export const MAX_RANGE_DAYS = 36_525;

/** `firstDay`: the local day of the earliest answer, where 'all' starts (today when there is none). */
export function presetRange(preset: Preset, today: number, firstDay: number | null = null): DayRange {
  const { year, month } = ymd(today);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: today - 6, to: today };
    case '30d':
      return { from: today - 29, to: today };
    case '90d':
      return { from: today - 89, to: today };
    case '12m':
      // The same date a year ago, plus one day: twelve whole months ending today.
      return { from: dayOf(year - 1, month, ymd(today).date) + 1, to: today };
    case 'month':
      return { from: dayOf(year, month, 1), to: today };
    case 'last-month':
      return { from: dayOf(year, month - 1, 1), to: dayOf(year, month, 1) - 1 };
    case 'quarter':
      return { from: dayOf(year, month - ((month - 1) % 3), 1), to: today };
    case 'year':
      return { from: dayOf(year, 1, 1), to: today };
    case 'all':
      return { from: Math.min(firstDay ?? today, today), to: today };
  }
}

/**
 * A custom from/to wins over a preset; without either, the default preset. `firstMs` (the
 * earliest answer, if any) is where "all time" starts.
 */
export function resolveRange(input: RangeInput, now: number, tz: string, firstMs: number | null = null): Result<ResolvedRange, string> {
  const today = dayNumber(now, tz);
  if (input.from || input.to) {
    const from = input.from ? parseIsoDate(input.from) : null;
    const to = input.to ? parseIsoDate(input.to) : today;
    if (from === null) return err('from: must be a date like 2026-01-31');
    if (to === null) return err('to: must be a date like 2026-01-31');
    if (from > to) return err('from: must not be after to');
    if (to - from + 1 > MAX_RANGE_DAYS) return err(`to: a range may span at most ${MAX_RANGE_DAYS} days`);
    return ok({ from, to, preset: 'custom' });
  }
  const preset = input.preset ?? DEFAULT_PRESET;
  return ok({ ...presetRange(preset, today, firstMs === null ? null : dayNumber(firstMs, tz)), preset });
}

/** The range of equal length right before. */
export function previousRange(r: DayRange): DayRange {
  const len = lengthOf(r);
  return { from: r.from - len, to: r.from - 1 };
}

// ---- buckets ----

/** Days for short ranges, weeks up to half a year, months beyond. */
export function defaultBucket(r: DayRange): Bucket {
  const len = lengthOf(r);
  return len <= 31 ? 'day' : len <= 183 ? 'week' : 'month';
}

/** Answers a trend bucket should hold on average before a finer bucket is worth drawing. */
export const ANSWERS_PER_BUCKET = 5;

/**
 * The trend's bucket from the range and from how many answers it holds: the finest bucket the range
 * allows whose buckets hold ANSWERS_PER_BUCKET answers on average, else the coarsest that still
 * draws two points, so a few answers make a readable line instead of dots pinned at 0 and 100.
 */
export function chooseBucket(r: DayRange, answers: number): Bucket {
  const finest = BUCKETS.indexOf(defaultBucket(r));
  const allowed = BUCKETS.slice(finest);
  const fits = allowed.find((b) => answers >= ANSWERS_PER_BUCKET * bucketsOf(r, b).length);
  return fits ?? [...allowed].reverse().find((b) => bucketsOf(r, b).length >= 2) ?? allowed[0]!;
}

/** A bucket cut by the range's edges, or one still in progress (it holds today or later). */
export function isPartial(bucket: Bucket, span: DayRange, today: number): boolean {
  return span.to >= today || bucketStart(bucket, span.from) !== span.from || nextBucketStart(bucket, span.from) - 1 !== span.to;
}

/** Most points a trend draws; a finer bucket asked for a longer range is widened to fit. */
const MAX_BUCKETS = 400;

/** The bucket asked for, or the next coarser one when it would draw more than MAX_BUCKETS points. */
export function fittingBucket(r: DayRange, asked: Bucket | null | undefined): Bucket {
  const len = lengthOf(r);
  const wanted = asked ?? defaultBucket(r);
  if (wanted === 'day' && len > MAX_BUCKETS) return len / 7 > MAX_BUCKETS ? 'month' : 'week';
  if (wanted === 'week' && len / 7 > MAX_BUCKETS) return 'month';
  return wanted;
}

export interface BucketSpan extends DayRange {
  /** The bucket's first day inside the range, as 'YYYY-MM-DD'. */
  key: string;
}

/** Where the bucket holding `day` starts (not clipped to any range). */
export function bucketStart(bucket: Bucket, day: number): number {
  return bucket === 'day' ? day : bucket === 'week' ? weekStart(weekOf(day)) : monthStart(day);
}

function nextBucketStart(bucket: Bucket, day: number): number {
  return bucket === 'day' ? day + 1 : bucket === 'week' ? weekStart(weekOf(day) + 1) : nextMonthStart(day);
}

/** The buckets covering a range, the first and last clipped to it. */
export function bucketsOf(r: DayRange, bucket: Bucket): BucketSpan[] {
  const out: BucketSpan[] = [];
  for (let from = r.from; from <= r.to; ) {
    const to = Math.min(r.to, nextBucketStart(bucket, from) - 1);
    out.push({ key: isoDate(from), from, to });
    from = to + 1;
  }
  return out;
}

/** Index into bucketsOf(r, bucket) of a day inside r. */
export function bucketIndex(r: DayRange, bucket: Bucket, day: number): number {
  if (bucket === 'day') return day - r.from;
  if (bucket === 'week') return weekOf(day) - weekOf(r.from);
  const a = ymd(r.from);
  const b = ymd(day);
  return (b.year - a.year) * 12 + (b.month - a.month);
}
