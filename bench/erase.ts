// Erasing one customer with a long history from a database of other customers' answers, beside two
// baselines measured in the same interleaved rounds, each on a fresh copy of the same file: a bare
// DELETE of the same rows (no rollups, no copies, one transaction), and `rollups rebuild` (what
// keeping the dashboards exact would cost without subtracting cells). Also the cost of
// secure_delete (the bare delete with it off), and what the foreign-key indexes erasure relies on
// gain it (erasure without them) and cost the writing of history (the same rows recorded with and
// without them).
//   npx tsx bench/erase.ts       (BENCH_ERASE_ROWS, BENCH_ERASE_MINE, BENCH_ROUNDS)
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/db/sqlite';
import type { Deps } from '../src/deps';
import { eraseCustomer } from '../src/services/customers/erase';
import { rebuildRollups } from '../src/services/dashboard/rollups';
import { recordHistory, timeOrderedIds, type HistoryRow } from '../src/services/import';
import { capturingMailer, testConfig } from '../test/helpers/deps';
import { historyRows } from '../test/helpers/dashboard';

const ROWS = Number(process.env.BENCH_ERASE_ROWS ?? 50_000);
const MINE = Number(process.env.BENCH_ERASE_MINE ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WHO = 'long.history@example.org';
const span = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2026, 0, 1) };

function depsOver(path: string) {
  const h = openSqlite(path, { groupCommit: false });
  const deps: Deps = { db: h.db, atomic: h.atomic, config: testConfig({ TIME_ZONE: 'Europe/Berlin' }), clock: () => span.to, newId: timeOrderedIds(), mailer: capturingMailer() };
  return { h, deps };
}

const BARE = [
  `DELETE FROM response_events WHERE request_id IN (SELECT id FROM survey_requests WHERE customer_id = $c)`,
  `DELETE FROM response_phrases WHERE response_id IN (SELECT id FROM responses WHERE customer_id = $c)`,
  `DELETE FROM responses WHERE customer_id = $c`,
  `DELETE FROM survey_requests WHERE customer_id = $c`,
  `DELETE FROM interactions WHERE customer_id = $c`,
  `DELETE FROM customers WHERE id = $c`,
];

function bareDelete(path: string, secure: boolean) {
  const { h } = depsOver(path);
  h.sqlite.pragma(`secure_delete = ${secure ? 'ON' : 'OFF'}`);
  const c = (h.sqlite.prepare('SELECT id FROM customers WHERE email = ?').get(WHO) as { id: string }).id;
  const t = performance.now();
  h.sqlite.transaction(() => BARE.forEach((s) => h.sqlite.prepare(s).run({ c })))();
  const ms = performance.now() - t;
  h.close();
  return ms;
}

async function timed(path: string, run: (deps: Deps) => Promise<unknown>) {
  const { h, deps } = depsOver(path);
  const t = performance.now();
  await run(deps);
  const ms = performance.now() - t;
  h.close();
  return ms;
}

const INDEXES = ['responses_interaction_idx', 'connection_deliveries_interaction_idx', 'followups_interaction_idx', 'followups_response_idx'];
function withoutIndexes(path: string) {
  const { h } = depsOver(path);
  for (const i of INDEXES) h.sqlite.exec(`DROP INDEX ${i}`);
  h.close();
  return path;
}

async function recordInBatches(deps: Deps, rows: HistoryRow[]) {
  for (let i = 0; i < rows.length; i += 2000) await recordHistory(deps, rows.slice(i, i + 2000));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

const dir = mkdtempSync(join(tmpdir(), 'heard-erase-bench-'));
try {
  const template = join(dir, 'template.db');
  const { h, deps } = depsOver(template);
  const rows: HistoryRow[] = [
    ...historyRows({ count: ROWS, seed: 1, ...span }),
    ...historyRows({ count: MINE, seed: 2, ...span }).map((r, i) => ({ ...r, externalId: `MINE-${i}`, customer: { email: WHO, name: 'Long History', locale: null } })),
  ];
  for (let i = 0; i < rows.length; i += 2000) await recordHistory(deps, rows.slice(i, i + 2000));
  h.close();

  const figures: Record<'erase' | 'eraseNoIdx' | 'bare' | 'bareOff' | 'rebuild' | 'record' | 'recordNoIdx', number[]> = {
    erase: [],
    eraseNoIdx: [],
    bare: [],
    bareOff: [],
    rebuild: [],
    record: [],
    recordNoIdx: [],
  };
  const sample = historyRows({ count: 10_000, seed: 3, ...span }).map((r) => ({ ...r, externalId: `REC-${r.externalId}` }));
  for (let round = 0; round < ROUNDS; round++) {
    const copy = (name: string) => (copyFileSync(template, join(dir, name)), join(dir, name));
    figures.bare.push(bareDelete(copy('bare.db'), true));
    figures.bareOff.push(bareDelete(copy('bare-off.db'), false));
    figures.erase.push(await timed(copy('erase.db'), (d) => eraseCustomer(d, { email: WHO }, { userId: 'bench' })));
    figures.rebuild.push(await timed(copy('rebuild.db'), (d) => rebuildRollups(d)));
    figures.eraseNoIdx.push(await timed(withoutIndexes(copy('noidx.db')), (d) => eraseCustomer(d, { email: WHO }, { userId: 'bench' })));
    figures.record.push(await timed(copy('record.db'), (d) => recordInBatches(d, sample)));
    figures.recordNoIdx.push(await timed(withoutIndexes(copy('record-noidx.db')), (d) => recordInBatches(d, sample)));
  }
  const base = median(figures.bare);
  console.log(`Erasing one customer with ${MINE.toLocaleString('en')} interactions from ${(ROWS + MINE).toLocaleString('en')}; medians of ${ROUNDS} interleaved rounds (range in ms)`);
  const line = (label: string, xs: number[]) => console.log(`${label.padEnd(46)} ${median(xs).toFixed(0).padStart(7)} ms  (${range(xs)})  ${(median(xs) / base).toFixed(2)}x`);
  line('bare DELETE of the same rows (secure_delete on)', figures.bare);
  line('bare DELETE, secure_delete off', figures.bareOff);
  line('Heard erasure (bounded steps, rollups, copies)', figures.erase);
  line('rollups rebuild of the whole database', figures.rebuild);
  line('Heard erasure without the foreign-key indexes', figures.eraseNoIdx);
  const rec = median(figures.recordNoIdx);
  console.log(`\nRecording ${sample.length.toLocaleString('en')} rows of history: with the indexes ${median(figures.record).toFixed(0)} ms (${range(figures.record)}), without ${rec.toFixed(0)} ms (${range(figures.recordNoIdx)}): ${(median(figures.record) / rec).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
