// A bulk import's connection settings: the WAL is copied into the file by a thread of its own while
// the import writes, its commits checkpoint only far out, and everything is put back at the end.
import { statSync } from 'node:fs';
import { expect, it } from 'vitest';
import { bulkWrites } from '../../src/entry/importFile';
import type { SqliteHandle } from '../../src/db/sqlite';
import { tempDatabases } from '../helpers/tempDatabases';

const databases = tempDatabases();

/** `batches` × 50 pages of writes. */
async function write(h: SqliteHandle, batches: number) {
  const rows = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO pad (b) SELECT randomblob(4000) FROM n';
  for (let i = 0; i < batches; i++) await h.atomic([{ sql: rows, params: [] }]);
}

async function grows(path: string, from: number, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (statSync(path).size > from + 1_500_000) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

it('checkpoints on another thread during the import and puts the connection back afterwards', async () => {
  const path = databases.path();
  const h = databases.open(path);
  h.sqlite.exec('CREATE TABLE pad (b BLOB)');
  const setting = () => [h.sqlite.pragma('wal_autocheckpoint', { simple: true }), h.sqlite.pragma('threads', { simple: true })];
  const before = setting();
  expect(before[0]).toBe(1000);

  const undo = bulkWrites(h.sqlite);
  expect(setting()).toEqual([64_000, 2]);
  const start = statSync(path).size;
  // 2,500 pages: far under the commits' own limit, so only the thread can have copied them.
  await write(h, 50);
  expect(await grows(path, start, 5_000)).toBe(true);

  await undo();
  expect(setting()).toEqual(before);
  // The thread has stopped: 500 pages, under the restored limit, stay in the log.
  h.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const after = statSync(path).size;
  await write(h, 10);
  expect(await grows(path, after, 1_000)).toBe(false);
  expect((h.sqlite.prepare('SELECT count(*) AS n FROM pad').get() as { n: number }).n).toBe(3_000);
});
