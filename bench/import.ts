// History import at scale: 1,000,000 rows of a CSV file on disk through the import as
// `npm run heard -- import` runs it, beside a bare bulk insert of the same rows (the same file
// read and parsed the same way, each record's fields inserted as they are into one table without
// indexes) measured in the same run. Afterwards the rollups must equal a rebuild.
//   npx tsx bench/import.ts        (`npm run bench` runs it in a fresh process, as the command line
//   runs; with BENCH_IMPORT_ROUNDS above 1 the later rounds run in a used one and take longer)
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { openSqlite } from '../src/db/sqlite';
import { importFile } from '../src/entry/importFile';
import { readerFor } from '../src/domain/import/sources';
import { timeOrderedIds } from '../src/services/import';
import { rebuildRollups } from '../src/services/dashboard/rollups';
import { SQLITE_BATCH } from '../src/services/importer/run';
import { testConfig } from '../test/helpers/deps';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const CHANNELS = ['email', 'chat', 'phone', 'social', 'messaging', 'whatsapp'];
const HEADER = 'external_id,closed_at,responded_at,agent_email,agent_name,team,channel,customer_email,survey,score,comment,tags';

export async function writeHistoryFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  const start = Date.UTC(2019, 0, 1);
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const at = start + i * 150_000;
    const kind = (['csat', 'nps', 'ces'] as const)[i % 3]!;
    const score = kind === 'nps' ? i % 11 : kind === 'csat' ? 1 + (i % 5) : 1 + (i % 7);
    // Timestamps in Unix seconds on every other row, ISO 8601 on the rest.
    const stamp = i % 2 ? String(Math.floor(at / 1000)) : new Date(at).toISOString();
    lines.push(
      `HIST-${i},${stamp},${stamp},agent${i % 200}@old.example,Agent ${i % 200},Team ${(i % 200) % 12},${CHANNELS[i % 6]},c${i % 250_000}@example.com,${kind},${score},"Comment, ""quoted"" ${i}",${i % 4 ? '' : 'billing'}`,
    );
    if (lines.length === 5000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}

/** The floor: the same file streamed and parsed, every record inserted as it is, no checks. */
async function bareInsert(dbPath: string, file: string): Promise<void> {
  const h = openSqlite(dbPath);
  h.sqlite.pragma('cache_size = -262144');
  const width = HEADER.split(',').length;
  h.sqlite.exec(`CREATE TABLE bare (${HEADER.split(',').map((c) => `${c} TEXT`).join(', ')})`);
  const per = 200;
  const insert = h.sqlite.prepare(`INSERT INTO bare VALUES ${Array.from({ length: per }, () => `(${Array(width).fill('?').join(',')})`).join(',')}`);
  const one = h.sqlite.prepare(`INSERT INTO bare VALUES (${Array(width).fill('?').join(',')})`);
  const write = h.sqlite.transaction((records: string[][]) => {
    let i = 0;
    for (; i + per <= records.length; i += per) insert.run(records.slice(i, i + per).flat());
    for (; i < records.length; i++) one.run(records[i]);
  });
  const reader = readerFor('csv');
  const columns = HEADER.split(',');
  let batch: string[][] = [];
  const take = (recs: ReturnType<typeof reader.push>) => {
    for (const r of recs) {
      batch.push(columns.map((c) => r.values[c] ?? ''));
      if (batch.length >= SQLITE_BATCH) (write(batch), (batch = []));
    }
  };
  const { createReadStream } = await import('node:fs');
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) take(reader.push(decoder.decode(chunk as Buffer, { stream: true })));
  take(reader.end());
  write(batch);
  h.close();
}

const rollupSnapshot = (h: ReturnType<typeof openSqlite>) =>
  JSON.stringify(h.sqlite.prepare('SELECT * FROM response_rollups ORDER BY cube, grain, channel, tag, period, team_id, agent_id').raw().all());

interface Timing {
  wall: number;
  /** CPU seconds of this process (user + system): on a shared machine, what the work itself cost. */
  cpu: number;
  /** CPU seconds of the main thread alone (Linux), the one that writes: the wall time on an idle machine follows it. */
  main: number;
}

