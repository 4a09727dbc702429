// Hot queries are compiled once per database handle and then run with named placeholders:
// building SQL from drizzle's query objects costs more than running it on SQLite. Measured
// (bench/caches.ts, same run, loaded machine): a read by id runs 3.3–7.6x faster compiled.
import { fillPlaceholders } from 'drizzle-orm/sql/sql';
import type { Db } from '../deps';
import { BoundedCache } from './cache';
import type { CellChange } from './rollupDeltas';

/** A write compiled with placeholders, with this call's values; runs alone or inside `atomic`. */
export interface BoundWrite {
  prepared: CompiledWrite;
  values: Record<string, unknown>;
  /**
   * Set on rollup statements: the change to the cells they make, which SQLite on Node sums per
   * transaction in memory instead of running them (src/db/rollupStage.ts).
   */
  cells?: CellChange;
}

export interface CompiledWrite {
  run(values?: Record<string, unknown>): unknown;
  getQuery(): { sql: string; params: unknown[] };
}

/** Returns a function giving the compiled form of `build` for a database handle, compiling it on first use. */
export function compiled<P>(build: (db: Db) => { prepare(): P }): (db: Db) => P {
  const cache = new WeakMap<Db, P>();
  return (db) => {
    let p = cache.get(db);
    if (p === undefined) {
      p = build(db).prepare();
      cache.set(db, p);
    }
    return p;
  };
}

/**
 * The same for statements that vary by a key (a time zone, a row count): at most `max` compiled
 * forms per database handle, the least recently used recompiled when needed again.
 */
export function compiledBy<K, P>(build: (db: Db, key: K) => { prepare(): P }, max: number): (db: Db, key: K) => P {
  const cache = new WeakMap<Db, BoundedCache<K, P>>();
  return (db, key) => {
    let forDb = cache.get(db);
    if (forDb === undefined) cache.set(db, (forDb = new BoundedCache(max)));
    return forDb.getOrMake(key, () => build(db, key).prepare());
  };
}

export function bind(prepared: CompiledWrite, values: Record<string, unknown>): BoundWrite {
  return { prepared, values };
}

/** SQL text and positional parameters of a bound write, for drivers that batch raw statements. */
export function boundQuery(w: BoundWrite) {
  const q = w.prepared.getQuery();
  return { sql: q.sql, params: fillPlaceholders(q.params, w.values) };
}
