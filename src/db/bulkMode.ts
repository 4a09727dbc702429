// Bulk mode of a large history import into the SQLite file: work that costs less done once at the
// end than row by row is left until then.
// - The indexes whose entries land all over them (those that start with the customer or the agent)
//   are dropped before writing and made again at the end. Creating an index sorts its entries
//   once, far cheaper than a million scattered b-tree inserts (README "How a large import runs").
//   The other indexes stay: imported rows land at their ends (time-ordered ids, times), the
//   server's background work polls them, and the unique ones are how re-imports find their rows.
//   The dropped indexes' DDL is recorded in the transaction that drops them, and each record is
//   deleted in the transaction that re-creates its index, so a crash or a stop can only leave
//   records behind, never a missing index nobody knows about: the next import or runDueWork
//   re-creates them once the import's hold runs out.
// - The rows are written without their rollup cells: the import sums them across batches and
//   writes each cell a few times instead of once per batch (src/services/importer/bulkCells.ts).
//   rollup_state.held_until marks the cells stale meanwhile: the dashboards read them as they
//   are, and once the hold runs out (a crash) the next dashboard or runDueWork rebuilds them
//   (src/services/dashboard/rollups.ts).
import type Database from 'better-sqlite3';
import { asc, eq, lt } from 'drizzle-orm';
import type { Deps } from '../deps';
import { cellsCurrent, ROLLUP_VERSION, type RollupStateRow } from './queries/cells';
import { bulkImportIndexes } from './schema';

/** The tables each imported row writes to. */
const BULK_TABLES = ['interactions', 'survey_requests', 'responses'];
/** A non-unique index led by one of these columns takes imported rows all over it. */
const SCATTERED = /^\s*CREATE\s+INDEX\s+\S+\s+ON\s+\S+\s*\(\s*[`"]?(customer_id|agent_id)[`"]?\s*[,)]/i;
/** An import renews its hold while it runs; past it, anyone may re-create the indexes. */
export const BULK_HOLD_MS = 120_000;
/** Below this many rows keeping the indexes costs less than making them again. */
export const BULK_MIN_ROWS = 50_000;

/** Whether an import of about `rows` rows should drop the indexes: large, and at least as large as what is there. */
export function wantsBulk(sqlite: Database.Database, rows: number, minRows = BULK_MIN_ROWS): boolean {
  if (rows < minRows) return false;
  const held = sqlite.prepare('SELECT count(*) AS n FROM bulk_import_indexes').get() as { n: number };
  // Another import holds the indexes (or left them to be re-created): it does not start a second.
  if (held.n > 0) return false;
  const existing = sqlite.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number };
  return rows >= existing.n;
}

export interface BulkStart {
  /** The indexes dropped. */
  dropped: string[];
  /** The rollup state's built_at if the cells were exact when the hold began (else a rebuild is due at the end). */
  exactAt: number | null;
}

/**
 * Starts bulk mode: holds the rollup cells stale and drops the scattered indexes of the imported
 * tables, recording their DDL, in one transaction.
 */
export function startBulk(sqlite: Database.Database, now: number, timeZone: string): BulkStart {
  return sqlite.transaction(() => {
    const prior = sqlite
      .prepare('SELECT time_zone AS timeZone, version, held_until AS heldUntil, built_at AS builtAt FROM rollup_state WHERE id = 1')
      .get() as RollupStateRow | undefined;
    // Never built: exact if there is nothing to count (a new install), else version 0 asks for a rebuild.
    const empty = !prior && !sqlite.prepare('SELECT 1 FROM responses UNION ALL SELECT 1 FROM survey_requests LIMIT 1').get();
    const exact = empty || cellsCurrent(prior, timeZone);
    sqlite
      .prepare('INSERT INTO rollup_state (id, time_zone, built_at, version, held_until) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET held_until = excluded.held_until')
      .run(timeZone, now, empty ? ROLLUP_VERSION : 0, now + BULK_HOLD_MS);
    const indexes = sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')}) ORDER BY name`,
      )
      .all(...BULK_TABLES) as Array<{ name: string; sql: string }>;
    const dropped: string[] = [];
    const record = sqlite.prepare('INSERT INTO bulk_import_indexes (name, ddl, held_until, created_at) VALUES (?, ?, ?, ?)');
    for (const { name, sql } of indexes) {
      if (!SCATTERED.test(sql)) continue;
      record.run(name, sql, now + BULK_HOLD_MS, now);
      sqlite.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      dropped.push(name);
    }
    return { dropped, exactAt: !exact ? null : prior ? prior.builtAt : now };
  })();
}

/**
 * Connection settings for the length of a bulk import; returns what puts them back. The WAL is
 * copied into the file by a thread of its own meanwhile (src/entry/importFile.ts starts it; done
 * inside the import's commits it was a tenth of the writing thread's time), so the import's own
 * commits checkpoint only past 256 MB of log, should that thread fall behind. CREATE INDEX sorts
 * on two threads.
 */
export function bulkSettings(sqlite: Database.Database): () => void {
  const checkpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const threads = sqlite.pragma('threads', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${BULK_BACKSTOP_PAGES}`);
  sqlite.pragma('threads = 2');
  return () => {
    sqlite.pragma(`wal_autocheckpoint = ${checkpoint}`);
    sqlite.pragma(`threads = ${threads}`);
  };
}
/** The log a bulk import's own commits let grow (4 KiB pages). */
export const BULK_BACKSTOP_PAGES = 64_000;

/** Keeps the holds of the running import: its dropped indexes and its stale cells. */
export function renewBulkHold(sqlite: Database.Database, now: number): void {
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE bulk_import_indexes SET held_until = ?').run(now + BULK_HOLD_MS);
    // Also after a rebuild took the hold away (one that ran out while this import was stopped, say):
    // the rows written from here on have no cells either.
    sqlite.prepare('UPDATE rollup_state SET held_until = ?').run(now + BULK_HOLD_MS);
  })();
}

/**
 * Re-creates recorded indexes, each with the removal of its record in one atomic write: all of
 * them (the import that dropped them, at its end) or those whose hold has run out (a crash or a
 * stop; runDueWork and the next import). On D1 nothing is ever recorded. Returns how many.
 */
export async function restoreBulkIndexes(deps: Pick<Deps, 'db' | 'atomic'>, now: number | 'all'): Promise<number> {
  const due = await deps.db
    .select({ name: bulkImportIndexes.name, ddl: bulkImportIndexes.ddl })
    .from(bulkImportIndexes)
    .where(now === 'all' ? undefined : lt(bulkImportIndexes.heldUntil, now))
    .orderBy(asc(bulkImportIndexes.name));
  for (const { name, ddl } of due) {
    // IF NOT EXISTS: a re-creation cut short after its commit finds the index there.
    const create = ddl.replace(/^\s*CREATE\s+INDEX\s+(IF\s+NOT\s+EXISTS\s+)?/i, 'CREATE INDEX IF NOT EXISTS ');
    await deps.atomic([{ sql: create, params: [] }, deps.db.delete(bulkImportIndexes).where(eq(bulkImportIndexes.name, name))]);
  }
  return due.length;
}
