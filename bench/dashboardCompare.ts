// `npx tsx bench/dashboardCompare.ts <other checkout>`: the dashboard benchmark's views served by
// another checkout (say, the code before a change) beside this one, in interleaved rounds over the
// same data: this checkout's benchmark database, and a copy of it for the other (which rebuilds its
// own rollups on its first request when their definition differs). Each side runs in its own
// process with its own code (bench/dashboardChild.ts); prints each view's median wall and CPU time
// on both sides with their ranges, and the median of the per-round CPU ratios (other ÷ this).
import { fork } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchPaths } from './dashboard';
import { benchDatabase, BENCH_SHAPE, removeDb } from './dashboardData';
import { dashboardViews } from './dashboardViews';

const other = process.argv[2];
if (!other) throw new Error('usage: npx tsx bench/dashboardCompare.ts <path of the other checkout>');
const here = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 7);

interface Side {
  ask(view: number): Promise<{ wall: number; cpu: number }>;
  stop(): void;
}

function start(root: string, path: string): Promise<Side> {
  const child = fork(fileURLToPath(new URL('./dashboardChild.ts', import.meta.url)), [root, path], { cwd: root, execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the views of ${root} exited with ${code}`)));
    child.once('message', () =>
      resolve({
        ask: (view) =>
          new Promise((answer, fail) =>
            child.once('message', (m: { wall: number; cpu: number; status: number }) =>
              m.status === 200 ? answer(m) : fail(new Error(`${root}: view ${view} answered ${m.status}`)),
            ).send({ view }),
          ),
        stop: () => child.kill('SIGTERM'),
      }),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

const paths = benchPaths(BENCH_SHAPE.responses);
(await benchDatabase(paths, Date.now())).handle.close();
const copy = `${paths.dashboard}.other`;
if (!existsSync(copy)) {
  removeDb(`${copy}.part`);
  copyFileSync(paths.dashboard, `${copy}.part`);
  removeDb(copy);
  copyFileSync(`${copy}.part`, copy);
  removeDb(`${copy}.part`);
}
const [theirs, ours] = await Promise.all([start(other, copy), start(here, paths.dashboard)]);
try {
  const names = dashboardViews(0, '', String).map(([name]) => name);
  // Warm-up: statement caches, first page reads, and the other side's rollups if it must rebuild them.
  for (let v = 0; v < names.length; v++) {
    await theirs.ask(v);
    await ours.ask(v);
  }
  const got = names.map(() => ({ theirs: [] as Array<{ wall: number; cpu: number }>, ours: [] as Array<{ wall: number; cpu: number }> }));
  for (let round = 0; round < ROUNDS; round++) {
    for (let v = 0; v < names.length; v++) {
      // Alternate which side goes first, so neither always meets a warmer cache.
      const order = round % 2 ? [ours, theirs] : [theirs, ours];
      for (const side of order) got[v]![side === ours ? 'ours' : 'theirs'].push(await side.ask(v));
    }
  }
  console.log(`Dashboards, ${other} (before) against ${here} (after), ${ROUNDS} interleaved rounds; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`${'view'.padEnd(46)} ${'before wall'.padStart(20)} ${'after wall'.padStart(20)} ${'before CPU'.padStart(20)} ${'after CPU'.padStart(20)}  CPU ratio`);
  names.forEach((name, v) => {
    const { theirs: a, ours: b } = got[v]!;
    const cell = (xs: number[]) => `${median(xs).toFixed(1)} (${range(xs)})`.padStart(20);
    const ratio = median(a.map((x, i) => x.cpu / b[i]!.cpu));
    console.log(`${name.padEnd(46)} ${cell(a.map((x) => x.wall))} ${cell(b.map((x) => x.wall))} ${cell(a.map((x) => x.cpu))} ${cell(b.map((x) => x.cpu))}  ${ratio.toFixed(1)}x`);
  });
} finally {
  theirs.stop();
  ours.stop();
}