const STAT = `/proc/self/task/${process.pid}/stat`;
/** User + system seconds of the main thread (fields 14 and 15 of its stat, in ticks of 1/100 s), NaN without /proc. */
function mainThreadCpu(): number {
  if (!existsSync(STAT)) return NaN;
  const fields = readFileSync(STAT, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpu();
  const t0 = performance.now();
  await work();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, main: mainThreadCpu() - m0 };
}

/** One Heard import of the file into a fresh database; checks the count and the rollups. */
async function heardImport(dbPath: string, file: string, rows: number): Promise<{ time: Timing; exact: boolean; growth: number; unknown: number }> {
  const h = openSqlite(dbPath);
  h.sqlite.pragma('cache_size = -262144');
  const config = testConfig({ TIME_ZONE: 'Europe/Berlin' });
  const deps = { db: h.db, atomic: h.atomic, config, clock: Date.now, newId: timeOrderedIds() };
  const before = process.memoryUsage().rss;
  let peak = before;
  let report: Awaited<ReturnType<typeof importFile>> | null = null;
  const time = await timed(async () => {
    report = await importFile(deps, file, {}, {
      batchSize: SQLITE_BATCH,
      maxParams: 32_000,
      now: Date.now(),
      onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
      bulk: { sqlite: h.sqlite },
    });
  });
  const r = report as Awaited<ReturnType<typeof importFile>> | null;
  if (!r?.ok || r.value.imported !== rows) throw new Error(`import failed: ${JSON.stringify(r).slice(0, 500)}`);
  const incremental = rollupSnapshot(h);
  await rebuildRollups({ ...deps, atomic: h.atomic });
  const exact = rollupSnapshot(h) === incremental;
  h.close();
  return { time, exact, growth: peak - before, unknown: Object.values(r.value.unknownChannels).reduce((a, b) => a + b, 0) };
}

const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 1);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

/** `rounds` interleaved rounds of the bare insert and Heard's import; medians and ranges. */
async function benchImport(rows = ROWS, rounds = ROUNDS): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'heard-import-bench-'));
  try {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, rows);
    const load = loadavg()[0]!.toFixed(1);
    const bare: Timing[] = [];
    const heard: Awaited<ReturnType<typeof heardImport>>[] = [];
    for (let i = 0; i < rounds; i++) {
      bare.push(await timed(() => bareInsert(join(dir, `bare${i}.db`), file)));
      rmSync(join(dir, `bare${i}.db`), { force: true });
      heard.push(await heardImport(join(dir, `heard${i}.db`), file, rows));
      for (const ext of ['', '-wal', '-shm']) rmSync(join(dir, `heard${i}.db${ext}`), { force: true });
    }
    const line = (label: string, ts: Timing[], base?: Timing[]) => {
      const wall = ts.map((t) => t.wall);
      const cpu = ts.map((t) => t.cpu);
      const main = ts.map((t) => t.main);
      const ratio = base ? `   ${(med(wall) / med(base.map((t) => t.wall))).toFixed(1)}x wall, ${(med(cpu) / med(base.map((t) => t.cpu))).toFixed(1)}x CPU of the bare insert` : '';
      console.log(
        `${label.padEnd(30)} wall ${med(wall).toFixed(1).padStart(6)} s (${range(wall)})   CPU ${med(cpu).toFixed(1).padStart(6)} s (${range(cpu)}; main thread ${med(main).toFixed(1)})   ${Math.round(rows / med(wall)).toLocaleString('en-US').padStart(9)} rows/s${ratio}`,
      );
    };
    console.log(`\nImport: ${rows.toLocaleString('en-US')} CSV rows from a file (${heard[0]!.unknown.toLocaleString('en-US')} with an unknown channel); medians (ranges) of ${rounds} interleaved round(s); load average ${load} → ${loadavg()[0]!.toFixed(1)}`);
    line('bare bulk insert of the rows', bare);
    line('Heard import (checks, 3', heard.map((h) => h.time), bare);
    console.log(`  tables, indexes, rollups)      target 30 s for 1,000,000 rows on an idle 2-core machine`);
    console.log(`rollups after the import equal a rebuild: ${heard.every((h) => h.exact) ? 'yes' : 'NO'}; memory grew by at most ${(Math.max(...heard.map((h) => h.growth)) / 1e6).toFixed(0)} MB while importing`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchImport();
