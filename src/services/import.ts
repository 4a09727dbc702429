// History written in batches with the rollups kept exact: the demo's closed interactions with
// their answers and unanswered surveys. Files from other tools go through src/services/importer/.
import { inArray, sql } from 'drizzle-orm';
import { bind, compiledBy, type CompiledWrite } from '../db/compiled';
import type { Db, Deps, Statement } from '../deps';
import { agents, customers, interactions, responses, surveyRequests, teams, type Channel } from '../db/schema';
import type { SurveyKind } from '../domain/surveys';
import { countSentMany, withNewResponsesRollup } from './dashboard/rollups';

export interface HistoryRow {
  externalId: string;
  closedAt: number;
  /** When the survey went out; it counts as delivered by Heard unless the answer is imported. */
  sentAt: number;
  agent: { email: string; name: string | null };
  team: string | null;
  channel: Channel;
  customer: { email: string; name: string | null; locale: string | null };
  survey: SurveyKind;
  tags: readonly string[];
  response: { score: number; comment: string | null; at: number; source: 'import' | 'auto' | 'explicit' } | null;
}

export type HistoryDeps = Pick<Deps, 'db' | 'atomic' | 'config' | 'clock' | 'newId'>;

/**
 * D1 accepts at most 100 bound parameters per statement, so multi-row inserts stay under that by
 * default; on SQLite (the CLI) far larger statements are allowed and much faster.
 */
export const D1_MAX_PARAMS = 99;
export const SQLITE_MAX_PARAMS = 32_000;

