// The embedded default: one SQLite file through better-sqlite3. Only Node code imports this.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Deps, Statement } from '../deps';
import { BoundedCache } from './cache';
import { checkpointInBackground } from './checkpoints';
import { groupCommit, type GroupCommitOptions } from './groupCommit';
import { rollupStage } from './rollupStage';
import * as schema from './schema';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface SqliteHandle {
  db: Db;
  atomic: Deps['atomic'];
  sqlite: Database.Database;
  close(): void;
}

/**
 * Drizzle prepares a fresh statement for every query it runs; compiling SQL is a large share of a
 * request's cost. Reuse compiled statements by their text. Drizzle switches a statement to raw
 * (array) rows for some reads, so each reuse starts from object rows again.
 * Measured (bench/caches.ts, with and without in the same run, loaded machine): a small read by id
 * 1.1–1.7x faster; the rollup upsert an import batch runs takes 1.4–5 ms to prepare, ~5,000x a hit.
 */
function cacheStatements(sqlite: Database.Database, size = 500) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new BoundedCache<string, Database.Statement>(size);
  sqlite.prepare = ((source: string) => {
    const stmt = cache.getOrMake(source, prepare);
    if (stmt.reader) stmt.raw(false);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * Opens (creating if needed) the database file and brings its schema up to date. Atomic writes
 * are group-committed (src/db/groupCommit.ts); `groupCommit: false` gives each its own transaction.
 * `backgroundCheckpoints`: a worker thread copies the WAL into the file (./checkpoints.ts), for the server.
 */
export function openSqlite(path: string, opts: { groupCommit?: GroupCommitOptions | false; backgroundCheckpoints?: boolean } = {}): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable against application crashes and much faster than FULL.
  sqlite.pragma('synchronous = NORMAL');
  // data rights: deleted rows are overwritten with zeros, so an erased customer's words and address
  // do not linger in free pages of the file.
  sqlite.pragma('secure_delete = ON');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // better-sqlite3 transactions must be synchronous: run each prepared statement inside one.
  // Rollup statements are counted in memory and written once per transaction (src/db/rollupStage.ts).
  const rollups = rollupStage(sqlite);
  const runEach = (statements: readonly Statement[]) => {
    for (const s of statements) {
      if ('prepared' in s && s.cells) rollups.stage(s.cells);
      else if ('prepared' in s) s.prepared.run(s.values);
      else if ('sql' in s && 'params' in s) sqlite.prepare(s.sql).run(...s.params);
      else (s as unknown as { run(): unknown }).run();
    }
  };
  const runAll = sqlite.transaction((statements: readonly Statement[]) => {
    rollups.begin();
    runEach(statements);
    rollups.kept();
    rollups.end();
  });
  const group = opts.groupCommit === false ? null : groupCommit(sqlite, runEach, opts.groupCommit, rollups);
  const checkpoints = opts.backgroundCheckpoints && path !== ':memory:' ? checkpointInBackground(sqlite, path) : null;
  return {
    // The sync driver is awaited like the async one everywhere; the shared type says so.
    db: db as unknown as Db,
    atomic: async (statements) => {
      if (statements.length === 0) return;
      if (group) return group.submit(statements);
      runAll(statements);
    },
    sqlite,
    close: () => {
      group?.flush();
      void checkpoints?.stop();
      sqlite.close();
    },
  };
}
