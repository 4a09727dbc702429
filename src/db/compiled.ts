// Hot queries are compiled once per database handle and then run with named placeholders:
// building SQL from drizzle's query objects costs more than running it on SQLite.
import { fillPlaceholders } from 'drizzle-orm/sql/sql';
import type { Db } from '../deps';

/** A write compiled with placeholders, with this call's values; runs alone or inside `atomic`. */
export interface BoundWrite {
  prepared: CompiledWrite;
  values: Record<string, unknown>;
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

export function bind(prepared: CompiledWrite, values: Record<string, unknown>): BoundWrite {
  return { prepared, values };
}

/** SQL text and positional parameters of a bound write, for drivers that batch raw statements. */
export function boundQuery(w: BoundWrite) {
  const q = w.prepared.getQuery();
  return { sql: q.sql, params: fillPlaceholders(q.params, w.values) };
}
