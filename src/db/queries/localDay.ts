// The local day number of a timestamp column, in SQL. SQLite has no time zone database, so the
// zone's offsets are written into the expression as a balanced CASE over its offset changes
// (a handful of comparisons per row even across decades of daylight-saving rules).
import { sql, type SQL } from 'drizzle-orm';
import { DAY_MS, offsetSpans, type OffsetSpan } from '../../domain/timeZone';
import { BoundedCache } from '../cache';

// Stands for the column while the CASE text is built, then is replaced by the real column.
const MARK = '\u0000';

function offsetText(spans: readonly OffsetSpan[]): string {
  if (spans.length === 1) return String(spans[0]!.offset);
  const mid = Math.floor(spans.length / 2);
  return `CASE WHEN ${MARK} < ${spans[mid]!.from} THEN ${offsetText(spans.slice(0, mid))} ELSE ${offsetText(spans.slice(mid))} END`;
}

/** `(column + offset) / 86400000`, the offset chosen among the spans by the column's value. */
export function localDaySql(column: SQL, spans: readonly OffsetSpan[]): SQL {
  const chunks: SQL[] = [sql`(`, column, sql` + `];
  offsetText(spans)
    .split(MARK)
    .forEach((text, i) => {
      if (i > 0) chunks.push(column);
      chunks.push(sql.raw(text));
    });
  chunks.push(sql.raw(`) / ${DAY_MS}`));
  return sql.join(chunks);
}

// Rows written today may be changed years later, and imports bring old history: statements
// that maintain the rollups need offsets over a wide window. Working them out takes 50–240 ms
// on a loaded machine (bench/caches.ts; a hit is under 1 µs), so they are kept per zone.
const WIDE_START = Date.UTC(1990, 0, 1);
const WIDE_END = Date.UTC(2060, 0, 1);
const wide = new BoundedCache<string, readonly OffsetSpan[]>(8);

export function anytimeSpans(tz: string): readonly OffsetSpan[] {
  return wide.getOrMake(tz, () => offsetSpans(tz, WIDE_START, WIDE_END));
}

// Local day numbers into month indexes and years (day 0 is 1970-01-01).
export const monthOfDay = (day: SQL) =>
  sql`CAST(strftime('%Y', ${day} * 86400, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', ${day} * 86400, 'unixepoch') AS INTEGER) - 1`;
export const yearOfDay = (day: SQL) => sql`CAST(strftime('%Y', ${day} * 86400, 'unixepoch') AS INTEGER)`;
