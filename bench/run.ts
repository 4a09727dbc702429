// `npm run bench`: throughput of Heard's hot write paths on a real listening server, each beside
// a baseline measured in the same run (a bare Hono route inserting one row into SQLite).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, type LoadResult } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

interface Server {
  url: string;
  info: { key?: string; tokens?: string[] };
  stop(): Promise<void>;
}

function startBenchServer(args: string[]): Promise<Server> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /READY (\S+) (.*)\n/.exec(buffer);
      if (!m) return;
      resolve({
        url: m[1]!,
        info: JSON.parse(m[2]!) as Server['info'],
        stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
      });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

const fmt = (r: LoadResult) => `${r.perSecond.toFixed(0).padStart(6)} req/s (${r.requests} ok, ${r.errors} errors)`;

async function main() {
  console.log(`Heard write-path benchmark: ${SECONDS}s per figure, ${CONCURRENCY} concurrent clients\n`);
  const opts = { seconds: SECONDS, concurrency: CONCURRENCY };

  const baseline = await startBenchServer(['baseline']);
  const base = await load(
    (i) => ({ url: `${baseline.url}/items`, method: 'POST', body: JSON.stringify({ n: i }), headers: { 'Content-Type': 'application/json' } }),
    { ...opts, expectStatus: [201] },
  );
  await baseline.stop();

  const ingestServer = await startBenchServer(['heard', '0']);
  const ingest = await load(
    (i) => ({
      url: `${ingestServer.url}/api/v1/interactions`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ingestServer.info.key}` },
      body: JSON.stringify({
        externalId: `bench-${i}`,
        customer: { email: `customer${i}@bench.example`, locale: ['en', 'es', 'zh'][i % 3] },
        agent: { email: `agent${i % 50}@bench.example`, name: `Agent ${i % 50}` },
        team: `Team ${i % 5}`,
        channel: 'chat',
        survey: 'csat',
      }),
    }),
    { ...opts, expectStatus: [201] },
  );
  await ingestServer.stop();

  const surveys = 2000;
  const confirmServer = await startBenchServer(['heard', String(surveys)]);
  const tokens = confirmServer.info.tokens ?? [];
  const confirm = await load(
    (i) => ({
      url: `${confirmServer.url}/s/${tokens[i % tokens.length]}/confirm`,
      method: 'POST',
      body: `score=${i % 11}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
    }),
    { ...opts, expectStatus: [200] },
  );
  await confirmServer.stop();

  console.log(`baseline (bare insert)  ${fmt(base)}`);
  console.log(`ingest                  ${fmt(ingest)}  ratio ${(ingest.perSecond / base.perSecond).toFixed(2)} (target >= 0.40)`);
  console.log(`confirm                 ${fmt(confirm)}  ratio ${(confirm.perSecond / base.perSecond).toFixed(2)} (target >= 0.50)`);

  const dashboard = await import('./dashboard').catch(() => null);
  if (dashboard && 'benchDashboard' in dashboard) await (dashboard as { benchDashboard(): Promise<void> }).benchDashboard();
}

await main();
