// `npm run bench:workers`: the ingest and confirm endpoints on local workerd against the Node server
// in the same run, and how quickly a fresh Worker answers. The Worker is the bundle `wrangler deploy`
// would upload, run by Miniflare with D1 kept on disk, as the Node server keeps its SQLite file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from 'wrangler';
import { d1Database } from '../src/db/d1';
import { surveyRequests } from '../src/db/schema';
import { signLink } from '../src/security/links';
import { createApiKey } from '../src/services/apiKeys';
import { load, type LoadResult } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SURVEYS = 2000;
const COLD_STARTS = 5;
const SECRET = 'bench-secret-'.padEnd(40, 'x');
const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** The production bundle, built with the compatibility settings of wrangler.toml. */
function buildWorker(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'heard-worker-'));
  const built = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], { cwd: root, env: quiet, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('wrangler deploy --dry-run failed');
  return join(outdir, 'worker.js');
}

async function startWorker(script: string, persist: string) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'));
  const started = performance.now();
  const mf = new Miniflare({
    ...workerOptions,
    // Listed rather than located: the bundle keeps the SDK's optional `import('@react-email/render')`,
    // which only runs for React emails, and module location would refuse it.
    modules: [{ type: 'ESModule', path: script, contents: readFileSync(script) }],
    modulesRoot: dirname(script),
    bindings: { ...workerOptions.bindings, APP_SECRET: SECRET, SURVEY_DELAY_MINUTES: '0', THROTTLE_DAYS: '0' },
    d1Persist: persist,
    host: '127.0.0.1',
    port: 0,
  });
  const url = (await mf.ready).origin;
  return { mf, url, bootMs: performance.now() - started };
}

/** Applies drizzle/ to the Worker's D1 and sends SURVEYS surveys through the real API and cron handler. */
async function seedWorker(mf: Miniflare, url: string): Promise<{ key: string; tokens: string[] }> {
  const binding = await mf.getD1Database('DB');
  for (const file of readdirSync(join(root, 'drizzle')).filter((f) => f.endsWith('.sql')).sort()) {
    const queries = unstable_splitSqlQuery(readFileSync(join(root, 'drizzle', file), 'utf8'));
    await binding.batch(queries.map((q) => binding.prepare(q)));
  }
  const store = d1Database(binding);
  const { db } = store;
  const { key } = await createApiKey({ ...store, clock: Date.now, newId: () => crypto.randomUUID() }, 'bench');
  for (let i = 0; i < SURVEYS; i++) {
    const res = await fetch(`${url}/api/v1/interactions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({
        externalId: `seed-${i}`,
        customer: { email: `c${i}@bench.example` },
        agent: { email: `agent${i % 40}@bench.example`, name: `Agent ${i % 40}` },
        survey: 'nps',
      }),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
  const worker = await mf.getWorker();
  // One cron run sends a bounded number; run it until everything has gone out.
  for (let sent = 0; sent < SURVEYS; ) {
    const result = await worker.scheduled({ scheduledTime: new Date() });
    if (result.outcome !== 'ok') throw new Error(`scheduled handler: ${result.outcome}`);
    const rows = await db.select({ status: surveyRequests.status }).from(surveyRequests);
    const next = rows.filter((r) => r.status === 'sent').length;
    if (next === sent) throw new Error('the cron handler sent nothing');
    sent = next;
  }
  const ids = await db.select({ id: surveyRequests.id }).from(surveyRequests);
  return { key, tokens: await Promise.all(ids.map((r) => signLink(SECRET, 'survey', r.id, Date.now()))) };
}

/** The Node server in its own process, seeded the same way by bench/server.ts. */
function startNode(): Promise<{ url: string; key: string; tokens: string[]; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/server.ts'), 'heard', String(SURVEYS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\S+) (.*)\n/.exec(out);
      if (!m) return;
      const info = JSON.parse(m[2]!) as { key: string; tokens: string[] };
      resolve({
        url: m[1]!,
        key: info.key,
        tokens: info.tokens,
        stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
      });
    });
    child.once('exit', (code) => reject(new Error(`node bench server exited with ${code}`)));
  });
}

const confirmLoad = (url: string, tokens: string[]) =>
  load(
    (i) => ({
      url: `${url}/s/${tokens[i % tokens.length]}/confirm`,
      method: 'POST',
      body: `score=${i % 11}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
    }),
    { seconds: SECONDS, concurrency: CONCURRENCY, expectStatus: [200] },
  );

