// Bulk mode of a large import into the SQLite file (src/db/bulkMode.ts): the imported tables'
// indexes led by the customer or the agent are dropped while writing and made again at the end;
// the others (unique ones included) stay. The rows' rollup cells are summed across batches under
// a hold and written at the end. A crash (the command line killed mid-import) or a stop leaves
// records from which the next import or runDueWork makes every index again, and a hold whose
// running out makes the next dashboard or runDueWork rebuild the cells.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeHistoryFile } from '../../bench/import';
import { BULK_HOLD_MS, restoreBulkIndexes } from '../../src/db/bulkMode';
import { ROLLUP_VERSION } from '../../src/db/queries/cells';
import { openSqlite, type SqliteHandle } from '../../src/db/sqlite';
import { importFile } from '../../src/entry/importFile';
import { runDueWork } from '../../src/services/dispatch';
import { ensureRollups, rebuildAbandonedRollups, rebuildRollups } from '../../src/services/dashboard/rollups';
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
const rollupState = () => h.sqlite.prepare('SELECT version, held_until AS heldUntil, built_at AS builtAt FROM rollup_state WHERE id = 1').get() as { version: number; heldUntil: number | null; builtAt: number } | undefined;

const deps = () => ({ db: h.db, atomic: h.atomic, config: testConfig({ TIME_ZONE: 'Europe/Berlin' }), clock: Date.now, newId: timeOrderedIds() });

