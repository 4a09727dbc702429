// Heard's own history columns (its CSV export writes them, its import reads them) and the ISO 8601
// timestamps they hold. Pure.
import { IMPORT_FIELDS, type ImportField } from './import/fields';
import { parseIsoDate } from './period';
import { dayStartMs, offsetAt } from './timeZone';

/** The columns of Heard's own CSV export: the import fields but the customer's name, tags and reasons. */
export const IMPORT_COLUMNS = IMPORT_FIELDS.filter(
  (f): f is Exclude<ImportField, 'customer_name' | 'tags' | 'reasons'> => f !== 'customer_name' && f !== 'tags' && f !== 'reasons',
);
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * A timestamp as ISO 8601: a date (local midnight), or date and time with an optional zone
 * (`Z`, `+02:00`, `-0500`). Without a zone the time is read in the reporting time zone.
 */
export function parseTimestamp(text: string, tz: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
    text.trim(),
  );
  if (!m) return null;
  const day = parseIsoDate(m[1]!);
  if (day === null) return null;
  if (m[2] === undefined) return dayStartMs(day, tz);
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  const wall = day * 86_400_000 + ((h * 60 + min) * 60 + s) * 1000 + Number((m[5] ?? '0').padEnd(3, '0'));
  const zone = m[6];
  if (zone === undefined) return wall - offsetAt(tz, wall - offsetAt(tz, wall));
  if (zone.toUpperCase() === 'Z') return wall;
  const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (Number(zm[2]) * 60 + Number(zm[3])) * 60_000 * (zm[1] === '-' ? -1 : 1);
  return wall - offset;
}
