// The fields a history import fills and where each one's value comes from: a column of the
// source file, a fixed value for every row, or nothing. Pure; shared by the CLI and the upload page.
import { err, ok, type Result } from '../result';

export const IMPORT_FIELDS = [
  'external_id',
  'closed_at',
  'responded_at',
  'agent_email',
  'agent_name',
  'team',
  'channel',
  'customer_email',
  'customer_name',
  'survey',
  'score',
  'comment',
  'tags',
  'reasons',
  'churned_at',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export type FieldSource = { column: string } | { value: string };
export type Mapping = Partial<Record<ImportField, FieldSource>>;

export const FIELD_HINTS: Record<ImportField, string> = {
  external_id: 'the ticket or response id; derived from the row when missing',
  closed_at: 'when the conversation closed',
  responded_at: 'when the customer answered',
  agent_email: 'who handled it; "Unassigned" when missing',
  agent_name: 'the agent’s name',
  team: 'team or group (a new agent starts in it)',
  channel: 'email, chat, phone, social, messaging; anything else counts as other',
  customer_email: 'who answered',
  customer_name: 'the customer’s name',
  survey: 'csat, nps or ces (presets set it)',
  score: 'the answer on the survey’s scale',
  comment: 'what the customer wrote',
  tags: 'labels, separated by commas',
  reasons: 'why they chose the score; kept as tags',
  churned_at: 'when the customer left, if they did; records a churn event',
};

const isField = (name: string): name is ImportField => (IMPORT_FIELDS as readonly string[]).includes(name);

/** A header name as it is compared: lower case, spaces, dashes and dots as underscores. */
export const normalName = (name: string) => name.trim().toLowerCase().replace(/[\s\-.]+/g, '_');

/** Heard's own column names (and their spelling variants) map themselves. */
export function ownColumns(columns: readonly string[]): Mapping {
  const mapping: Mapping = {};
  for (const column of columns) {
    const name = normalName(column);
    if (isField(name) && !mapping[name]) mapping[name] = { column };
  }
  return mapping;
}

/**
 * `field=Column` and `field=value` overrides, as the CLI's --map and --set and the upload form
 * give them. An empty column or value clears the field.
 */
export function applyOverrides(
  base: Mapping,
  overrides: { map?: readonly string[]; set?: readonly string[] },
  columns: readonly string[],
): Result<Mapping, string> {
  const mapping: Mapping = { ...base };
  const pairs = [
    ...(overrides.map ?? []).map((p) => ['map', p] as const),
    ...(overrides.set ?? []).map((p) => ['set', p] as const),
  ];
  for (const [kind, pair] of pairs) {
    const eq = pair.indexOf('=');
    const field = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    const right = eq === -1 ? '' : pair.slice(eq + 1);
    if (!isField(field)) return err(`unknown field "${field}" (fields: ${IMPORT_FIELDS.join(', ')})`);
    if (right.trim() === '') delete mapping[field];
    else if (kind === 'set') mapping[field] = { value: right.trim() };
    else {
      const column = columns.find((c) => c === right) ?? columns.find((c) => normalName(c) === normalName(right));
      if (!column) return err(`--map ${field}: the file has no column "${right}"`);
      mapping[field] = { column };
    }
  }
  return ok(mapping);
}
