// `npm run bench`: throughput of Heard's hot write paths on a real listening server, each beside
// a baseline measured in the same run (a bare Hono route inserting one row into SQLite).
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchAlerts } from './alerts';
import { benchCaches } from './caches';
import { benchDashboards } from './dashboard';
import { load, type LoadRequest, type LoadResult } from './load';
import { benchImportStall } from './importStall';
import { startBenchServer, type Server } from './benchServer';
import { benchSentiment } from './sentiment';
import { baselineRequest, confirmRequest, ingestRequest, SURVEYS } from './requests';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Each figure at each of these client counts. */
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '16,50').split(',').map(Number);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main() {
  benchSentiment();
  console.log(
    `Heard write-path benchmark: ${ROUNDS} interleaved rounds of ${SECONDS}s per figure after a warm-up, at ${CONCURRENCIES.join(' and ')} concurrent clients\n`,
  );
  const surveys = SURVEYS;
  // BENCH_SOLO=1 adds ingest and confirm with one transaction per write (no group commit), to show its gain.
  const solo = process.env.BENCH_SOLO === '1';
  const servers = await Promise.all([
    startBenchServer(['baseline']),
    startBenchServer(['heard', '0']),
    startBenchServer(['heard', String(surveys)]),
    startBenchServer(['heard', String(surveys), 'dispatch']),
    ...(solo ? [startBenchServer(['heard', '0'], { BENCH_GROUP_COMMIT: 'off' }), startBenchServer(['heard', String(surveys)], { BENCH_GROUP_COMMIT: 'off' })] : []),
  ]);
  const [baseline, ingestServer, confirmServer, fullServer, soloIngest, soloConfirm] = servers as [Server, Server, Server, Server, Server?, Server?];
  const ingest = ingestRequest;
  const confirm = confirmRequest;
  const full = { ingest: ingest(fullServer), confirm: confirm(fullServer) };
  const serverOf: Record<string, Server> = { baseline, ingest: ingestServer, confirm: confirmServer, mixed: fullServer };
  if (soloIngest && soloConfirm) Object.assign(serverOf, { 'ingest, 1 tx each': soloIngest, 'confirm, 1 tx each': soloConfirm });
  const figures: Record<string, (i: number) => LoadRequest> = {
    baseline: baselineRequest(baseline),
    ingest: ingest(ingestServer),
    confirm: confirm(confirmServer),
    // Capacity: answers and new interactions half and half, with the dispatcher sending every second.
    mixed: (i: number) => (i % 2 ? full.confirm() : full.ingest()),
    ...(soloIngest && soloConfirm ? { 'ingest, 1 tx each': ingest(soloIngest), 'confirm, 1 tx each': confirm(soloConfirm) } : {}),
  };
  const names = Object.keys(figures);
  const expect = (name: string) => (name === 'mixed' ? [200, 201] : name.startsWith('confirm') ? [200] : [201]);
  // A discarded warm-up of every figure, the baseline included, at each client count: the servers'
  // JIT and SQLite's page cache settle before anything is counted, as in bench/compare.ts.
  const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
  if (WARMUP > 0) for (const concurrency of CONCURRENCIES) for (const [name, figure] of Object.entries(figures)) await load(figure, { seconds: WARMUP, concurrency, expectStatus: expect(name) });
  // Rounds interleave the figures so that a busy neighbour on the machine weighs on all of them alike.
  const results = new Map<string, Array<LoadResult & { cpuPerRequest: number }>>();
  const loads: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of CONCURRENCIES) {
      for (const [name, figure] of Object.entries(figures)) {
        const before = await serverOf[name]!.cpu();
        const r = await load(figure, { seconds: SECONDS, concurrency, expectStatus: expect(name) });
        const cpuPerRequest = (await serverOf[name]!.cpu()) - before;
        results.set(`${name}@${concurrency}`, [...(results.get(`${name}@${concurrency}`) ?? []), { ...r, cpuPerRequest: cpuPerRequest / Math.max(1, r.requests) }]);
        loads.push(loadavg()[0]!);
      }
    }
  }
  await Promise.all(servers.map((s) => s.stop()));

  const targets: Record<string, string> = { ingest: '>= 0.40', confirm: '>= 0.50' };
  console.log(
    'figure              clients   req/s (median)   ratio to baseline (median of rounds)   p99 ms (median)   target   errors   server CPU µs/request (median)   baseline CPU ÷ figure CPU',
  );
  for (const concurrency of CONCURRENCIES) {
    const base = results.get(`baseline@${concurrency}`)!;
    for (const name of names) {
      const rs = results.get(`${name}@${concurrency}`)!;
      const ratio = name === 'baseline' ? '' : median(rs.map((r, i) => r.perSecond / base[i]!.perSecond)).toFixed(2);
      const cpuRatio = name === 'baseline' ? '' : median(rs.map((r, i) => base[i]!.cpuPerRequest / r.cpuPerRequest)).toFixed(2);
      const errors = rs.reduce((n, r) => n + r.errors, 0);
      console.log(
        `${(name === 'baseline' ? 'baseline (bare insert)' : name).padEnd(22)}${String(concurrency).padStart(5)}` +
          `${median(rs.map((r) => r.perSecond)).toFixed(0).padStart(13)}${ratio.padStart(22)}` +
          `${median(rs.map((r) => r.p99)).toFixed(1).padStart(32)}${(targets[name] ?? '').padStart(11)}${String(errors).padStart(9)}` +
          `${median(rs.map((r) => r.cpuPerRequest)).toFixed(0).padStart(22)}${cpuRatio.padStart(30)}`,
      );
    }
  }
  console.log('mixed = ingest and confirm half and half on one server with the dispatcher running every second (answers/s = half its req/s)');
  console.log(`load average (1 min) during the rounds: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${cpus().length} cores`);

  if (process.env.BENCH_WRITES_ONLY === '1') return;
  console.log('');
  await benchDashboards();
  // In a fresh process, as `npm run heard -- import` runs: after the dashboards in this one, with
  // their heap and caches, the same import took 29.5 s instead of 27–28.
  await runAlone('./import.ts');
  await benchImportStall();
  console.log('');
  await benchCaches();
  console.log('');
  await benchAlerts();
}

/** Runs a benchmark script in a fresh Node process, its output inline. */
async function runAlone(script: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with code ${code}`);
}

await main();
