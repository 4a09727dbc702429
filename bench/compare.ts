// `npx tsx bench/compare.ts <other checkout>`: this checkout's ingest and survey confirmations
// against another checkout's (say, the code before a change), beside the bare-insert baseline, in
// interleaved rounds after a warm-up. Prints each server's CPU per request per round, the median
// of the per-round ratios (this ÷ other) and each rate as a ratio to the baseline's. It is how the
// README's "What made the write path cheaper" tables were measured.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { load, type LoadRequest } from './load';
import { baselineRequest, confirmRequest, ingestRequest, SURVEYS } from './requests';

const other = process.argv[2];
if (!other) throw new Error('usage: npx tsx bench/compare.ts <path of the other checkout>');
const here = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

interface Server {
  url: string;
  info: { key?: string; tokens?: string[] };
  cpu(): Promise<number>;
  stop(): void;
}

/** The checkout's own bench/server.ts, so each side runs its own code. */
function start(root: string, args: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}/bench/server.ts`, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server in ${root} exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /READY (\S+) (.*)\n/.exec(buffer);
      if (!m) return;
      child.removeAllListeners('exit');
      resolve({
        url: m[1]!,
        info: JSON.parse(m[2]!) as Server['info'],
        cpu: () => new Promise((answer) => (child.once('message', (us) => answer(Number(us))), child.send('cpu'))),
        stop: () => child.kill('SIGTERM'),
      });
    });
  });
}

const requests = { baseline: baselineRequest, ingest: ingestRequest, confirm: confirmRequest };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const [baseline, ...pairs] = await Promise.all([
  start(here, ['baseline']),
  start(other, ['heard', String(SURVEYS)]),
  start(here, ['heard', String(SURVEYS)]),
  start(other, ['heard', '0']),
  start(here, ['heard', '0']),
]);
const figures: Array<[string, Server, (i: number) => LoadRequest]> = [
  ['baseline', baseline, requests.baseline(baseline)],
  ['confirm (other)', pairs[0]!, requests.confirm(pairs[0]!)],
  ['confirm (this)', pairs[1]!, requests.confirm(pairs[1]!)],
  ['ingest (other)', pairs[2]!, requests.ingest(pairs[2]!)],
  ['ingest (this)', pairs[3]!, requests.ingest(pairs[3]!)],
];
const expectStatus = [200, 201];
for (const [, , make] of figures) await load(make, { seconds: 2, concurrency: CONCURRENCY, expectStatus });
const results = new Map<string, { cpu: number[]; rate: number[]; p99: number[] }>();
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order, so that neither side always follows the other.
  for (const [name, server, make] of round % 2 ? [...figures].reverse() : figures) {
    const before = await server.cpu();
    const r = await load(make, { seconds: SECONDS, concurrency: CONCURRENCY, expectStatus });
    const cpu = ((await server.cpu()) - before) / Math.max(1, r.requests);
    if (r.errors) console.log(`${name}: ${r.errors} errors`);
    const row = results.get(name) ?? { cpu: [], rate: [], p99: [] };
    results.set(name, { cpu: [...row.cpu, cpu], rate: [...row.rate, r.perSecond], p99: [...row.p99, r.p99] });
  }
}
for (const s of [baseline, ...pairs]) s.stop();

console.log(`${ROUNDS} interleaved rounds of ${SECONDS}s at ${CONCURRENCY} clients; other = ${other}`);
const base = results.get('baseline')!;
for (const [name, r] of results) {
  const toBase = name === 'baseline' ? '' : `   rate ÷ baseline ${median(r.rate.map((x, i) => x / base.rate[i]!)).toFixed(2)}`;
  console.log(
    `${name.padEnd(16)} CPU µs/request ${r.cpu.map((x) => x.toFixed(0)).join(' ')} (median ${median(r.cpu).toFixed(0)})   req/s ${median(r.rate).toFixed(0)}   p99 ${median(r.p99).toFixed(1)} ms${toBase}`,
  );
}
for (const kind of ['confirm', 'ingest']) {
  const a = results.get(`${kind} (other)`)!;
  const b = results.get(`${kind} (this)`)!;
  console.log(`${kind}: CPU this ÷ other, median of rounds ${median(b.cpu.map((x, i) => x / a.cpu[i]!)).toFixed(2)}`);
}
console.log(`load average (1 min) now: ${loadavg()[0]!.toFixed(1)}`);
