// Time zones, the pure part: a zone's offset at an instant, the local day an instant falls on,
// and the spans of constant offset that SQL expressions are built from. Intl (a language
// built-in) supplies the offsets, so this works alike on Node and in workerd.

export const DAY_MS = 86_400_000;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Offsets of whole UTC days that have one offset throughout, by zone. Asking Intl costs a few µs;
 * a follow-up's due time asks a dozen times, an import several times per row. Bounded: a zone's
 * map starts over when full.
 */
const dayOffsets = new Map<string, Map<number, number>>();
const CACHED_DAYS = 4096;

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(tz: string, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  let days = dayOffsets.get(tz);
  const known = days?.get(day);
  if (known !== undefined) return known;
  const offset = intlOffsetAt(tz, ms);
  // A UTC day that starts and ends on this offset has it all day: zones change offset a few times a
  // year, never twice in a day (offsetSpans assumes the same of any three days).
  const start = day * DAY_MS;
  if (intlOffsetAt(tz, start) === offset && intlOffsetAt(tz, start + DAY_MS - 1) === offset) {
    if (!days || days.size >= CACHED_DAYS) dayOffsets.set(tz, (days = new Map()));
    days.set(day, offset);
  }
  return offset;
}

/** The same, asked of Intl every time (what the cache above remembers). */
export function intlOffsetAt(tz: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  // The wall clock has whole seconds; compare with the instant truncated the same way.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The local day an instant falls on. */
export function dayNumber(ms: number, tz: string): number {
  return Math.floor((ms + offsetAt(tz, ms)) / DAY_MS);
}

/** The first instant of a local day (midnight, or the first minute after a gap). */
export function dayStartMs(day: number, tz: string): number {
  // Start from the guess one offset away, then search the few hours around it for the boundary.
  const guess = day * DAY_MS - offsetAt(tz, day * DAY_MS);
  let lo = guess - 6 * 3_600_000;
  let hi = guess + 6 * 3_600_000;
  // Most days: one offset across the hours searched, so the day starts at its midnight, where the
  // search would end (it is the first instant of the window on the day); three look-ups, not 26.
  const offset = offsetAt(tz, lo);
  const midnight = day * DAY_MS - offset;
  if (offsetAt(tz, hi) === offset && midnight > lo && midnight <= hi) return midnight;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayNumber(mid, tz) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface OffsetSpan {
  /** First instant with this offset (inclusive); -Infinity for the first span. */
  from: number;
  offset: number;
}

/**
 * The zone's offsets between two instants, as consecutive spans. Sampled every 3 days (zones
 * change offset at most a few times a year) and each change located to the millisecond.
 */
export function offsetSpans(tz: string, startMs: number, endMs: number): OffsetSpan[] {
  const STEP = 3 * DAY_MS;
  const spans: OffsetSpan[] = [{ from: -Infinity, offset: offsetAt(tz, startMs) }];
  let prevT = startMs;
  let prevOffset = spans[0]!.offset;
  for (let t = startMs + STEP; prevT < endMs; t += STEP) {
    const at = Math.min(t, endMs);
    const o = offsetAt(tz, at);
    if (o !== prevOffset) {
      let lo = prevT;
      let hi = at;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(tz, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      spans.push({ from: hi, offset: o });
      prevOffset = o;
    }
    prevT = at;
  }
  return spans;
}
