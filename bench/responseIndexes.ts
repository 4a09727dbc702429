// What each index on `responses` costs the writes that touch it, each variant a scratch copy of
// the same database with that one index dropped (or the merged layout), interleaved in rounds;
// figures are CPU time (steadier than wall time on a shared machine).
//   npx tsx bench/responseIndexes.ts sql      row writes as the answer paths make them, µs of CPU per row
//   npx tsx bench/responseIndexes.ts import   a history import (BENCH_IMPORT_ROWS, 200,000 by default)
//   npx tsx bench/responseIndexes.ts http     confirm and submit on listening servers, CPU µs per request
// (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_INDEXES, BENCH_VARIANTS)
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/db/sqlite';
import { importFile } from '../src/entry/importFile';
import { timeOrderedIds } from '../src/services/import';
import { SQLITE_BATCH } from '../src/services/importer/run';
import { testConfig } from '../test/helpers/deps';
import { startBenchServer, type Server } from './benchServer';
import { writeHistoryFile } from './import';
import { load, type LoadRequest } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SURVEYS = 5000;
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const SQL_ROWS = Number(process.env.BENCH_SQL_ROWS ?? 20_000);
/** The named secondary indexes of `responses` (src/db/schema.ts). */
const INDEXES = (
  process.env.BENCH_INDEXES ??
  'responses_dash_time_idx,responses_dash_agent_idx,responses_unanalysed_idx,responses_interaction_idx,responses_details_idx,responses_words_idx,responses_customer_idx'
).split(',');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const NPS_MIX = [10, 9, 10, 9, 8, 7, 9, 10, 3, 6];

