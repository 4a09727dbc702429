// `npm run bench`: throughput of Heard's hot write paths on a real listening server, each beside
// a baseline measured in the same run (a bare Hono route inserting one row into SQLite).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchDashboard, benchImport } from './dashboard';
import { load, type LoadResult } from './load';
import { benchSentiment } from './sentiment';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
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

const NPS_MIX = [10, 9, 10, 9, 8, 7, 9, 10, 3, 6];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main() {
  benchSentiment();
  console.log(`Heard write-path benchmark: ${ROUNDS} rounds of ${SECONDS}s per figure, ${CONCURRENCY} concurrent clients\n`);
  const opts = { seconds: SECONDS, concurrency: CONCURRENCY };
  const surveys = 5000;
  const [baseline, ingestServer, confirmServer] = await Promise.all([
    startBenchServer(['baseline']),
    startBenchServer(['heard', '0']),
    startBenchServer(['heard', String(surveys)]),
  ]);
  const tokens = confirmServer.info.tokens ?? [];
  let sent = 0;
  const figures = {
    baseline: () =>
      load(
        (i) => ({ url: `${baseline.url}/items`, method: 'POST', body: JSON.stringify({ n: i }), headers: { 'Content-Type': 'application/json' } }),
        { ...opts, expectStatus: [201] },
      ),
    ingest: () =>
      load(
        () => {
          const i = sent++;
          return {
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
          };
        },
        { ...opts, expectStatus: [201] },
      ),
    // Each survey link is confirmed a few times over the run, as a page is reopened or an answer
    // changed; scores follow a typical NPS mix (60% promoters, 20% passives, 20% detractors, which
    // open follow-up tasks).
    confirm: () =>
      load(
        (i) => ({
          url: `${confirmServer.url}/s/${tokens[(i * 7919) % tokens.length]}/confirm`,
          method: 'POST',
          body: `score=${NPS_MIX[i % NPS_MIX.length]}`,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
        }),
        { ...opts, expectStatus: [200] },
      ),
  };
  // Rounds interleave the figures so that a busy neighbour on the machine weighs on all of them alike.
  const results: Record<keyof typeof figures, LoadResult[]> = { baseline: [], ingest: [], confirm: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(figures) as (keyof typeof figures)[]) results[name].push(await figures[name]());
  }
  await Promise.all([baseline.stop(), ingestServer.stop(), confirmServer.stop()]);

  const rate = (name: keyof typeof figures) => median(results[name].map((r) => r.perSecond));
  const ratio = (name: 'ingest' | 'confirm') => median(results[name].map((r, i) => r.perSecond / results.baseline[i]!.perSecond));
  const errors = (name: keyof typeof figures) => results[name].reduce((n, r) => n + r.errors, 0);
  console.log('figure                    req/s (median)   ratio to baseline (median of rounds)   target');
  console.log(`baseline (bare insert)    ${rate('baseline').toFixed(0).padStart(7)}                                                   errors ${errors('baseline')}`);
  console.log(`ingest                    ${rate('ingest').toFixed(0).padStart(7)}          ${ratio('ingest').toFixed(2)}                                  >= 0.40   errors ${errors('ingest')}`);
  console.log(`confirm                   ${rate('confirm').toFixed(0).padStart(7)}          ${ratio('confirm').toFixed(2)}                                  >= 0.50   errors ${errors('confirm')}`);

  console.log('');
  await benchDashboard();
  await benchImport();
}

await main();
