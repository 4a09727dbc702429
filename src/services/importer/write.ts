// Writes checked history rows: interactions, their survey requests and the imported answers, with
// the rollups moved in the same atomic write. Agents, customers and teams are looked up once per
// run and remembered, so each row costs three inserts and no lookups.
import { getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import { agents, customers, interactions, responses, surveyRequests, teams } from '../../db/schema';
import { BoundedCache } from '../../db/cache';
import type { Deps, RawWrite, Statement } from '../../deps';
import type { MappedRow } from '../../domain/import/row';
import { RollupDeltas, type CountedAnswer } from '../../db/rollupDeltas';
import type { BulkCells } from './bulkCells';
import { eventStatement } from '../customers/events';

export type WriterDeps = Pick<Deps, 'db' | 'atomic' | 'config' | 'clock' | 'newId'>;

// Multi-row inserts as raw SQL with positional values: a row's values are one flat array. Values
// the same on every imported row are written into the SQL text (`fixed`), not bound per row.
type InsertKind = keyof typeof TABLES;
interface TableSpec {
  table: Parameters<typeof getTableName>[0];
  cols: readonly string[];
  fixed?: Readonly<Record<string, string>>;
  ignore: boolean;
}
const TABLES = {
  teams: { table: teams, cols: ['id', 'name', 'createdAt'], ignore: true },
  agents: { table: agents, cols: ['id', 'email', 'name', 'teamId', 'createdAt'], ignore: true },
  customers: { table: customers, cols: ['id', 'email', 'name', 'createdAt'], ignore: true },
  interactions: { table: interactions, cols: ['id', 'externalId', 'customerId', 'agentId', 'teamId', 'channel', 'survey', 'tags', 'closedAt', 'createdAt'], ignore: false },
  // Imported answers were sent by another tool: 'sent' without a message id counts as no delivery of Heard's.
  requests: { table: surveyRequests, cols: ['id', 'interactionId', 'customerId', 'survey', 'sendAfter', 'sentAt', 'createdAt'], fixed: { status: "'sent'", attempts: '1' }, ignore: false },
  responses: {
    table: responses,
    cols: ['id', 'requestId', 'interactionId', 'customerId', 'agentId', 'teamId', 'channel', 'survey', 'score', 'comment', 'createdAt', 'updatedAt'],
    fixed: { flagged: '0', source: "'import'" },
    ignore: false,
  },
} satisfies Record<string, TableSpec>;

// Full chunks share one text per kind; only each batch's last chunk has another row count. Texts
// of this size take tens of µs to build (see upsertText in src/db/rollupDeltas.ts), a hit under 1 µs.
const insertTexts = new BoundedCache<string, string>(64);
function insertSql(kind: InsertKind, n: number): string {
  return insertTexts.getOrMake(`${kind}:${n}`, () => {
    const { table, cols, fixed = {}, ignore }: TableSpec = TABLES[kind];
    const columns = getTableColumns(table) as Record<string, { name: string }>;
    const names = [...cols, ...Object.keys(fixed)].map((c) => `"${columns[c]!.name}"`);
    const row = `(${[...cols.map(() => '?'), ...Object.values(fixed)].join(', ')})`;
    return `INSERT INTO "${getTableName(table)}" (${names.join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')}${ignore ? ' ON CONFLICT DO NOTHING' : ''}`;
  });
}

/** Statements inserting rows of one kind given as one flat array of values, under the parameter limit. */
function inserts(kind: InsertKind, values: readonly unknown[], maxParams: number, maxRows: number): RawWrite[] {
  const width = TABLES[kind].cols.length;
  const size = Math.max(1, Math.min(maxRows, Math.floor(maxParams / width)));
  const out: RawWrite[] = [];
  for (let i = 0; i < values.length; i += size * width) {
    const params = values.slice(i, i + size * width);
    out.push({ sql: insertSql(kind, params.length / width), params });
  }
  return out;
}

export interface WriteResult {
  created: number;
  duplicates: number;
}
type Written = WriteResult & { counted: CountedAnswer[] };

/** Statements to write with the rows, made from what the write will do (an import job's progress). */
export type Extra = (result: WriteResult) => Statement[];

export interface WriterOptions {
  /** Bound parameters one statement may carry: 99 on D1, far more on SQLite. */
  maxParams: number;
  /**
   * Bulk mode (src/db/bulkMode.ts): the rows in file order, since the indexes led by the agent are
   * dropped, and their cells summed into `cells` once written instead of written with them.
   */
  bulk?: { cells: BulkCells };
}

// Ids remembered per kind before the memory is given back (a lookup costs little against a batch).
const MAX_REMEMBERED = 200_000;

// Rows per statement past which SQLite gains nothing and compiling costs more.
const MAX_ROWS_PER_STATEMENT = 200;

export class HistoryWriter {
  private readonly ids = { team: new Map<string, string>(), agent: new Map<string, string>(), customer: new Map<string, string>() };

  constructor(
    private readonly deps: WriterDeps,
    private readonly opts: WriterOptions,
  ) {}

  /** Looks up the ids of keys not yet known; returns the keys still missing (new rows to create). */
  private async resolve(kind: 'team' | 'agent' | 'customer', keys: Iterable<string>): Promise<string[]> {
    const known = this.ids[kind];
    const wanted = [...new Set(keys)].filter((k) => !known.has(k));
    if (wanted.length === 0) return [];
    const table = kind === 'team' ? teams : kind === 'agent' ? agents : customers;
    const keyCol = kind === 'team' ? teams.name : kind === 'agent' ? agents.email : customers.email;
    const found = (await this.deps.db
      .select({ id: table.id, key: keyCol })
      .from(table)
      .where(inArray(keyCol, sql`(SELECT value FROM json_each(${JSON.stringify(wanted)}))`))) as Array<{ id: string; key: string }>;
    for (const f of found) known.set(f.key, f.id);
    return wanted.filter((k) => !known.has(k));
  }

  /**
   * Writes the rows whose external id is new, in one atomic write together with the `extra`
   * statements. Rows already in Heard, or repeated, are counted and left alone.
   */
  async write(rows: readonly MappedRow[], extra: Extra = () => []): Promise<WriteResult> {
    let written: Written;
    try {
      written = await this.tryWrite(rows, extra);
    } catch (error) {
      // Another writer may have created an agent, customer or team between lookup and write:
      // forget what was remembered and try once more with fresh lookups.
      for (const m of Object.values(this.ids)) m.clear();
      written = await this.tryWrite(rows, extra).catch(() => Promise.reject(error));
    }
    await this.opts.bulk?.cells.add(written.counted);
    return { created: written.created, duplicates: written.duplicates };
  }

  /** Writes the rows; in bulk mode also returns the answers written, for their cells. */
  private async tryWrite(rows: readonly MappedRow[], extra: Extra): Promise<Written> {
    const { deps, opts } = this;
    const db = deps.db;
    const existing = new Set(
      rows.length === 0
        ? []
        : (
            await db
              .select({ externalId: interactions.externalId })
              .from(interactions)
              .where(inArray(interactions.externalId, sql`(SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.externalId))}))`))
          ).map((r) => r.externalId),
    );
    const fresh: MappedRow[] = [];
    for (const r of rows) {
      if (!existing.has(r.externalId)) {
        existing.add(r.externalId);
        fresh.push(r);
      }
    }
    const duplicates = rows.length - fresh.length;
    // customers: a row's churn date is a churn event of its customer, stored once whatever the row
    // (a file imported again with a churn column added still records them).
    const churn = rows.flatMap((r) =>
      r.churnedAt === null ? [] : [eventStatement(deps.newId(), { email: r.customerEmail, type: 'churned', at: r.churnedAt, reason: null, source: 'import' }, deps.clock())],
    );
    if (fresh.length === 0) {
      const more = [...churn, ...extra({ created: 0, duplicates })];
      if (more.length) await deps.atomic(more);
      return { created: 0, duplicates, counted: [] };
    }

    const now = deps.clock();
    const newTeams = await this.resolve('team', fresh.flatMap((r) => (r.team ? [r.team] : [])));
    const newAgents = await this.resolve('agent', fresh.map((r) => r.agentEmail));
    const newCustomers = await this.resolve('customer', fresh.map((r) => r.customerEmail));
    const pending = { team: new Map<string, string>(), agent: new Map<string, string>(), customer: new Map<string, string>() };
    for (const t of newTeams) pending.team.set(t, deps.newId());
    for (const a of newAgents) pending.agent.set(a, deps.newId());
    for (const c of newCustomers) pending.customer.set(c, deps.newId());
    const idOf = (kind: 'team' | 'agent' | 'customer', key: string) => this.ids[kind].get(key) ?? pending[kind].get(key)!;

    const teamRows = newTeams.flatMap((t) => [pending.team.get(t), t, now]);
    // A new agent starts in the team of its first row; an agent Heard knows keeps its home team.
    // New agents and customers take the values of their first row in the file.
    const agentRows: unknown[] = [];
    const customerRows: unknown[] = [];
    const firstOf = { agent: new Set<string>(), customer: new Set<string>() };
    for (const r of fresh) {
      if (pending.agent.has(r.agentEmail) && !firstOf.agent.has(r.agentEmail)) {
        firstOf.agent.add(r.agentEmail);
        agentRows.push(pending.agent.get(r.agentEmail), r.agentEmail, r.agentName, r.team ? idOf('team', r.team) : null, now);
      }
      if (pending.customer.has(r.customerEmail) && !firstOf.customer.has(r.customerEmail)) {
        firstOf.customer.add(r.customerEmail);
        customerRows.push(pending.customer.get(r.customerEmail), r.customerEmail, r.customerName, now);
      }
    }
    // Rows go in grouped by agent (in file order within an agent): the indexes that lead with the
    // agent then grow at one place per agent instead of taking every row somewhere else, which
    // halves the cost of writing interactions and answers (bench/import.ts). In bulk mode those
    // indexes are dropped, and file order keeps the indexes led by time growing at their ends.
    const byAgent = fresh.map((r) => ({ r, agentId: idOf('agent', r.agentEmail) }));
    if (!opts.bulk) byAgent.sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
    const interactionRows: unknown[] = [];
    const requestRows: unknown[] = [];
    const responseRows: unknown[] = [];
    const rollups = opts.bulk ? null : new RollupDeltas(deps.config.timeZone);
    const counted: CountedAnswer[] = [];
    for (const { r, agentId } of byAgent) {
      const teamId = r.team ? idOf('team', r.team) : null;
      const customerId = idOf('customer', r.customerEmail);
      const interactionId = deps.newId();
      const requestId = deps.newId();
      interactionRows.push(interactionId, r.externalId, customerId, agentId, teamId, r.channel, r.survey, JSON.stringify(r.tags), r.closedAt, now);
      requestRows.push(requestId, interactionId, customerId, r.survey, r.closedAt, r.closedAt, now);
      responseRows.push(deps.newId(), requestId, interactionId, customerId, agentId, teamId, r.channel, r.survey, r.score, r.comment, r.respondedAt, r.respondedAt);
      const answer = { at: r.respondedAt, teamId, agentId, channel: r.channel, tags: r.tags, survey: r.survey, score: r.score };
      if (rollups) rollups.add(answer);
      else counted.push(answer);
    }
    const max = opts.maxParams;
    const statements: Statement[] = [
      ...inserts('teams', teamRows, max, MAX_ROWS_PER_STATEMENT),
      ...inserts('agents', agentRows, max, MAX_ROWS_PER_STATEMENT),
      ...inserts('customers', customerRows, max, MAX_ROWS_PER_STATEMENT),
      ...inserts('interactions', interactionRows, max, MAX_ROWS_PER_STATEMENT),
      ...inserts('requests', requestRows, max, MAX_ROWS_PER_STATEMENT),
      ...inserts('responses', responseRows, max, MAX_ROWS_PER_STATEMENT),
      ...(rollups?.statements(max) ?? []),
      ...churn,
      ...extra({ created: fresh.length, duplicates }),
    ];
    await deps.atomic(statements);
    for (const kind of ['team', 'agent', 'customer'] as const) {
      // Customers can number in the millions: past a bound they are looked up again, so memory stays flat.
      if (this.ids[kind].size > MAX_REMEMBERED) this.ids[kind].clear();
      for (const [k, id] of pending[kind]) this.ids[kind].set(k, id);
    }
    return { created: fresh.length, duplicates, counted };
  }
}
