// The command line's reading thread (src/entry/importReader.ts): a file read, parsed and checked on
// a worker thread ends exactly where the same file read on the main thread does (rows, report,
// rollups equal to a rebuild), and a file or a mapping it cannot read is refused with the same words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../src/db/sqlite';
import { importFile } from '../../src/entry/importFile';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { timeOrderedIds } from '../../src/services/import';
import { testConfig } from '../helpers/deps';

vi.setConfig({ testTimeout: 60_000 });

let dir = '';
const open: SqliteHandle[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heard-reader-'));
});
afterEach(() => {
  for (const h of open.splice(0)) h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows over years with tags, names and comments or none, unknown channels, a bad score, a future date and a repeated id. */
function historyFile(n: number): string {
  const lines = ['external_id,closed_at,responded_at,agent_email,team,channel,customer_email,customer_name,survey,score,comment,tags'];
  for (let i = 0; i < n; i++) {
    const at = Date.UTC(2020, 0, 1) + i * 3_600_000;
    const kind = (['csat', 'nps', 'ces'] as const)[i % 3];
    const score = i % 97 === 5 ? 'eleven' : kind === 'nps' ? i % 11 : kind === 'csat' ? 1 + (i % 5) : 1 + (i % 7);
    const responded = i % 211 === 7 ? '2999-01-01T00:00:00Z' : String(Math.floor(at / 1000) + 600);
    const id = i % 50 === 49 ? `R-${i - 1}` : `R-${i}`;
    lines.push(`${id},${at},${responded},a${i % 9}@old.example,T${i % 4},${['chat', 'email', 'fax'][i % 3]},c${i % 70}@x.example,${i % 5 ? `Name ${i % 70}` : ''},${kind},${score},${i % 13 ? `"said ""${i}"", twice"` : ''},"${['', 'billing', 'billing, vip'][i % 3]}"`);
  }
  return `${lines.join('\n')}\n`;
}

async function importInto(name: string, file: string, readerThread: boolean) {
  const h = openSqlite(join(dir, `${name}.db`));
  open.push(h);
  const deps = { db: h.db, atomic: h.atomic, config: testConfig({ TIME_ZONE: 'Europe/Berlin' }), clock: Date.now, newId: timeOrderedIds() };
  const fractions: number[] = [];
  const result = await importFile(deps, file, {}, { batchSize: 700, maxParams: 32_000, now: Date.now(), readerThread, onProgress: (f) => fractions.push(f) });
  const rows = h.sqlite
    .prepare(
      `SELECT i.external_id, i.tags, r.score, r.survey, r.channel, r.comment, r.created_at, a.email, t.name, c.email, c.name FROM responses r
       JOIN interactions i ON i.id = r.interaction_id JOIN agents a ON a.id = r.agent_id LEFT JOIN teams t ON t.id = r.team_id JOIN customers c ON c.id = r.customer_id
       ORDER BY i.external_id`,
    )
    .raw()
    .all();
  const cells = () => JSON.stringify(h.sqlite.prepare('SELECT * FROM response_rollups ORDER BY cube, grain, channel, tag, period, team_id, agent_id').raw().all());
  const incremental = cells();
  await rebuildRollups(deps);
  return { result, rows, incremental, rebuilt: cells(), fractions };
}

describe('reading a history file on a second thread', () => {
  it('imports the same rows, report and rollups as reading on the main thread, with progress', async () => {
    const file = join(dir, 'history.csv');
    writeFileSync(file, historyFile(12_000));
    const threaded = await importInto('threaded', file, true);
    const inline = await importInto('inline', file, false);
    if (!threaded.result.ok) throw new Error(threaded.result.error);
    expect(threaded.result).toEqual(inline.result);
    expect(threaded.result.value.skipped).toBeGreaterThan(100);
    expect(threaded.result.value.duplicates).toBeGreaterThan(200);
    expect(threaded.result.value.unknownChannels.fax).toBeGreaterThan(3000);
    expect(threaded.rows).toEqual(inline.rows);
    expect(threaded.rows.length).toBe(threaded.result.value.imported);
    expect(inline.incremental).toBe(inline.rebuilt);
    expect(threaded.incremental).toBe(threaded.rebuilt);
    expect(threaded.fractions.length).toBeGreaterThan(1);
    expect(threaded.fractions.at(-1)).toBe(1);
  });

  it('refuses a mapping that cannot work and a broken file with the words the main thread uses', async () => {
    const unmapped = join(dir, 'unmapped.csv');
    writeFileSync(unmapped, 'id,when\n1,2025-01-01\n');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[{"id": 1}, {"id"');
    for (const file of [unmapped, broken]) {
      const threaded = await importInto(`t-${file.length}`, file, true);
      const inline = await importInto(`i-${file.length}`, file, false);
      expect(threaded.result.ok).toBe(false);
      expect(threaded.result).toEqual(inline.result);
      expect(threaded.rows).toEqual([]);
    }
  });
});
