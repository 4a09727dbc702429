// The server's WAL is copied into the database file by a worker thread, so that no commit (and no
// request behind it) waits for a checkpoint; the commits keep a far limit as a backstop.
import { statSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BACKSTOP_PAGES } from '../../src/db/checkpoints';
import type { SqliteHandle } from '../../src/db/sqlite';
import { tempDatabases } from '../helpers/tempDatabases';

const databases = tempDatabases();

function open(backgroundCheckpoints: boolean) {
  const path = databases.path();
  const h = databases.open(path, { backgroundCheckpoints });
  h.sqlite.exec('CREATE TABLE pad (b BLOB)');
  return { h, path };
}

/** About 2,500 pages of writes: under the backstop, so only the worker can copy them. */
async function write(h: SqliteHandle) {
  const rows = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO pad (b) SELECT randomblob(4000) FROM n';
  for (let i = 0; i < 50; i++) await h.atomic([{ sql: rows, params: [] }]);
}

async function fileGrows(path: string, from: number, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (statSync(path).size > from + 5_000_000) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

it('copies committed pages into the database file in the background', async () => {
  const { h, path } = open(true);
  expect(h.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
  const before = statSync(path).size;
  await write(h);
  expect(await fileGrows(path, before, 5_000)).toBe(true);
  expect((await h.db.all<{ n: number }>('SELECT count(*) AS n FROM pad'))[0]).toEqual({ n: 2_500 });
});

it('leaves checkpoints to the commits without the worker (tools and tests)', async () => {
  const { h, path } = open(false);
  expect(h.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  const before = statSync(path).size;
  await write(h);
  // SQLite's own checkpoint at 1,000 pages ran inside a commit.
  expect(statSync(path).size).toBeGreaterThan(before + 5_000_000);
});