function chunks<T>(rows: readonly T[], paramsPerRow: number, maxParams: number): T[][] {
  const size = Math.max(1, Math.floor(maxParams / paramsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// Every multi-row insert is compiled once per table and row count, with placeholders named
// r<row>_<field>: building SQL with drizzle costs more than SQLite takes to run it.
const ph = (i: number, field: string) => sql.placeholder(`r${i}_${field}`);
const idBy = {
  team: (i: number) => sql`(SELECT id FROM teams WHERE name = ${ph(i, 'team')})`,
  agent: (i: number) => sql`(SELECT id FROM agents WHERE email = ${ph(i, 'agentEmail')})`,
  customer: (i: number) => sql`(SELECT id FROM customers WHERE email = ${ph(i, 'customerEmail')})`,
};
const rowsOf = <T>(n: number, row: (i: number) => T) => Array.from({ length: n }, (_, i) => row(i));
// An answer repeats who and how of its interaction, found the same way.
const interactionFacts = (i: number) => ({
  customerId: idBy.customer(i),
  agentId: idBy.agent(i),
  teamId: idBy.team(i),
  channel: ph(i, 'channel'),
  survey: ph(i, 'survey'),
});

const INSERTS = {
  teams: {
    params: 3,
    build: (db: Db, n: number) =>
      db.insert(teams).values(rowsOf(n, (i) => ({ id: ph(i, 'id'), name: ph(i, 'team'), createdAt: ph(i, 'now') }))).onConflictDoNothing(),
  },
  // The team rule of src/services/ingest.ts: an agent keeps the team it has; a new one starts in
  // a team its rows name. Old history must not move people between teams.
  agents: {
    params: 5,
    build: (db: Db, n: number) =>
      db
        .insert(agents)
        .values(rowsOf(n, (i) => ({ id: ph(i, 'id'), email: ph(i, 'agentEmail'), name: ph(i, 'name'), teamId: idBy.team(i), createdAt: ph(i, 'now') })))
        .onConflictDoUpdate({
          target: agents.email,
          set: { name: sql`coalesce(${agents.name}, excluded.name)`, teamId: sql`coalesce(${agents.teamId}, excluded.team_id)` },
        }),
  },
  customers: {
    params: 5,
    build: (db: Db, n: number) =>
      db
        .insert(customers)
        .values(rowsOf(n, (i) => ({ id: ph(i, 'id'), email: ph(i, 'customerEmail'), name: ph(i, 'name'), locale: ph(i, 'locale'), createdAt: ph(i, 'now') })))
        .onConflictDoUpdate({
          target: customers.email,
          set: { name: sql`coalesce(${customers.name}, excluded.name)`, locale: sql`coalesce(${customers.locale}, excluded.locale)` },
        }),
  },
  interactions: {
    params: 10,
    build: (db: Db, n: number) =>
      db.insert(interactions).values(
        rowsOf(n, (i) => ({
          id: ph(i, 'interactionId'),
          externalId: ph(i, 'externalId'),
          ...interactionFacts(i),
          tags: ph(i, 'tags'),
          closedAt: ph(i, 'closedAt'),
          createdAt: ph(i, 'now'),
        })),
      ),
  },
  requests: {
    // The two literals are bound parameters too, and so are the defaults of purpose, delivery and reminders_sent.
    params: 13,
    build: (db: Db, n: number) =>
      db.insert(surveyRequests).values(
        rowsOf(n, (i) => ({
          id: ph(i, 'requestId'),
          interactionId: ph(i, 'interactionId'),
          customerId: idBy.customer(i),
          survey: ph(i, 'survey'),
          status: 'sent' as const,
          sendAfter: ph(i, 'sentAt'),
          attempts: 1,
          sentAt: ph(i, 'sentAt'),
          messageId: ph(i, 'messageId'),
          createdAt: ph(i, 'now'),
        })),
      ),
  },
  responses: {
    // 13 values and the default of reasons.
    params: 15,
    build: (db: Db, n: number) =>
      db.insert(responses).values(
        rowsOf(n, (i) => ({
          id: ph(i, 'id'),
          requestId: ph(i, 'requestId'),
          interactionId: ph(i, 'interactionId'),
          ...interactionFacts(i),
          score: ph(i, 'score'),
          comment: ph(i, 'comment'),
          flagged: false,
          source: ph(i, 'source'),
          createdAt: ph(i, 'at'),
          updatedAt: ph(i, 'at'),
        })),
      ),
  },
} as const;
type InsertKind = keyof typeof INSERTS;

// Full chunks all have one size; only the last chunk of an import has another, so a few entries
// suffice. Compiling a 7-row insert takes 0.2–1.7 ms, 360–770 times a hit (bench/caches.ts).
const compiledInserts = compiledBy((db: Db, key: `${InsertKind}:${number}`) => {
  const [kind, n] = key.split(':') as [InsertKind, string];
  return INSERTS[kind].build(db, Number(n));
}, 32);
const insertOf = (db: Db, kind: InsertKind, n: number): CompiledWrite => compiledInserts(db, `${kind}:${n}`);

/** The items as multi-row inserts of one kind, each under the parameter limit. */
function inserts<T>(db: Db, kind: InsertKind, items: readonly T[], maxParams: number, fields: (item: T) => Record<string, unknown>): Statement[] {
  return chunks(items, INSERTS[kind].params, maxParams).map((part) => {
    const values: Record<string, unknown> = {};
    part.forEach((item, i) => {
      for (const [field, v] of Object.entries(fields(item))) values[`r${i}_${field}`] = v;
    });
    return bind(insertOf(db, kind, part.length), values);
  });
}

/**
 * Writes rows whose external id is new, in one atomic write; returns the external ids that were
 * already there (or repeated in `rows`), which are left alone.
 */
export async function recordHistory(
  deps: HistoryDeps,
  rows: readonly HistoryRow[],
  maxParams = D1_MAX_PARAMS,
): Promise<{ created: number; duplicates: string[] }> {
  const existing = new Set(
    rows.length === 0
      ? []
      : (
          await deps.db
            .select({ externalId: interactions.externalId })
            .from(interactions)
            .where(inArray(interactions.externalId, sql`(SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.externalId))}))`))
        ).map((r) => r.externalId),
  );
  const fresh: Array<HistoryRow & { interactionId: string; requestId: string }> = [];
  const duplicates: string[] = [];
  for (const r of rows) {
    if (existing.has(r.externalId)) duplicates.push(r.externalId);
    else {
      existing.add(r.externalId);
      fresh.push({ ...r, interactionId: deps.newId(), requestId: deps.newId() });
    }
  }
  if (fresh.length === 0) return { created: 0, duplicates };

  const now = deps.clock();
  const unique = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((t) => [key(t), t])).values()];
  const statements: Statement[] = [];

  const db = deps.db;
  const teamNames = unique(fresh.flatMap((r) => (r.team ? [r.team] : [])), (t) => t);
  statements.push(...inserts(db, 'teams', teamNames, maxParams, (team) => ({ id: deps.newId(), team, now })));
  statements.push(
    ...inserts(db, 'agents', unique(fresh, (r) => r.agent.email), maxParams, (r) => ({
      id: deps.newId(),
      agentEmail: r.agent.email,
      name: r.agent.name,
      team: r.team,
      now,
    })),
  );
  statements.push(
    ...inserts(db, 'customers', unique(fresh, (r) => r.customer.email), maxParams, (r) => ({
      id: deps.newId(),
      customerEmail: r.customer.email,
      name: r.customer.name,
      locale: r.customer.locale,
      now,
    })),
  );
  const facts = (r: (typeof fresh)[number]) => ({
    interactionId: r.interactionId,
    requestId: r.requestId,
    customerEmail: r.customer.email,
    agentEmail: r.agent.email,
    team: r.team,
    channel: r.channel,
    survey: r.survey,
    now,
  });
  statements.push(...inserts(db, 'interactions', fresh, maxParams, (r) => ({ ...facts(r), externalId: r.externalId, tags: JSON.stringify(r.tags), closedAt: r.closedAt })));
  statements.push(
    ...inserts(db, 'requests', fresh, maxParams, (r) => ({
      ...facts(r),
      sentAt: r.sentAt,
      // Counted as delivered by Heard only with a message id; imported answers were sent by another tool.
      messageId: r.response?.source === 'import' ? null : `history:${r.requestId}`,
    })),
  );
  const answered = fresh.filter((r) => r.response !== null);
  const responseStatements = inserts(db, 'responses', answered, maxParams, (r) => ({
    ...facts(r),
    id: deps.newId(),
    score: r.response!.score,
    comment: r.response!.comment,
    source: r.response!.source,
    at: r.response!.at,
  }));
  statements.push(...withNewResponsesRollup(deps, answered.map((r) => r.requestId), responseStatements));
  statements.push(countSentMany(deps, fresh.map((r) => r.requestId)));
  await deps.atomic(statements);
  return { created: fresh.length, duplicates };
}

// Character codes of each byte's two hex digits.
const HEX_CODES = Array.from({ length: 256 }, (_, i) => Array.from(i.toString(16).padStart(2, '0'), (c) => c.charCodeAt(0)));
const DASH = '-'.charCodeAt(0);

/**
 * UUIDv7 ids (RFC 9562): the time comes first, so ids made one after another sort together and
 * land at the end of every index they are in. Bulk writers pass this as their `newId`: an import
 * of 100,000 rows runs about a third faster than with random ids.
 */
export function timeOrderedIds(clock: () => number = Date.now): () => string {
  let lastMs = -1;
  let seq = 0;
  // Random bytes are drawn 4 KiB at a time: one call per id would cost more than the rest together.
  const pool = new Uint8Array(4096);
  let used = pool.length;
  // The id's 36 character codes, made into one flat string at once: joining pieces made ~20
  // strings per id for the garbage collector, three ids per imported row.
  const codes = new Array<number>(36).fill(DASH);
  return () => {
    const ms = clock();
    seq = ms === lastMs ? (seq + 1) & 0xfff : 0;
    lastMs = ms;
    if (used === pool.length) {
      crypto.getRandomValues(pool);
      used = 0;
    }
    const b = pool.subarray(used, (used += 16));
    // The 48-bit millisecond time, big-endian: the high 16 bits, then the low 32.
    const high = Math.floor(ms / 2 ** 32);
    const low = ms >>> 0;
    b[0] = (high >>> 8) & 0xff;
    b[1] = high & 0xff;
    b[2] = low >>> 24;
    b[3] = (low >>> 16) & 0xff;
    b[4] = (low >>> 8) & 0xff;
    b[5] = low & 0xff;
    b[6] = 0x70 | (seq >> 8);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8]! & 0x3f);
    let at = 0;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) at++;
      const hex = HEX_CODES[b[i]!]!;
      codes[at++] = hex[0]!;
      codes[at++] = hex[1]!;
    }
    return String.fromCharCode.apply(null, codes);
  };
}