let ingested = 0;
const ingestLoad = (url: string, key: string) =>
  load(
    () => {
      const i = ingested++;
      return {
        url: `${url}/api/v1/interactions`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({
          externalId: `load-${i}`,
          customer: { email: `load${i}@bench.example` },
          agent: { email: `agent${i % 40}@bench.example`, name: `Agent ${i % 40}` },
          team: `Team ${i % 5}`,
          channel: 'chat',
        }),
      };
    },
    { seconds: SECONDS, concurrency: CONCURRENCY, expectStatus: [201] },
  );

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** CPU time of the Worker's top-level evaluation, which Cloudflare limits as "startup time". */
function startupCpuMs(): number {
  const outfile = join(mkdtempSync(join(tmpdir(), 'heard-startup-')), 'startup.cpuprofile');
  const args = ['wrangler', 'check', 'startup', '--outfile', outfile];
  if (spawnSync('npx', args, { cwd: root, env: quiet, stdio: 'ignore' }).status !== 0) throw new Error('wrangler check startup failed');
  const profile = JSON.parse(readFileSync(outfile, 'utf8')) as CpuProfile;
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busy = profile.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : profile.timeDeltas[i]!), 0);
  return busy / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(url: string) {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

/** Fresh workerd processes over the seeded database: boot, the first answer, then warm answers. */
async function coldStarts(script: string, persist: string) {
  const boots: number[] = [];
  const firsts: number[] = [];
  const warms: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const { mf, url, bootMs } = await startWorker(script, persist);
    boots.push(bootMs);
    firsts.push(await timed(`${url}/healthz`));
    for (let j = 0; j < 20; j++) warms.push(await timed(`${url}/healthz`));
    await mf.dispose();
  }
  return { boot: median(boots), first: median(firsts), warm: median(warms) };
}

async function main() {
  console.log(`Heard on workerd vs Node: ${SECONDS}s per figure, ${CONCURRENCY} concurrent clients\n`);
  const script = buildWorker();
  const persist = mkdtempSync(join(tmpdir(), 'heard-d1-'));

  const node = await startNode();
  const confirmNode = await confirmLoad(node.url, node.tokens);
  const ingestNode = await ingestLoad(node.url, node.key);
  await node.stop();

  const worker = await startWorker(script, persist);
  const seeded = await seedWorker(worker.mf, worker.url);
  const confirmWorkerd = await confirmLoad(worker.url, seeded.tokens);
  const ingestWorkerd = await ingestLoad(worker.url, seeded.key);
  await worker.mf.dispose();

  const cold = await coldStarts(script, persist);
  const startup = startupCpuMs();
  const fmt = (r: LoadResult) => `${r.perSecond.toFixed(0).padStart(6)} req/s, p99 ${r.p99.toFixed(1).padStart(6)} ms (${r.requests} ok, ${r.errors} errors)`;
  console.log(`confirm on Node + SQLite   ${fmt(confirmNode)}`);
  console.log(`confirm on workerd + D1    ${fmt(confirmWorkerd)}  ratio ${(confirmWorkerd.perSecond / confirmNode.perSecond).toFixed(2)}`);
  console.log(`ingest on Node + SQLite    ${fmt(ingestNode)}`);
  console.log(`ingest on workerd + D1     ${fmt(ingestWorkerd)}  ratio ${(ingestWorkerd.perSecond / ingestNode.perSecond).toFixed(2)}`);
  console.log('D1 runs each request\'s atomic write as its own batch(): a batch is all-or-nothing, so requests are not grouped there.');
  console.log(
    `Worker cold start (median of ${COLD_STARTS})  workerd boot ${cold.boot.toFixed(0)} ms, ` +
      `first answer ${cold.first.toFixed(1)} ms, warm answer ${cold.warm.toFixed(1)} ms`,
  );
  console.log(`Worker startup CPU (wrangler check startup)  ${startup.toFixed(1)} ms`);
}

await main();
