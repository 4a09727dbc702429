// Fresh SQLite files for tests of the database layer itself, each in its own folder; every file a
// test opened is closed and removed after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../src/db/sqlite';

export function tempDatabases() {
  const dirs: string[] = [];
  const handles: SqliteHandle[] = [];
  afterEach(() => {
    for (const h of handles.splice(0)) h.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  /** A path for a new database file (nothing is created there yet). */
  const path = () => {
    const dir = mkdtempSync(join(tmpdir(), 'heard-db-'));
    dirs.push(dir);
    return join(dir, 'heard.db');
  };
  /** Opens the file at `file` (a new one by default), closed after the test. */
  const open = (file = path(), opts?: Parameters<typeof openSqlite>[1]) => {
    const h = openSqlite(file, opts);
    handles.push(h);
    return h;
  };
  return { path, open };
}