/** One-click confirms (score only), and explicit submits with a comment, as the survey page sends them. */
const answering = (server: Server) => {
  const tokens = server.info.tokens ?? [];
  const token = (i: number) => tokens[(i * 7919) % tokens.length]!;
  return {
    confirm: (i: number): LoadRequest => ({
      url: `${server.url}/s/${token(i)}/confirm`,
      method: 'POST',
      body: `score=${NPS_MIX[i % NPS_MIX.length]}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
    }),
    comment: (i: number): LoadRequest => ({
      url: `${server.url}/s/${token(i)}`,
      method: 'POST',
      body: `score=${NPS_MIX[i % NPS_MIX.length]}&resolved=yes&comment=${encodeURIComponent(`The refund took ${i % 9} days, agent was kind`)}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  };
};

async function overHttp() {
  const variants = [{ label: 'all indexes', drop: [] as string[] }, ...INDEXES.map((n) => ({ label: `without ${n}`, drop: [n] })), { label: `without all ${INDEXES.length}`, drop: INDEXES }];
  const baseline = await startBenchServer(['baseline']);
  // One server per variant and kind of answer, each with its own 5,000 sent surveys.
  const servers = await Promise.all(
    variants.flatMap((v) => ['confirm', 'comment'].map((kind) => startBenchServer(['heard', String(SURVEYS)], { BENCH_DROP_INDEXES: v.drop.join(',') }).then((s) => ({ v, kind, s })))),
  );
  let sent = 0;
  const cpu = new Map<string, number[]>();
  const loads: number[] = [];
  const measure = async (key: string, s: Server, figure: (i: number) => LoadRequest, expect: number[]) => {
    const before = await s.cpu();
    const r = await load(figure, { seconds: SECONDS, concurrency: CONCURRENCY, expectStatus: expect });
    if (r.errors > 0) throw new Error(`${key}: ${r.errors} errors`);
    cpu.set(key, [...(cpu.get(key) ?? []), ((await s.cpu()) - before) / Math.max(1, r.requests)]);
    loads.push(loadavg()[0]!);
  };
  for (let round = 0; round < ROUNDS; round++) {
    await measure('baseline', baseline, (i) => ({ url: `${baseline.url}/items`, method: 'POST', body: JSON.stringify({ n: i + sent++ }), headers: { 'Content-Type': 'application/json' } }), [201]);
    for (const { v, kind, s } of servers) {
      const a = answering(s);
      await measure(`${kind}|${v.label}`, s, kind === 'confirm' ? a.confirm : a.comment, [200]);
    }
  }
  await Promise.all([baseline, ...servers.map((x) => x.s)].map((s) => s.stop()));

  const base = median(cpu.get('baseline')!);
  console.log(`Write cost of the responses indexes: ${ROUNDS} interleaved rounds of ${SECONDS}s at ${CONCURRENCY} clients, server CPU µs/request (median, range)`);
  console.log(`baseline (bare insert): ${base.toFixed(0)} µs`);
  for (const kind of ['confirm', 'comment']) {
    const full = median(cpu.get(`${kind}|all indexes`)!);
    console.log(`\n${kind === 'confirm' ? 'one-click confirm (score only)' : 'submit with a comment'}`);
    for (const v of variants) {
      const xs = cpu.get(`${kind}|${v.label}`)!;
      const m = median(xs);
      const delta = v.drop.length ? `   saves ${(full - m).toFixed(0).padStart(4)} µs (${(((full - m) / full) * 100).toFixed(1)}%)` : '';
      console.log(`  ${v.label.padEnd(36)} ${m.toFixed(0).padStart(5)} µs (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})   ${(m / base).toFixed(2)}× baseline CPU${delta}`);
    }
  }
  console.log(`\nload average (1 min) during the rounds: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
}


/**
 * Each index alone dropped, all of them dropped, and the layout before the words and sentiment
 * indexes were merged: a narrow words index beside a sentiment index of analysed answers only.
 */
const BEFORE_MERGE = [
  'DROP INDEX responses_words_idx',
  'CREATE INDEX responses_words_idx ON responses (created_at) WHERE comment is not null or sentiment is not null',
  `CREATE INDEX responses_sentiment_idx ON responses (created_at, sentiment, flagged, survey, score, agent_id, team_id, channel, interaction_id)
    WHERE sentiment IS NOT NULL`,
];
type Variant = { label: string; sql: string[] };
function variants(): Variant[] {
  const drop = (names: string[]) => names.map((n) => `DROP INDEX IF EXISTS ${n}`);
  const all: Variant[] = [
    { label: 'all indexes', sql: [] },
    ...INDEXES.map((n) => ({ label: `without ${n}`, sql: drop([n]) })),
    { label: `without all ${INDEXES.length}`, sql: drop(INDEXES) },
    { label: 'before the merge (8 indexes)', sql: BEFORE_MERGE },
  ];
  // BENCH_VARIANTS='all indexes|before the merge (8 indexes)' keeps only those.
  const only = process.env.BENCH_VARIANTS?.split('|');
  return only ? all.filter((v) => only.includes(v.label)) : all;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};
const fmt = (xs: number[]) => `${median(xs).toFixed(1).padStart(6)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const deps = (h: ReturnType<typeof openSqlite>) => ({ db: h.db, atomic: h.atomic, config: testConfig({ TIME_ZONE: 'Europe/Berlin' }), clock: Date.now, newId: timeOrderedIds() });

/**
 * Row writes on `responses` as the answer paths make them, one row per statement and 100 per
 * transaction (as group commit batches them): an answer arriving (one in three with a comment,
 * one in four with "resolved"), its score changed, its comment analysed, and its deletion
 * (erasure, retention). Foreign keys are off so only the table and its indexes are weighed.
 */
async function rowWrites() {
  const dir = mkdtempSync(join(tmpdir(), 'heard-idx-bench-'));
  try {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, SQL_ROWS);
    const template = join(dir, 'template.db');
    const h = openSqlite(template);
    const imported = await importFile(deps(h), file, {}, { batchSize: SQLITE_BATCH, maxParams: 32_000, now: Date.now() });
    if (!imported.ok) throw new Error(imported.error);
    h.sqlite.exec(`UPDATE responses SET comment = CASE WHEN rowid % 3 = 0 THEN comment END, resolved = CASE WHEN rowid % 4 = 0 THEN 1 END,
      sentiment = NULL, analysed_at = updated_at;
      CREATE TABLE kept AS SELECT * FROM responses ORDER BY created_at; DELETE FROM responses; PRAGMA wal_checkpoint(TRUNCATE);`);
    h.close();

    const ops = ['answer arrives', 'score changed', 'comment analysed', 'answer deleted'] as const;
    const cpu = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const v of variants()) {
        const path = join(dir, 'scratch.db');
        for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
        copyFileSync(template, path);
        const s = openSqlite(path).sqlite;
        s.pragma('foreign_keys = OFF');
        for (const q of v.sql) s.exec(q);
        const ids = (s.prepare('SELECT rowid AS k, id FROM kept ORDER BY rowid').all() as { k: number; id: string }[]);
        const commented = (s.prepare('SELECT id FROM kept WHERE comment IS NOT NULL ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
        const statements = {
          'answer arrives': { stmt: s.prepare('INSERT INTO responses SELECT * FROM kept WHERE rowid = ?'), args: ids.map((r) => [r.k]) },
          'score changed': { stmt: s.prepare('UPDATE responses SET score = score % 5 + 1, updated_at = updated_at + 1 WHERE id = ?'), args: ids.map((r) => [r.id]) },
          'comment analysed': {
            stmt: s.prepare(`UPDATE responses SET sentiment = 'negative', sentiment_score = -0.5, severity = 'low', language = 'en', analysed_at = updated_at WHERE id = ?`),
            args: commented.map((id) => [id]),
          },
          'answer deleted': { stmt: s.prepare('DELETE FROM responses WHERE id = ?'), args: ids.map((r) => [r.id]) },
        };
        for (const op of ops) {
          const { stmt, args } = statements[op];
          const batch = s.transaction((rows: unknown[][]) => {
            for (const a of rows) stmt.run(...a);
          });
          const t0 = cpuNow();
          for (let i = 0; i < args.length; i += 100) batch(args.slice(i, i + 100));
          const key = `${op}|${v.label}`;
          cpu.set(key, [...(cpu.get(key) ?? []), (cpuNow() - t0) / args.length]);
        }
        s.close();
      }
    }
    console.log(`Row writes on responses (${SQL_ROWS.toLocaleString('en-US')} rows, one in three with a comment), CPU µs per row: median (range) of ${ROUNDS} interleaved rounds; load ${loadavg()[0]!.toFixed(1)}`);
    for (const op of ops) {
      const full = median(cpu.get(`${op}|all indexes`)!);
      console.log(`\n${op}`);
      for (const v of variants()) {
        const xs = cpu.get(`${op}|${v.label}`)!;
        const saved = v.sql.length ? `   ${(((full - median(xs)) / full) * 100).toFixed(0).padStart(4)}% of the all-index cost` : '';
        console.log(`  ${v.label.padEnd(36)} ${fmt(xs)} µs${saved}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A history import of IMPORT_ROWS rows into a fresh database per variant, CPU seconds. */
async function importWrites() {
  const dir = mkdtempSync(join(tmpdir(), 'heard-idx-import-'));
  try {
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, IMPORT_ROWS);
    const cpu = new Map<string, number[]>();
    const wall = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const v of variants()) {
        const path = join(dir, 'import.db');
        const h = openSqlite(path);
        h.sqlite.pragma('cache_size = -262144');
        for (const q of v.sql) h.sqlite.exec(q);
        const t0 = cpuNow();
        const w0 = performance.now();
        const r = await importFile(deps(h), file, {}, { batchSize: SQLITE_BATCH, maxParams: 32_000, now: Date.now() });
        if (!r.ok || r.value.imported !== IMPORT_ROWS) throw new Error(`import failed: ${JSON.stringify(r).slice(0, 300)}`);
        cpu.set(v.label, [...(cpu.get(v.label) ?? []), (cpuNow() - t0) / 1e6]);
        wall.set(v.label, [...(wall.get(v.label) ?? []), (performance.now() - w0) / 1000]);
        h.close();
        for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
      }
    }
    console.log(`Import of ${IMPORT_ROWS.toLocaleString('en-US')} rows (every one with a comment), median (range) of ${ROUNDS} interleaved rounds; load ${loadavg()[0]!.toFixed(1)}`);
    const full = median(cpu.get('all indexes')!);
    for (const v of variants()) {
      const xs = cpu.get(v.label)!;
      const saved = v.sql.length ? `   ${(((full - median(xs)) / full) * 100).toFixed(0).padStart(4)}% of the all-index CPU` : '';
      console.log(`  ${v.label.padEnd(36)} CPU ${fmt(xs)} s   wall ${fmt(wall.get(v.label)!)} s${saved}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2] ?? 'sql';
await (mode === 'http' ? overHttp() : mode === 'import' ? importWrites() : rowWrites());
