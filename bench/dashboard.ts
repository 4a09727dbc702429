// Dashboard latency at scale: 1,000,000 answers, 500 agents (and 5,000,000 with
// BENCH_RESPONSES=1000000,5000000). Each view is requested through the real app (routing, session,
// queries, rendering) in interleaved rounds with a full scan of the responses table for one year of
// one metric, and its median time printed beside its median ratio to that scan.
//   npx tsx bench/dashboard.ts         (standalone; `npm run bench` calls benchDashboard())
// Each database is built once and kept under data/bench/: raw rows keyed by their tables' schema,
// the rollups by the migrations and the rebuild's statements (bench/dashboardData.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { responses, type Channel } from '../src/db/schema';
import { MIGRATIONS_DIR, openSqlite } from '../src/db/sqlite';
import type { Deps } from '../src/deps';
import { isoDate } from '../src/domain/period';
import { dayNumber } from '../src/domain/timeZone';
import { createApp } from '../src/http/app';
import { createApiKey } from '../src/services/apiKeys';
import { withResponseRollup } from '../src/services/dashboard/rollups';
import { sessionFor, createTestUser } from '../test/helpers/auth';
import { capturingMailer, testConfig } from '../test/helpers/deps';
import { rebuildStatements } from '../src/db/queries/rollupStatements';
import { benchDatabase, BENCH_SHAPE, COMMENT_SOURCE, RAW_TABLES, shapeOf } from './dashboardData';
import { dashboardViews } from './dashboardViews';

const ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 7);
const TARGET_MS = 25;
const DATA_DIR = fileURLToPath(new URL('../data/bench', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds of CPU the process spent in each view (the app runs in this process): a busy machine distorts it less than the clock. */
const cpuMs = new Map<() => Promise<unknown>, number[]>();

async function timedOnce(f: () => Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await f();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  cpuMs.set(f, [...(cpuMs.get(f) ?? []), (used.user + used.system) / 1000]);
  return ms;
}

/**
 * The rebuild's statements, SQL and values (for a fixed clock and one slice): they alone decide
 * the cells a rebuild writes, so a change to how cells are defined needs a new rebuild, and an
 * edit that leaves them as they are (a comment, the write path) does not.
 */
function rollupCode(): string[] {
  const h = openSqlite(':memory:', { groupCommit: false });
  try {
    return rebuildStatements(h.db, 'UTC', 0, { responses: 1, requests: 1 }).map((s) => JSON.stringify((s as unknown as { toSQL(): unknown }).toSQL()));
  } finally {
    h.close();
  }
}

const hashOf = (texts: string[]) => createHash('sha256').update(texts.join('\0')).digest('hex').slice(0, 10);

/**
 * The kept files for a size: raw rows keyed by the schema of the tables they fill (as the
 * migrations leave it: a migration of other tables keeps them, and a copy gets it when opened),
 * and the database with its rollups keyed by all migrations and the rebuild's statements. Older
 * files of that size are removed.
 */
export function benchPaths(responses: number): { rows: string; dashboard: string } {
  const migrations = hashOf(
    readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => readFileSync(join(MIGRATIONS_DIR, f), 'utf8')),
  );
  const rollups = hashOf([...rollupCode(), COMMENT_SOURCE]);
  const size = `${responses / 1_000_000}m`;
  const rows = `rows-${size}-${hashOf(rawTablesSchema())}.db`;
  const dashboard = `dashboard-${size}-${migrations}-${rollups}.db`;
  for (const old of safeList(DATA_DIR)) {
    const kept = old.startsWith(rows) || old.startsWith(dashboard);
    if (!kept && (old.startsWith(`rows-${size}-`) || old.startsWith(`dashboard-${size}-`))) rmSync(join(DATA_DIR, old), { force: true });
  }
  return { rows: join(DATA_DIR, rows), dashboard: join(DATA_DIR, dashboard) };
}

/** The tables and indexes the generator fills, as the migrations define them. */
function rawTablesSchema(): string[] {
  const h = openSqlite(':memory:', { groupCommit: false });
  try {
    return (
      h.sqlite
        .prepare(`SELECT sql FROM sqlite_master WHERE tbl_name IN (${RAW_TABLES.map(() => '?').join(', ')}) AND sql IS NOT NULL ORDER BY name`)
        .all(...RAW_TABLES) as Array<{ sql: string }>
    ).map((r) => r.sql);
  } finally {
    h.close();
  }
}
const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** The views over a database of `size` answers, built once and kept under data/bench/. */
export async function benchDashboard(size = BENCH_SHAPE.responses): Promise<Map<string, { wall: number; cpu: number }>> {
  const shape = shapeOf(size);
  const paths = benchPaths(size);
  const path = paths.dashboard;
  const built = await benchDatabase(paths, Date.now(), { fresh: process.env.BENCH_FRESH === '1', rebuild: process.env.BENCH_REBUILD === '1' }, shape);
  const { handle } = built;
  // Every run sees the data as of the moment it was generated.
  const maxAt = (handle.sqlite.prepare('SELECT max(created_at) AS t FROM responses').get() as { t: number }).t;
  const now = maxAt + 3_600_000;
  const config = testConfig({ TIME_ZONE: 'UTC' });
  const deps: Deps = { db: handle.db, atomic: handle.atomic, mailer: capturingMailer(), clock: () => now, newId: () => crypto.randomUUID(), config };
  const app = createApp(deps);
  const { key } = await createApiKey(deps, `bench ${now}`);

  const firstTeams = (handle.sqlite.prepare('SELECT id FROM teams ORDER BY id LIMIT 3').all() as Array<{ id: string }>).map((t) => t.id);
  const agentId = (handle.sqlite.prepare('SELECT id FROM agents ORDER BY id LIMIT 1 OFFSET 7').get() as { id: string }).id;
  const teamNames = (handle.sqlite.prepare('SELECT name FROM teams WHERE id IN (?, ?, ?)').all(...firstTeams) as Array<{ name: string }>).map((t) => t.name);
  const suffix = crypto.randomUUID().slice(0, 8);
  const admin = await sessionFor(deps, (await createTestUser(deps, { role: 'admin', email: `bench-admin-${suffix}@staff.example` })).id);
  const manager = await sessionFor(deps, (await createTestUser(deps, { role: 'manager', teams: teamNames, email: `bench-manager-${suffix}@staff.example` })).id);

  const today = dayNumber(now, 'UTC');
  const get = (cookie: string | null, path: string) => async () => {
    const res = await app.request(path, { headers: cookie ? { Cookie: cookie } : { Authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  };
  const cookieOf = { admin: admin.cookie, manager: manager.cookie, api: null };
  const views: Array<[string, () => Promise<void>]> = dashboardViews(today, agentId, isoDate).map(([name, who, path]) => [name, get(cookieOf[who], path)]);

  const yearStart = now - 365 * 86_400_000;
  const scan = handle.sqlite.prepare(
    `SELECT score, count(*) FROM responses NOT INDEXED WHERE survey = 'csat' AND flagged = 0 AND created_at >= ? AND created_at < ? GROUP BY score`,
  );
  const baselineRun = async () => scan.all(yearStart, now);

  // Interleaved rounds: each round times the baseline and then every view once, so a busy
  // neighbour on the machine weighs on all of them alike; each view's ratio is taken within its round.
  for (const [, run] of views) await run(); // warm: statement caches, first page reads
  await baselineRun();
  const base: number[] = [];
  const times = new Map<string, number[]>(views.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    base.push(await timedOnce(baselineRun));
    for (const [name, run] of views) times.get(name)!.push(await timedOnce(run));
  }
  const baseline = median(base);
  console.log(
    `Dashboards: ${shape.responses.toLocaleString('en-US')} responses, ${shape.agents} agents` +
      ` over ${shape.days} days (${(statSync(path).size / 1e9).toFixed(2)} GB)` +
      (built.generateSeconds > 0 ? `, raw rows generated in ${built.generateSeconds.toFixed(0)} s` : ''),
  );
  if (built.rebuild.length > 0) {
    const total = (k: 'wall' | 'cpu') => built.rebuild.reduce((sum, s) => sum + s[k], 0).toFixed(1);
    console.log(`Rollups rebuilt (as \`heard rollups rebuild\` does) in ${total('wall')} s, ${total('cpu')} s of CPU:`);
    for (const s of built.rebuild) console.log(`  ${s.name.padEnd(62)} ${s.wall.toFixed(1).padStart(7)} s ${s.cpu.toFixed(1).padStart(7)} s CPU`);
  }
  console.log(
    `medians of ${ROUNDS} interleaved rounds through the app; baseline = full scan, one year of CSAT: ${baseline.toFixed(1)} ms` +
      ` (${Math.min(...base).toFixed(0)}–${Math.max(...base).toFixed(0)}); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`,
  );
  let worst = 0;
  const medians = new Map<string, { wall: number; cpu: number }>();
  const baseCpu = median(cpuMs.get(baselineRun)!);
  console.log(`baseline CPU: ${baseCpu.toFixed(1)} ms; each view: wall median (range), ratio to the scan, CPU median and the scan's CPU over it\n`);
  for (const [name, run] of views) {
    const ts = times.get(name)!;
    const cpu = median(cpuMs.get(run)!);
    const ms = median(ts);
    const ratio = median(ts.map((t, i) => base[i]! / t));
    worst = Math.max(worst, ms);
    medians.set(name, { wall: ms, cpu });
    console.log(
      `${name.padEnd(46)} ${ms.toFixed(1).padStart(7)} ms  (${Math.min(...ts).toFixed(1)}–${Math.max(...ts).toFixed(1)})` +
        `  ${ratio.toFixed(1).padStart(6)}x faster than the scan   CPU ${cpu.toFixed(1).padStart(5)} ms (${(baseCpu / cpu).toFixed(1)}x)   ${ms <= TARGET_MS ? 'ok' : `OVER ${TARGET_MS} ms`}`,
    );
  }

  // Exact at once: one more answer shows in the very next read.
  const before = await metricsN(app, key);
  const [req] = handle.sqlite
    .prepare(`SELECT sr.id, sr.interaction_id AS interactionId, i.customer_id AS customerId, i.agent_id AS agentId, i.team_id AS teamId, i.channel
      FROM survey_requests sr JOIN interactions i ON i.id = sr.interaction_id
      WHERE sr.survey = 'csat' AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.request_id = sr.id) ORDER BY sr.sent_at DESC LIMIT 1`)
    .all() as Array<{ id: string; interactionId: string; customerId: string; agentId: string; teamId: string; channel: string }>;
  const id = `bench-answer-${now}`;
  const answer = deps.db.insert(responses).values({
    id,
    requestId: req!.id,
    interactionId: req!.interactionId,
    customerId: req!.customerId,
    agentId: req!.agentId,
    teamId: req!.teamId,
    channel: req!.channel as Channel,
    survey: 'csat',
    score: 5,
    flagged: false,
    source: 'explicit',
    createdAt: now - 60_000,
    updatedAt: now - 60_000,
  });
  const remove = deps.db.delete(responses).where(eq(responses.id, id));
  // Write and undo a few times: the first write also compiles the rollup statements.
  const writes: number[] = [];
  let after = before;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await deps.atomic(withResponseRollup(deps, req!.id, [answer]));
    writes.push(performance.now() - t);
    after = await metricsN(app, key);
    // Leave the database as it was for the next run.
    await deps.atomic(withResponseRollup(deps, req!.id, [remove]));
  }
  const writeMs = median(writes);
  console.log(`\nA new answer shows at once: ${before} -> ${after} CSAT responses in the last 12 months (its write with the rollup update: ${writeMs.toFixed(1)} ms)`);
  console.log(`Slowest view: ${worst.toFixed(1)} ms (target ${TARGET_MS} ms)`);
  handle.close();
  return medians;
}

async function metricsN(app: ReturnType<typeof createApp>, key: string): Promise<number> {
  const res = await app.request('/api/v1/metrics?survey=csat&preset=12m', { headers: { Authorization: `Bearer ${key}` } });
  return ((await res.json()) as { data: Array<{ n: number }> }).data[0]!.n;
}

/**
 * The views at each size in `BENCH_RESPONSES` (default 1000000; e.g. "1000000,5000000"), and how
 * each view's median time and CPU time grew from the first size to the others (CPU time is the
 * steadier figure when the load changes between sizes).
 */
export async function benchDashboards(): Promise<void> {
  const sizes = (process.env.BENCH_RESPONSES ?? String(BENCH_SHAPE.responses)).split(',').map(Number);
  const runs: Array<Map<string, { wall: number; cpu: number }>> = [];
  for (const size of sizes) runs.push(await benchDashboard(size));
  if (runs.length < 2) return;
  console.log(`\nGrowth from ${sizes[0]!.toLocaleString('en-US')} responses (later size's median over the first's: wall time, CPU time):`);
  for (const [name, first] of runs[0]!) {
    const grew = runs.slice(1).map((r, i) => {
      const m = r.get(name)!;
      return `at ${sizes[i + 1]!.toLocaleString('en-US')}: ${(m.wall / first.wall).toFixed(2)}x wall, ${(m.cpu / first.cpu).toFixed(2)}x CPU`;
    });
    console.log(`${name.padEnd(46)} ${grew.join('   ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchDashboards();
}
