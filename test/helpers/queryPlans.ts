// Query plans of the statements Heard really runs: every statement on a test database's connection
// is recorded with its values, and SQLite is asked how it would run one (EXPLAIN QUERY PLAN).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openSqlite } from '../../src/db/sqlite';
import { testDepsOver, type TestDepsOptions } from '../shared/testDeps';

interface Ran {
  sql: string;
  params: unknown[];
}

/** Records every statement run on the connection with its values (statements are cached, so each is wrapped once). */
function recordQueries(sqlite: Database.Database): Ran[] {
  const ran: Ran[] = [];
  const wrapped = new WeakSet<object>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const stmt = prepare(source);
    if (wrapped.has(stmt)) return stmt;
    wrapped.add(stmt);
    for (const m of ['all', 'get', 'run', 'iterate'] as const) {
      const real = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[m] = (...params: unknown[]) => (ran.push({ sql: source, params }), real(...params));
    }
    return stmt;
  }) as typeof sqlite.prepare;
  return ran;
}

/** Test dependencies over a fresh SQLite file whose statements are recorded; `planOf` explains the last one matching. */
export function recordedDeps(opts: TestDepsOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'heard-plan-'));
  const handle = openSqlite(join(dir, 'heard.db'));
  const ran = recordQueries(handle.sqlite);
  const deps = testDepsOver({ db: handle.db, atomic: handle.atomic, dir, close: () => (handle.close(), rmSync(dir, { recursive: true, force: true })) }, opts);
  /** The plan of the last recorded statement matching `pattern`, one step a line. */
  const planOf = (pattern: RegExp) => {
    const q = [...ran].reverse().find((r) => pattern.test(r.sql));
    expect(q, String(pattern)).toBeDefined();
    return (handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${q!.sql}`).all(...q!.params) as { detail: string }[]).map((p) => p.detail).join('\n');
  };
  return { deps, handle, planOf };
}
