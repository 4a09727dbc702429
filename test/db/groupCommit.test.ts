// Group commit: writes that arrive together share a transaction, yet each stands or falls alone,
// and nothing acknowledged is lost when the process dies between batches.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { teams } from '../../src/db/schema';
import { openSqlite, type SqliteHandle } from '../../src/db/sqlite';
import { tempDatabases } from '../helpers/tempDatabases';

const databases = tempDatabases();
const open = () => databases.open();

const names = async (h: SqliteHandle) => (await h.db.select({ name: teams.name }).from(teams)).map((t) => t.name).sort();

it('fails only the write that broke, and keeps the rest of its batch', async () => {
  const h = open();
  const team = (name: string) => h.db.insert(teams).values({ id: crypto.randomUUID(), name, createdAt: 1 });
  await h.atomic([team('taken')]);

  // Started in the same turn of the event loop, so they share one transaction.
  const results = await Promise.allSettled([
    h.atomic([team('a1'), team('a2')]),
    // Its first insert is fine, its second breaks the unique name: the whole write is undone.
    h.atomic([team('b1'), team('taken')]),
    h.atomic([team('c1')]),
  ]);

  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
  expect(await names(h)).toEqual(['a1', 'a2', 'c1', 'taken']);
});

it('answers each write only after its batch committed', async () => {
  const path = databases.path();
  const h = databases.open(path);
  const write = h.atomic([h.db.insert(teams).values({ id: 't1', name: 'pending', createdAt: 1 })]);
  // Queued, not yet written: another connection cannot see it, and neither can this one.
  expect(await h.db.select().from(teams).where(eq(teams.name, 'pending'))).toEqual([]);
  await write;
  const other = openSqlite(path);
  expect(await other.db.select({ id: teams.id }).from(teams)).toEqual([{ id: 't1' }]);
  other.close();
});

it('loses no acknowledged write when the process is killed between batches', async () => {
  const path = databases.path();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/ackingWriter.ts', import.meta.url)), path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: string[] = [];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= 2000) resolve();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const stored = new Set(await names(databases.open(path)));
  expect(acked.filter((name) => !stored.has(name))).toEqual([]);
  expect(stored.size).toBeGreaterThanOrEqual(acked.length);
}, 60_000);

it('undoes a large failing write alone, its page copies held in memory only for the batch', async () => {
  const h = open();
  const team = (name: string) => h.db.insert(teams).values({ id: crypto.randomUUID(), name, createdAt: 1 });
  // Each write touches far more than SQLite's 64 KB of savepoint copies kept in memory by default.
  const many = (prefix: string) => Array.from({ length: 400 }, (_, i) => team(`${prefix}-${String(i).padStart(4, '0')}-${'x'.repeat(200)}`));
  await h.atomic([team('taken')]);
  const results = await Promise.allSettled([h.atomic(many('a')), h.atomic([...many('b'), team('taken')]), h.atomic(many('c'))]);

  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const stored = await names(h);
  expect(stored.filter((n) => n.startsWith('a-'))).toHaveLength(400);
  expect(stored.filter((n) => n.startsWith('b-'))).toEqual([]);
  expect(stored.filter((n) => n.startsWith('c-'))).toHaveLength(400);
  // Between batches the connection is back to temporary files, so large sorts can spill to disk.
  expect(h.sqlite.pragma('temp_store', { simple: true })).toBe(0);
});

it('undoes the whole of a write that fails alone in its batch, and keeps writing after it', async () => {
  const h = open();
  const team = (name: string) => h.db.insert(teams).values({ id: crypto.randomUUID(), name, createdAt: 1 });
  await h.atomic([team('taken')]);
  // Alone in its batch: its first insert is fine, its second breaks the unique name.
  await expect(h.atomic([team('d1'), team('taken')])).rejects.toThrow(/UNIQUE/);
  expect(h.sqlite.inTransaction).toBe(false);
  await h.atomic([team('e1')]);
  expect(await names(h)).toEqual(['e1', 'taken']);
});
