// Bulk mode of a large import into the SQLite file (src/db/bulkMode.ts): the imported tables'
// indexes led by the customer or the agent are dropped while writing and made again at the end;
// the others (unique ones included) stay. A crash
// (the command line killed mid-import) or a stop leaves records from which the next import or
// runDueWork makes every index again, and the rows written before it stay exact in the rollups.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeHistoryFile } from '../../bench/import';
import { BULK_HOLD_MS, restoreBulkIndexes } from '../../src/db/bulkMode';
import { openSqlite, type SqliteHandle } from '../../src/db/sqlite';
import { importFile } from '../../src/entry/importFile';
import { runDueWork } from '../../src/services/dispatch';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { timeOrderedIds } from '../../src/services/import';
import { makeTestDeps, testConfig } from '../helpers/deps';

vi.setConfig({ testTimeout: 80_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const TABLES = `('interactions', 'survey_requests', 'responses')`;
const SCATTERED = ['interactions_agent_idx', 'interactions_customer_idx', 'responses_customer_idx', 'responses_dash_agent_idx', 'survey_requests_customer_idx'];

let dir = '';
let h: SqliteHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heard-bulk-'));
  h = openSqlite(join(dir, 'heard.db'));
});
afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

const indexes = (db: Database.Database = h.sqlite) =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ${TABLES} ORDER BY name`).all() as Array<{ name: string; sql: string | null }>;
const recorded = (db: Database.Database = h.sqlite) => (db.prepare('SELECT name FROM bulk_import_indexes ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
const rollups = () => JSON.stringify(h.sqlite.prepare('SELECT * FROM response_rollups ORDER BY cube, grain, channel, tag, period, team_id, agent_id').raw().all());
const count = (table: string) => (h.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const deps = () => ({ db: h.db, atomic: h.atomic, config: testConfig({ TIME_ZONE: 'Europe/Berlin' }), clock: Date.now, newId: timeOrderedIds() });

/** Imports the file in bulk mode once it has `minRows`; what the indexes were at each progress step. */
async function bulkImport(file: string, minRows: number, onStep?: () => void) {
  const seen: Array<{ missing: number; recorded: number }> = [];
  const all = indexes().length;
  const result = await importFile(deps(), file, {}, {
    batchSize: 500,
    maxParams: 32_000,
    now: Date.now(),
    bulk: { sqlite: h.sqlite, minRows },
    onProgress: () => {
      seen.push({ missing: all - indexes().length, recorded: recorded().length });
      onStep?.();
    },
  });
  return { result, seen };
}

/** Runs `heard import FILE` and sends it `signal` once it has dropped the indexes and committed rows. */
async function cliImportUntilBulk(file: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'import', file], {
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'heard.db'), TIME_ZONE: 'Europe/Berlin' },
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Watch from another connection.
  const watch = new Database(join(dir, 'heard.db'), { readonly: true });
  try {
    for (let i = 0; ; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const rows = (watch.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
      if (recorded(watch).length > 0 && rows > 0) break;
      if (i > 1200 || child.exitCode !== null) throw new Error(`the import ended before it could be stopped: ${stderr}`);
    }
  } finally {
    watch.close();
  }
  child.kill(signal);
  return { code: await exited, stderr };
}

describe('bulk mode of a large import', () => {
  it('drops the scattered indexes while writing, makes the same ones again, and keeps re-imports idempotent', async () => {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, 3000);
    const before = indexes();
    const unique = before.filter((i) => i.sql === null || /UNIQUE/.test(i.sql)).map((i) => i.name);
    expect(unique.length).toBeGreaterThanOrEqual(5);

    let during: string[] = [];
    const { result, seen } = await bulkImport(file, 1000, () => (during = indexes().map((i) => i.name)));
    expect(result).toMatchObject({ ok: true, value: { imported: 3000 } });
    // While writing: the five scattered indexes gone, each recorded; all the others there, the unique ones among them.
    expect(seen[0]).toEqual({ missing: SCATTERED.length, recorded: SCATTERED.length });
    expect(during).toEqual(before.map((i) => i.name).filter((n) => !SCATTERED.includes(n)));
    expect(during).toEqual(expect.arrayContaining(unique));
    // Afterwards: the same indexes, the same DDL, nothing left recorded; the rollups equal a rebuild.
    expect(indexes()).toEqual(before);
    expect(recorded()).toEqual([]);
    expect(h.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const incremental = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(incremental);

    // The same file again: the unique indexes find every row; the tables hold as much as the file, so bulk again.
    const again = await bulkImport(file, 1000);
    expect(again.result).toMatchObject({ ok: true, value: { imported: 0, duplicates: 3000 } });
    expect(count('responses')).toBe(3000);
    expect(indexes()).toEqual(before);
    expect(rollups()).toBe(incremental);
  });

  it('keeps the indexes for a file smaller than what the tables hold, or below the threshold', async () => {
    const big = join(dir, 'big.csv');
    const small = join(dir, 'small.csv');
    await writeHistoryFile(big, 2000);
    await writeHistoryFile(small, 1500);
    expect((await bulkImport(big, 5000)).seen.every((s) => s.missing === 0)).toBe(true);
    const second = await bulkImport(small, 1000);
    expect(second.result).toMatchObject({ ok: true, value: { imported: 0, duplicates: 1500 } });
    expect(second.seen.every((s) => s.missing === 0 && s.recorded === 0)).toBe(true);
  });

  it('makes the indexes again when the import stops on an error, keeping the rows written before it', async () => {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, 40_000);
    const before = indexes();
    let steps = 0;
    let held = 0;
    await expect(
      bulkImport(file, 1000, () => {
        held = recorded().length;
        if (++steps === 2) throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    expect(held).toBe(SCATTERED.length);
    expect(count('responses')).toBeGreaterThan(0);
    expect(count('responses')).toBeLessThan(40_000);
    expect(indexes()).toEqual(before);
    expect(recorded()).toEqual([]);
    const incremental = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(incremental);
  });

  it('after the command line is killed mid-import, the indexes come back once its hold runs out, and the rows written stay exact', async () => {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, 80_000);
    const before = indexes();
    h.close();
    await cliImportUntilBulk(file, 'SIGKILL');

    h = openSqlite(join(dir, 'heard.db'));
    const missing = recorded();
    expect(missing).toEqual(SCATTERED);
    expect(indexes().length).toBe(before.length - missing.length);
    expect(count('responses')).toBeLessThan(80_000);
    // Within the hold nothing happens (the import might still be running); after it, runDueWork-style restore.
    expect(await restoreBulkIndexes(h, Date.now())).toBe(0);
    expect(await restoreBulkIndexes(h, Date.now() + BULK_HOLD_MS + 1000)).toBe(missing.length);
    expect(indexes()).toEqual(before);
    expect(recorded()).toEqual([]);
    expect(h.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // What was committed before the kill is whole: every answer with its request and interaction, rollups exact.
    expect(count('interactions')).toBe(count('responses'));
    expect(count('survey_requests')).toBe(count('responses'));
    const incremental = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(incremental);

    // Importing the file again finishes the job: every row once.
    const resumed = await bulkImport(file, 1000);
    expect(resumed.result).toMatchObject({ ok: true, value: { rows: 80_000 } });
    expect(count('responses')).toBe(80_000);
    expect(indexes()).toEqual(before);
  });

  it('Ctrl-C on the command line stops after the batch being written and makes the indexes again before exiting', async () => {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, 80_000);
    const before = indexes();
    h.close();
    const { code, stderr } = await cliImportUntilBulk(file, 'SIGINT');
    expect(code).toBe(2);
    expect(stderr).toContain('Making 5 indexes again…');
    expect(stderr).toContain('heard: stopped; the rows written so far stay, and importing the same file again adds the rest');
    h = openSqlite(join(dir, 'heard.db'));
    expect(indexes()).toEqual(before);
    expect(recorded()).toEqual([]);
    expect(count('responses')).toBeGreaterThan(0);
    expect(count('responses')).toBeLessThan(80_000);
    const incremental = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(incremental);
  });

  it('runDueWork makes again the indexes an import left behind once its hold has run out', async () => {
    const d = makeTestDeps();
    try {
      // The customer index of the answers, dropped and recorded as a crashed import leaves it.
      const [index] = await d.db.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE name = 'responses_customer_idx'`);
      const now = d.clock();
      await d.atomic([
        { sql: 'INSERT INTO bulk_import_indexes (name, ddl, held_until, created_at) VALUES (?, ?, ?, ?)', params: [index!.name, index!.sql, now - 1, now - BULK_HOLD_MS] },
        { sql: 'DROP INDEX responses_customer_idx', params: [] },
      ]);
      const report = await runDueWork(d, now);
      expect(report.bulkIndexes).toBe(1);
      expect(await d.db.all(sql`SELECT sql FROM sqlite_master WHERE name = 'responses_customer_idx'`)).toEqual([{ sql: index!.sql }]);
      expect(await d.db.all(sql`SELECT name FROM bulk_import_indexes`)).toEqual([]);
    } finally {
      d.close();
    }
  });
});
