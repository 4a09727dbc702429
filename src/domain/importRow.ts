// One row of a history import, checked: which columns a file must have, and what makes a row
// usable. Pure; the import service does the writing.
import { z } from 'zod';
import { parseIsoDate } from './period';
import { dayStartMs, offsetAt } from './timeZone';
import { futureProblem } from './schedule';
import { err, ok, type Result } from './result';
import { parseScore, SURVEY_KINDS, type SurveyKind } from './surveys';

export const IMPORT_COLUMNS = [
  'external_id',
  'closed_at',
  'responded_at',
  'agent_email',
  'agent_name',
  'team',
  'channel',
  'customer_email',
  'survey',
  'score',
  'comment',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a file cannot do without; closed_at and responded_at need at least one of the two. */
const REQUIRED: readonly ImportColumn[] = ['external_id', 'agent_email', 'customer_email', 'survey', 'score'];

export type ColumnMap = Partial<Record<ImportColumn, number>>;

/** Where each known column is in the header (names matched case-insensitively), or what is missing. */
export function mapHeader(header: readonly string[]): Result<ColumnMap, string> {
  const map: ColumnMap = {};
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if ((IMPORT_COLUMNS as readonly string[]).includes(key) && map[key as ImportColumn] === undefined) {
      map[key as ImportColumn] = index;
    }
  });
  const missing: string[] = REQUIRED.filter((c) => map[c] === undefined);
  if (map.closed_at === undefined && map.responded_at === undefined) missing.push('closed_at or responded_at');
  return missing.length ? err(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`) : ok(map);
}

export interface ImportRow {
  externalId: string;
  closedAt: number;
  respondedAt: number;
  agentEmail: string;
  agentName: string | null;
  team: string | null;
  channel: string;
  customerEmail: string;
  survey: SurveyKind;
  score: number;
  comment: string | null;
}

const email = z.string().email();
const MAX_COMMENT = 5000;

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

/** A row's fields checked and normalised, or the reason it cannot be imported. */
export function checkRow(
  fields: readonly string[],
  map: ColumnMap,
  channels: readonly string[],
  tz: string,
  now: number,
): Result<ImportRow, string> {
  const get = (c: ImportColumn) => {
    const i = map[c];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const externalId = get('external_id');
  if (!externalId) return err('external_id: empty');
  if (externalId.length > 200) return err('external_id: longer than 200 characters');

  const stamp = (c: 'closed_at' | 'responded_at') => {
    const text = get(c);
    return text ? parseTimestamp(text, tz) : undefined;
  };
  const closed = stamp('closed_at');
  const responded = stamp('responded_at');
  if (closed === null) return err('closed_at: not a date and time like 2025-03-02T14:05:00Z');
  if (responded === null) return err('responded_at: not a date and time like 2025-03-02T14:05:00Z');
  if (closed === undefined && responded === undefined) return err('closed_at: empty (and no responded_at)');
  for (const [name, at] of [['closed_at', closed], ['responded_at', responded]] as const) {
    const future = at === undefined ? null : futureProblem(at, now);
    if (future) return err(`${name}: ${future}`);
  }

  const agentEmail = get('agent_email').toLowerCase();
  if (!email.safeParse(agentEmail).success) return err('agent_email: not an email address');
  const customerEmail = get('customer_email').toLowerCase();
  if (!email.safeParse(customerEmail).success) return err('customer_email: not an email address');

  const surveyText = get('survey').toLowerCase();
  const survey = SURVEY_KINDS.find((k) => k === surveyText);
  if (!survey) return err(`survey: must be one of ${SURVEY_KINDS.join(', ')}`);
  const score = parseScore(survey, get('score'));
  if (score === null) return err(`score: not a whole number on the ${survey} scale`);

  const channelText = get('channel').toLowerCase();
  const channel = channelText === '' ? 'other' : channels.find((c) => c === channelText);
  if (!channel) return err(`channel: must be one of ${channels.join(', ')}`);

  const comment = get('comment');
  return ok({
    externalId,
    closedAt: closed ?? responded!,
    respondedAt: responded ?? closed!,
    agentEmail,
    agentName: get('agent_name') || null,
    team: get('team').slice(0, 100) || null,
    channel,
    customerEmail,
    survey,
    score,
    comment: comment ? comment.slice(0, MAX_COMMENT) : null,
  });
}
