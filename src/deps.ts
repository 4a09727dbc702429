// Everything the app needs from the outside world, injected by an entry (Node, Workers) or a test.
import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Analyser } from './analysers/analyser';
import type { Config } from './config';
import type { BoundWrite } from './db/compiled';
import type * as schema from './db/schema';
import type { Mailer } from './mail/types';

/** Drizzle over better-sqlite3 (sync) or D1 (async); always awaited so both behave alike. */
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** A write that can run inside `atomic`: a drizzle query, a compiled one with its values, or raw SQL with positional values. */
export type Statement = BatchItem<'sqlite'> | BoundWrite | RawWrite;

/**
 * SQL text with `?` placeholders and their values, for bulk writers (imports) whose thousands of
 * values per statement would cost more to pass through drizzle than SQLite takes to write them.
 */
export interface RawWrite {
  sql: string;
  params: readonly unknown[];
}

export interface Deps {
  db: Db;
  /** Runs the statements all-or-nothing: a D1 batch, or a synchronous SQLite transaction. */
  atomic(statements: readonly Statement[]): Promise<void>;
  mailer: Mailer;
  /** Epoch milliseconds. */
  clock(): number;
  newId(): string;
  config: Config;
  /** Bound values one statement may carry: D1's limit (99) when absent; far more on SQLite. */
  maxParams?: number;
  /** Erasure steps one request runs before answering 202 and leaving the rest to runDueWork: 100 when absent. */
  erasureSteps?: number;
  /** Reads sentiment and themes from comments; the built-in lexicon analyser when absent. */
  analyser?: Analyser;
}
