// Checked rows packed for the trip from the reading thread (./importReader.ts) to the writer: one
// array per text field, the numbers in one typed array, tags flattened, and rows with problems as
// they are. Copying thousands of row objects between threads cost the writer 65 ms per 8,000 rows
// to take apart; packed, 8 ms including making the rows again (same run, loaded machine).
import type { MappedRow, RowCheck } from '../domain/import/row';

const TEXT = ['externalId', 'agentEmail', 'agentName', 'team', 'channel', 'customerEmail', 'customerName', 'survey', 'comment'] as const;
type TextField = (typeof TEXT)[number];
/** Per row: closedAt, respondedAt, score, churnedAt (NaN for none). */
const NUMBERS = 4;

export interface PackedChecks {
  count: number;
  text: Record<TextField, Array<string | null>>;
  numbers: Float64Array;
  /** How many tags each row has, and all of them one row after another. */
  tagCounts: Uint32Array;
  tags: string[];
  /** Bit 1: the agent was missing; bit 2: the id was derived. */
  flags: Uint8Array;
  unknownChannel: Array<string | null>;
  /** Rows that cannot be imported, by position, with their problems. */
  refused: Array<[number, RowCheck]>;
}

export function packChecks(checks: readonly RowCheck[]): PackedChecks {
  const n = checks.length;
  const text = Object.fromEntries(TEXT.map((f) => [f, new Array<string | null>(n)])) as PackedChecks['text'];
  const numbers = new Float64Array(n * NUMBERS);
  const tagCounts = new Uint32Array(n);
  const tags: string[] = [];
  const flags = new Uint8Array(n);
  const unknownChannel = new Array<string | null>(n);
  const refused: PackedChecks['refused'] = [];
  for (let i = 0; i < n; i++) {
    const c = checks[i]!;
    flags[i] = (c.unassigned ? 1 : 0) | (c.derivedId ? 2 : 0);
    unknownChannel[i] = c.unknownChannel;
    const r = c.row;
    if (!r) {
      // What each field read is for the preview; the writer needs only the problems.
      refused.push([i, { ...c, values: {} }]);
      continue;
    }
    for (const f of TEXT) text[f][i] = r[f];
    const at = i * NUMBERS;
    numbers[at] = r.closedAt;
    numbers[at + 1] = r.respondedAt;
    numbers[at + 2] = r.score;
    numbers[at + 3] = r.churnedAt ?? NaN;
    tagCounts[i] = r.tags.length;
    for (const t of r.tags) tags.push(t);
  }
  return { count: n, text, numbers, tagCounts, tags, flags, unknownChannel, refused };
}

export function unpackChecks(p: PackedChecks): RowCheck[] {
  const out = new Array<RowCheck>(p.count);
  for (const [i, check] of p.refused) out[i] = check;
  const t = p.text;
  let tag = 0;
  for (let i = 0; i < p.count; i++) {
    const tagged = p.tags.slice(tag, (tag += p.tagCounts[i]!));
    if (out[i]) continue;
    const at = i * NUMBERS;
    const churned = p.numbers[at + 3]!;
    const row: MappedRow = {
      externalId: t.externalId[i]!,
      closedAt: p.numbers[at]!,
      respondedAt: p.numbers[at + 1]!,
      agentEmail: t.agentEmail[i]!,
      agentName: t.agentName[i] ?? null,
      team: t.team[i] ?? null,
      channel: t.channel[i]!,
      customerEmail: t.customerEmail[i]!,
      customerName: t.customerName[i] ?? null,
      survey: t.survey[i] as MappedRow['survey'],
      score: p.numbers[at + 2]!,
      comment: t.comment[i] ?? null,
      tags: tagged,
      churnedAt: Number.isNaN(churned) ? null : churned,
    };
    out[i] = { values: {}, problems: [], row, unassigned: (p.flags[i]! & 1) !== 0, derivedId: (p.flags[i]! & 2) !== 0, unknownChannel: p.unknownChannel[i] ?? null };
  }
  return out;
}
