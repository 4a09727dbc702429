// One source record read through a mapping: the row Heard will store, or every problem that stops
// it. The preview shows both; the import skips rows with problems and names them in its report.
import { z } from 'zod';
import { parseTimestamp } from '../importRow';
import type { SurveyKind } from '../surveys';
import { hash128 } from './hash';
import type { ImportField, Mapping } from './fields';
import type { Preset } from './presets';

export interface MappedRow {
  externalId: string;
  closedAt: number;
  respondedAt: number;
  agentEmail: string;
  agentName: string | null;
  team: string | null;
  channel: string;
  customerEmail: string;
  customerName: string | null;
  survey: SurveyKind;
  score: number;
  comment: string | null;
  tags: string[];
  /** customers: when the customer churned, if the file says. */
  churnedAt: number | null;
}

export interface RowCheck {
  /** What each mapped field reads in this record, as shown in the preview. */
  values: Partial<Record<ImportField, string>>;
  problems: Array<{ field: ImportField; message: string }>;
  row: MappedRow | null;
  /** Facts the report counts: the agent was missing, the channel unknown, the id derived. */
  unassigned: boolean;
  unknownChannel: string | null;
  derivedId: boolean;
}

export interface RowContext {
  channels: readonly string[];
  timeZone: string;
  now: number;
}

/** The agent history without one goes to; the report names it. */
export const UNASSIGNED = { email: 'unassigned@agents.heard.invalid', name: 'Unassigned' } as const;

const email = z.string().email();
// Agents' and customers' addresses repeat across rows: each distinct one is checked once.
const checkedEmails = new Map<string, boolean>();
function isEmail(text: string): boolean {
  let good = checkedEmails.get(text);
  if (good === undefined) {
    if (checkedEmails.size >= 50_000) checkedEmails.clear();
    checkedEmails.set(text, (good = email.safeParse(text).success));
  }
  return good;
}
const MAX_COMMENT = 5000;
const MAX_TAGS = 20;
const MAX_TAG = 50;
// Clocks differ a little between the tool that wrote the file and this one.
const FUTURE_SLACK_MS = 5 * 60_000;
// Before this a number is Unix seconds, after it milliseconds (1973-03-03 in ms, year 5138 in s).
const SECONDS_UP_TO = 1e11;

/** ISO 8601 (see parseTimestamp), `… UTC`, or Unix time in seconds or milliseconds. */
export function parseInstant(text: string, tz: string): number | null {
  const t = text.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return Math.round(n < SECONDS_UP_TO ? n * 1000 : n);
  }
  return parseTimestamp(t.replace(/\s+UTC$/i, 'Z'), tz);
}

const splitList = (text: string) =>
  text
    .split(/[,;]/)
    .map((t) => t.trim().slice(0, MAX_TAG))
    .filter(Boolean);

/** A stable id for a row without one: the same row always gets the same id, so a re-import is a no-op. */
export function derivedExternalId(values: Partial<Record<ImportField, string>>): string {
  const key = (['customer_email', 'responded_at', 'closed_at', 'survey', 'score', 'agent_email', 'agent_name', 'comment'] as const)
    .map((f) => values[f] ?? '')
    .join('\u001f');
  return `import-${hash128(key)}`;
}

const agentSlug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

export function checkRecord(record: Readonly<Record<string, string>>, mapping: Mapping, preset: Preset, ctx: RowContext): RowCheck {
  const values: Partial<Record<ImportField, string>> = {};
  for (const [field, source] of Object.entries(mapping) as Array<[ImportField, NonNullable<Mapping[ImportField]>]>) {
    values[field] = ('value' in source ? source.value : (record[source.column] ?? '')).trim();
  }
  const problems: RowCheck['problems'] = [];
  const problem = (field: ImportField, message: string) => problems.push({ field, message });
  const get = (f: ImportField) => values[f] ?? '';

  let externalId = get('external_id');
  const derivedId = externalId === '';
  if (derivedId) externalId = derivedExternalId(values);
  else if (externalId.length > 200) problem('external_id', 'longer than 200 characters');

  const stamp = (f: 'closed_at' | 'responded_at' | 'churned_at') => {
    const text = get(f);
    if (!text) return undefined;
    const at = parseInstant(text, ctx.timeZone);
    if (at === null) problem(f, `“${text}” is not a date like 2025-03-02T14:05:00Z or Unix time`);
    else if (at > ctx.now + FUTURE_SLACK_MS) problem(f, 'is in the future');
    return at ?? undefined;
  };
  const closed = stamp('closed_at');
  const responded = stamp('responded_at');
  const churned = stamp('churned_at');
  if (closed === undefined && responded === undefined && !problems.some((p) => p.field === 'closed_at' || p.field === 'responded_at')) {
    problem('responded_at', 'empty (and no closed_at)');
  }

  let agentEmail = get('agent_email').toLowerCase();
  let agentName = get('agent_name') || null;
  let unassigned = false;
  if (agentEmail === '') {
    // An agent known only by name gets a placeholder address made from it, the same every time.
    const slug = agentName ? agentSlug(agentName) : '';
    if (slug) agentEmail = `${slug}@agents.heard.invalid`;
    else {
      agentEmail = UNASSIGNED.email;
      agentName = UNASSIGNED.name;
      unassigned = true;
    }
  } else if (!isEmail(agentEmail)) problem('agent_email', `“${agentEmail}” is not an email address`);

  const customerEmail = get('customer_email').toLowerCase();
  if (!customerEmail) problem('customer_email', 'empty');
  else if (!isEmail(customerEmail)) problem('customer_email', `“${customerEmail}” is not an email address`);

  const scored = get('score') === '' ? null : preset.scale(get('score'), get('survey'));
  if (scored === null) problem('score', 'empty');
  else if (!scored.ok) {
    const [field, ...rest] = scored.error.split(': ');
    problem(field === 'survey' ? 'survey' : 'score', rest.join(': '));
  }

  const channelText = get('channel').toLowerCase();
  const known = ctx.channels.find((c) => c === channelText);
  const channel = known ?? 'other';
  const unknownChannel = channelText !== '' && !known ? channelText : null;

  const tags = [...new Set([...splitList(get('tags')), ...splitList(get('reasons'))])].slice(0, MAX_TAGS);
  const comment = get('comment');
  const row: MappedRow | null =
    problems.length > 0 || !scored?.ok
      ? null
      : {
          externalId,
          closedAt: closed ?? responded!,
          respondedAt: responded ?? closed!,
          agentEmail,
          agentName,
          team: get('team').slice(0, 100) || null,
          channel,
          customerEmail,
          customerName: get('customer_name').slice(0, 200) || null,
          survey: scored.value.survey,
          score: scored.value.score,
          comment: comment ? comment.slice(0, MAX_COMMENT) : null,
          tags,
          churnedAt: churned ?? null,
        };
  return { values, problems, row, unassigned, unknownChannel, derivedId };
}
