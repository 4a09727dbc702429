// Group commit for the SQLite file: the atomic writes of requests that arrive together share one
// transaction, so each commit's WAL frames (index pages, rollup cells) are written once for the
// group instead of once per request. Each write still runs all-or-nothing in its own savepoint: a
// failing write is rolled back alone and fails only its caller. Every caller is answered after
// the commit that holds its write, so nothing is acknowledged before it is in the WAL.
import type Database from 'better-sqlite3';

export interface GroupCommitOptions {
  /** Flush as soon as this many writes wait. */
  maxBatch: number;
  /** Longest a write waits for company; 0 flushes after the current turn of the event loop. */
  maxWaitMs: number;
}

/** What else a batch does around its writes (the rollups: ./rollupStage.ts); all run inside its transaction. */
export interface BatchHooks {
  /** Before the batch's first write. */
  begin(): void;
  /** The write just run is kept (its savepoint released). */
  kept(): void;
  /** The write just run was rolled back to its savepoint. */
  undone(): void;
  /** After the batch's last write, before COMMIT. */
  end(): void;
}

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxBatch: 64, maxWaitMs: 0 };

interface Waiting<T> {
  write: T;
  resolve(): void;
  reject(error: unknown): void;
}

export interface GroupCommit<T> {
  /** Resolves once `write` is committed; rejects with its own error if it failed. */
  submit(write: T): Promise<void>;
  /** Commits what waits now (before closing the database). */
  flush(): void;
}

export function groupCommit<T>(
  sqlite: Database.Database,
  run: (write: T) => void,
  opts: GroupCommitOptions = GROUP_COMMIT_DEFAULTS,
  hooks?: BatchHooks,
): GroupCommit<T> {
  const sql = (text: string) => sqlite.prepare(text);
  const begin = sql('BEGIN IMMEDIATE');
  const commit = sql('COMMIT');
  const savepoint = sql('SAVEPOINT heard_write');
  const release = sql('RELEASE heard_write');
  const rollbackTo = sql('ROLLBACK TO heard_write');
  // Each savepoint (and statement journal) copies every page its write touches. Past 64 KB SQLite
  // spilled those copies to a temporary file, two system calls a page, in most batches; held in
  // memory for the batch they cost a copy. Only around the batch: the same setting on the connection
  // would keep large sorts (index builds, the rollup rebuild) in memory too.
  const journalInMemory = sql('PRAGMA temp_store = MEMORY');
  const journalOnDisk = sql('PRAGMA temp_store = DEFAULT');
  let waiting: Waiting<T>[] = [];
  let scheduled: { cancel(): void } | null = null;

  function flush() {
    scheduled?.cancel();
    scheduled = null;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const failed = new Map<Waiting<T>, unknown>();
    // A write alone needs no savepoint: if it fails, rolling back the transaction undoes it just as
    // well. A savepoint first copies every page the write changes aside, which for an import batch
    // of thousands of rows was 7% of its CPU time (README "How a large import runs").
    const alone = batch.length === 1;
    try {
      journalInMemory.run();
      begin.run();
      hooks?.begin();
      for (const w of batch) {
        if (!alone) savepoint.run();
        try {
          run(w.write);
          if (!alone) release.run();
          hooks?.kept();
        } catch (error) {
          // Some errors (disk full, I/O) end the whole transaction; then nothing here is kept.
          if (alone || !sqlite.inTransaction) throw error;
          rollbackTo.run();
          release.run();
          hooks?.undone();
          failed.set(w, error);
        }
      }
      hooks?.end();
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      for (const w of batch) w.reject(error);
      return;
    } finally {
      journalOnDisk.run();
    }
    for (const w of batch) {
      if (failed.has(w)) w.reject(failed.get(w));
      else w.resolve();
    }
  }

  function schedule() {
    if (opts.maxWaitMs > 0) {
      const t = setTimeout(flush, opts.maxWaitMs);
      return { cancel: () => clearTimeout(t) };
    }
    const t = setImmediate(flush);
    return { cancel: () => clearImmediate(t) };
  }

  return {
    submit: (write) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ write, resolve, reject });
        if (waiting.length >= opts.maxBatch) flush();
        else scheduled ??= schedule();
      }),
    flush,
  };
}
