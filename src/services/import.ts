// History from elsewhere: closed interactions with their survey answers, written in batches with
// the rollups kept exact. The CSV import uses it, and so does the demo (with unanswered surveys too).
import { inArray, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../deps';
import { agents, CHANNELS, customers, interactions, responses, surveyRequests, teams, type Channel } from '../db/schema';
import { parseCsv } from '../domain/csv';
import { checkRow, mapHeader, type ImportRow } from '../domain/importRow';
import { err, ok, type Result } from '../domain/result';
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

const idOf = {
  team: (name: string | null) => (name === null ? null : sql`(SELECT id FROM teams WHERE name = ${name})`),
  agent: (email: string) => sql`(SELECT id FROM agents WHERE email = ${email})`,
  customer: (email: string) => sql`(SELECT id FROM customers WHERE email = ${email})`,
};

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

  const teamNames = unique(fresh.flatMap((r) => (r.team ? [r.team] : [])), (t) => t);
  for (const part of chunks(teamNames, 3, maxParams)) {
    statements.push(deps.db.insert(teams).values(part.map((name) => ({ id: deps.newId(), name, createdAt: now }))).onConflictDoNothing());
  }
  // An agent keeps the team it has: old history must not move people between teams.
  for (const part of chunks(unique(fresh, (r) => r.agent.email), 5, maxParams)) {
    statements.push(
      deps.db
        .insert(agents)
        .values(part.map((r) => ({ id: deps.newId(), email: r.agent.email, name: r.agent.name, teamId: idOf.team(r.team), createdAt: now })))
        .onConflictDoUpdate({
          target: agents.email,
          set: { name: sql`coalesce(${agents.name}, excluded.name)`, teamId: sql`coalesce(${agents.teamId}, excluded.team_id)` },
        }),
    );
  }
  for (const part of chunks(unique(fresh, (r) => r.customer.email), 5, maxParams)) {
    statements.push(
      deps.db
        .insert(customers)
        .values(part.map((r) => ({ id: deps.newId(), ...r.customer, createdAt: now })))
        .onConflictDoUpdate({
          target: customers.email,
          set: { name: sql`coalesce(${customers.name}, excluded.name)`, locale: sql`coalesce(${customers.locale}, excluded.locale)` },
        }),
    );
  }
  for (const part of chunks(fresh, 10, maxParams)) {
    statements.push(
      deps.db.insert(interactions).values(
        part.map((r) => ({
          id: r.interactionId,
          externalId: r.externalId,
          customerId: idOf.customer(r.customer.email),
          agentId: idOf.agent(r.agent.email),
          teamId: idOf.team(r.team),
          channel: r.channel,
          survey: r.survey,
          tags: JSON.stringify(r.tags),
          closedAt: r.closedAt,
          createdAt: now,
        })),
      ),
    );
  }
  for (const part of chunks(fresh, 9, maxParams)) {
    statements.push(
      deps.db.insert(surveyRequests).values(
        part.map((r) => ({
          id: r.requestId,
          interactionId: r.interactionId,
          customerId: idOf.customer(r.customer.email),
          survey: r.survey,
          status: 'sent' as const,
          sendAfter: r.sentAt,
          attempts: 1,
          sentAt: r.sentAt,
          // Counted as delivered by Heard only with a message id; imported answers were sent by another tool.
          messageId: r.response?.source === 'import' ? null : `history:${r.requestId}`,
          createdAt: now,
        })),
      ),
    );
  }
  const answered = fresh.filter((r) => r.response !== null);
  const responseStatements = chunks(answered, 14, maxParams).map((part) =>
    deps.db.insert(responses).values(
      part.map((r) => ({
        id: deps.newId(),
        requestId: r.requestId,
        interactionId: r.interactionId,
        customerId: idOf.customer(r.customer.email),
        agentId: idOf.agent(r.agent.email),
        teamId: idOf.team(r.team),
        channel: r.channel,
        survey: r.survey,
        score: r.response!.score,
        comment: r.response!.comment,
        flagged: false,
        source: r.response!.source,
        createdAt: r.response!.at,
        updatedAt: r.response!.at,
      })),
    ),
  );
  statements.push(...withNewResponsesRollup(deps, answered.map((r) => r.requestId), responseStatements));
  statements.push(countSentMany(deps, fresh.map((r) => r.requestId)));
  await deps.atomic(statements);
  return { created: fresh.length, duplicates };
}

/**
 * UUIDv7 ids (RFC 9562): the time comes first, so ids made one after another sort together and
 * land at the end of every index they are in. Bulk writers pass this as their `newId`: an import
 * of 100,000 rows runs about a third faster than with random ids.
 */
export function timeOrderedIds(clock: () => number = Date.now): () => string {
  let lastMs = -1;
  let seq = 0;
  return () => {
    const ms = clock();
    seq = ms === lastMs ? (seq + 1) & 0xfff : 0;
    lastMs = ms;
    const b = crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < 6; i++) b[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
    b[6] = 0x70 | (seq >> 8);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8]! & 0x3f);
    const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

// ---- CSV ----

export interface ImportReport {
  imported: number;
  duplicates: number;
  skipped: Array<{ line: number; reason: string }>;
}

export interface ImportOptions {
  /** Rows written per atomic write. */
  batchSize?: number;
  /** Bound parameters one statement may carry (D1_MAX_PARAMS unless the database allows more). */
  maxParams?: number;
  onProgress?: (done: number, total: number) => void;
}

const toHistory = (r: ImportRow): HistoryRow => ({
  externalId: r.externalId,
  closedAt: r.closedAt,
  sentAt: r.closedAt,
  agent: { email: r.agentEmail, name: r.agentName },
  team: r.team,
  channel: r.channel as Channel,
  customer: { email: r.customerEmail, name: null, locale: null },
  survey: r.survey,
  tags: [],
  response: { score: r.score, comment: r.comment, at: r.respondedAt, source: 'import' },
});

/** Imports a CSV of past survey answers. Rows already imported (same external_id) are counted, not changed. */
export async function importCsv(deps: HistoryDeps, text: string, opts: ImportOptions = {}): Promise<Result<ImportReport, string>> {
  const records = [...parseCsv(text)];
  const [header, ...body] = records;
  if (!header) return err('the file is empty');
  const map = mapHeader(header.fields);
  if (!map.ok) return map;

  const report: ImportReport = { imported: 0, duplicates: 0, skipped: [] };
  const batchSize = opts.batchSize ?? 1000;
  let batch: HistoryRow[] = [];
  let done = 0;
  const flush = async () => {
    const written = await recordHistory(deps, batch, opts.maxParams);
    report.imported += written.created;
    report.duplicates += written.duplicates.length;
    done += batch.length;
    batch = [];
    opts.onProgress?.(done + report.skipped.length, body.length);
  };
  for (const record of body) {
    const row = checkRow(record.fields, map.value, CHANNELS, deps.config.timeZone);
    if (!row.ok) report.skipped.push({ line: record.line, reason: row.error });
    else batch.push(toHistory(row.value));
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return ok(report);
}
