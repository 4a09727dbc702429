// What each index on `responses` costs an answer: the same server with that one index dropped,
// beside the server with all of them and the bare-insert baseline, interleaved in rounds. The
// figure is the server's CPU time per request (steadier than req/s on a shared machine).
//   npx tsx bench/responseIndexes.ts   (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_INDEXES)
import { loadavg } from 'node:os';
import { startBenchServer, type Server } from './benchServer';
import { load, type LoadRequest } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SURVEYS = 5000;
/** The named secondary indexes of `responses` (src/db/schema.ts). */
const INDEXES = (
  process.env.BENCH_INDEXES ??
  'responses_dash_time_idx,responses_dash_agent_idx,responses_unanalysed_idx,responses_words_idx,responses_interaction_idx,responses_details_idx,responses_sentiment_idx,responses_customer_idx'
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

async function main() {
  const variants = [{ label: 'all indexes', drop: [] as string[] }, ...INDEXES.map((n) => ({ label: `without ${n}`, drop: [n] })), { label: 'without all eight', drop: INDEXES }];
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

await main();