/** Imports the file in bulk mode once it has `minRows`; what the indexes, the hold and the cells were at each progress step. */
async function bulkImport(file: string, minRows: number, onStep?: () => unknown, maxSummed?: number) {
  const seen: Array<{ missing: number; recorded: number; held: boolean; cells: number }> = [];
  const all = indexes().length;
  const result = await importFile(deps(), file, {}, {
    batchSize: 500,
    maxParams: 32_000,
    now: Date.now(),
    bulk: { sqlite: h.sqlite, minRows, maxSummed },
    onProgress: async () => {
      seen.push({ missing: all - indexes().length, recorded: recorded().length, held: (rollupState()?.heldUntil ?? 0) > Date.now(), cells: count('response_rollups') });
      await onStep?.();
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
    const { result, seen } = await bulkImport(file, 1000, async () => {
      during = indexes().map((i) => i.name);
      // A dashboard opened meanwhile reads the cells as they are: no rebuild under the hold.
      await ensureRollups(deps());
    });
    expect(result).toMatchObject({ ok: true, value: { imported: 3000 } });
    // While writing: the five scattered indexes gone, each recorded; all the others there, the
    // unique ones among them; the cells held, none written yet (3,000 rows sum far fewer cells than the bound).
    expect(seen[0]).toEqual({ missing: SCATTERED.length, recorded: SCATTERED.length, held: true, cells: 0 });
    expect(seen.every((s) => s.held && s.cells === 0)).toBe(true);
    expect(during).toEqual(before.map((i) => i.name).filter((n) => !SCATTERED.includes(n)));
    expect(during).toEqual(expect.arrayContaining(unique));
    // Afterwards: the same indexes, the same DDL, nothing left recorded; the rollups equal a rebuild.
    expect(indexes()).toEqual(before);
    expect(recorded()).toEqual([]);
    expect(h.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // A new install's cells: written once at the end, current, no hold left.
    expect(rollupState()).toMatchObject({ version: ROLLUP_VERSION, heldUntil: null });
    const incremental = rollups();
    expect(count('response_rollups')).toBeGreaterThan(0);
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

  it('after the command line is killed mid-import, the indexes come back and the cells are rebuilt once its hold runs out', async () => {
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
    // What was committed before the kill is whole: every answer with its request and interaction.
    expect(count('interactions')).toBe(count('responses'));
    expect(count('survey_requests')).toBe(count('responses'));
    // Its cells were still being summed: held stale, and no dashboard rebuilds them while the hold lasts.
    const stale = rollups();
    expect(rollupState()!.heldUntil).toBeGreaterThan(Date.now());
    await ensureRollups(deps());
    expect(rollups()).toBe(stale);
    expect(await rebuildAbandonedRollups(deps(), Date.now())).toBe(0);
    // Once it has run out, runDueWork rebuilds them: they count every row written.
    expect(await rebuildAbandonedRollups(deps(), Date.now() + BULK_HOLD_MS + 1000)).toBe(1);
    expect(rollups()).not.toBe(stale);
    expect(rollupState()).toMatchObject({ version: ROLLUP_VERSION, heldUntil: null });
    const rebuilt = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(rebuilt);
    expect(JSON.parse(rebuilt).length).toBeGreaterThan(0);

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

  it('writes the summed cells whenever they reach the bound, and they equal a rebuild at the end', async () => {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, 30_000);
    const { result, seen } = await bulkImport(file, 1000, undefined, 200);
    expect(result).toMatchObject({ ok: true, value: { imported: 30_000 } });
    // Cells written during the import, in several writes, the hold kept all along.
    const counts = seen.map((s) => s.cells);
    expect(new Set(counts.filter((n) => n > 0)).size).toBeGreaterThan(2);
    expect(seen.every((s) => s.held)).toBe(true);
    expect(rollupState()!.heldUntil).toBeNull();
    const summed = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(summed);
  });

  it('rebuilds the cells at its end when a rebuild ran meanwhile (its hold ran out) or they were stale when it began', async () => {
    // Answers already there, their cells built; then a larger file (its first 1,500 rows the same).
    const first = join(dir, 'first.csv');
    const file = join(dir, 'history.csv');
    await writeHistoryFile(first, 1500);
    await writeHistoryFile(file, 30_000);
    expect((await bulkImport(first, 100_000)).seen.every((s) => !s.held)).toBe(true);
    await rebuildRollups(deps());
    // The server rebuilds mid-import, as after a hold that ran out: the import's sums of the rows
    // written before it, added on top, would count those rows twice.
    let steps = 0;
    const { result, seen } = await bulkImport(file, 1000, async () => {
      if (++steps === 2) await rebuildRollups({ ...deps(), clock: () => Date.now() + 1 });
    });
    expect(result).toMatchObject({ ok: true, value: { imported: 28_500, duplicates: 1500 } });
    // The next step's renewal takes the hold again.
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.slice(2).every((s) => s.held)).toBe(true);
    expect(rollupState()).toMatchObject({ version: ROLLUP_VERSION, heldUntil: null });
    const after = rollups();
    await rebuildRollups(deps());
    expect(rollups()).toBe(after);

    // Cells of an older definition when the import begins: rebuilt at its end, not just added to.
    h.sqlite.prepare('UPDATE rollup_state SET version = 0').run();
    expect((await bulkImport(file, 1000)).result).toMatchObject({ ok: true, value: { imported: 0, duplicates: 30_000 } });
    expect(rollupState()).toMatchObject({ version: ROLLUP_VERSION, heldUntil: null });
    expect(rollups()).toBe(after);
  });

  it('runDueWork makes again the indexes and rebuilds the cells an import left behind once its hold has run out', async () => {
    const d = makeTestDeps();
    try {
      // The customer index of the answers, dropped and recorded as a crashed import leaves it.
      const [index] = await d.db.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE name = 'responses_customer_idx'`);
      const now = d.clock();
      await d.atomic([
        { sql: 'INSERT INTO bulk_import_indexes (name, ddl, held_until, created_at) VALUES (?, ?, ?, ?)', params: [index!.name, index!.sql, now - 1, now - BULK_HOLD_MS] },
        { sql: 'DROP INDEX responses_customer_idx', params: [] },
      ]);
      // And cells it held stale, its hold run out.
      await d.atomic([
        {
          sql: 'INSERT INTO rollup_state (id, time_zone, built_at, version, held_until) VALUES (1, ?, ?, 0, ?) ON CONFLICT (id) DO UPDATE SET held_until = excluded.held_until',
          params: [d.config.timeZone, now - BULK_HOLD_MS, now - 1],
        },
      ]);
      expect(await d.db.all(sql`SELECT held_until AS heldUntil FROM rollup_state`)).toEqual([{ heldUntil: now - 1 }]);
      const report = await runDueWork(d, now);
      expect(report.bulkIndexes).toBe(1);
      expect(report.bulkRollups).toBe(1);
      expect(await d.db.all(sql`SELECT held_until AS heldUntil, built_at AS builtAt FROM rollup_state`)).toEqual([{ heldUntil: null, builtAt: now }]);
      expect(await d.db.all(sql`SELECT sql FROM sqlite_master WHERE name = 'responses_customer_idx'`)).toEqual([{ sql: index!.sql }]);
      expect(await d.db.all(sql`SELECT name FROM bulk_import_indexes`)).toEqual([]);
    } finally {
      d.close();
    }
  });
});
