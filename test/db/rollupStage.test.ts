// Under group commit the rollup cells of a batch of writes are summed in memory and written once
// per cell (src/db/rollupStage.ts). They must stay exactly what a rebuild from the raw rows gives:
// after a concurrent burst, when one write of a batch fails, and after a crash between batches.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite';
import { responses, teams } from '../../src/db/schema';
import { rebuildRollups, withResponseRollup } from '../../src/services/dashboard/rollups';
import { makeTestDeps, testDepsOver, type TestDeps } from '../helpers/deps';
import { answer, countingCells, sendSurveys } from '../helpers/answers';

const TIME_ZONE = 'America/New_York';
let deps: TestDeps;
afterEach(() => deps?.close());

async function expectEqualToRebuild(d: TestDeps) {
  const kept = await countingCells(d);
  await rebuildRollups(d);
  expect(kept).toEqual(await countingCells(d));
  return kept;
}

it('keeps the cells equal to a rebuild through a concurrent burst of answers, changes and scanner flags', async () => {
  deps = makeTestDeps({ env: { TIME_ZONE, SURVEY_DELAY_MINUTES: '0' } });
  const ids = await sendSurveys(deps, 60);
  // Answers arrive together (so they share batches); many requests are answered several times at
  // once, some change score, some are clicked as a scanner would. New York time, on either side of
  // midnight, of the clocks going forward (March 8) and of a new week (Monday March 9).
  for (const at of ['2026-03-08T04:30:00Z', '2026-03-08T05:30:00Z', '2026-03-09T03:30:00Z', '2026-03-09T04:30:00Z']) {
    deps.setNow(Date.parse(at));
    await Promise.all(
      Array.from({ length: 150 }, (_, i) => answer(deps, ids[(i * 7) % ids.length]!, i % 11, i % 13 === 0 ? 'click' : i % 4 ? 'auto' : 'explicit')),
    );
  }
  const cells = await expectEqualToRebuild(deps);
  expect(cells.length).toBeGreaterThan(100);
  // Answers were counted at all: every answered request is in the grand total.
  const [counted] = await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM responses WHERE flagged = 0`);
  const [sum] = await deps.db.all<{ total: number }>(
    sql.raw(`SELECT sum(${['csat', 'nps', 'ces'].map((k) => `direct_${k}`).join(' + ')}) AS total FROM response_rollups WHERE cube = 0`),
  );
  expect(sum!.total).toBe(counted!.n);
});

it('drops the cell changes of a write that fails in its batch, and keeps the others', async () => {
  deps = makeTestDeps({ env: { TIME_ZONE, SURVEY_DELAY_MINUTES: '0' } });
  const ids = await sendSurveys(deps, 12);
  await Promise.all(ids.map((id, i) => answer(deps, id, i, 'explicit')));
  const [a, b, c] = await deps.db.select().from(responses).limit(3);
  await deps.atomic([deps.db.insert(teams).values({ id: 'taken', name: 'taken', createdAt: 1 })]);
  const change = (r: typeof a, more: Parameters<typeof withResponseRollup>[2] = []) =>
    deps.atomic(withResponseRollup(deps, r!.requestId, [deps.db.update(responses).set({ score: r!.score === 1 ? 2 : 1 }).where(eq(responses.id, r!.id)), ...more]));

  // Started in one turn of the event loop: one batch. The second write's rollup removal is staged
  // and its score changed before its last statement breaks a unique name.
  const results = await Promise.allSettled([
    change(a),
    change(b, [deps.db.insert(teams).values({ id: 'again', name: 'taken', createdAt: 1 })]),
    deps.atomic(withResponseRollup(deps, c!.requestId, [deps.db.update(responses).set({ flagged: true }).where(eq(responses.id, c!.id))])),
  ]);

  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const after = new Map((await deps.db.select().from(responses)).map((r) => [r.id, r]));
  expect(after.get(a!.id)!.score).not.toBe(a!.score);
  expect(after.get(b!.id)!.score).toBe(b!.score);
  expect(after.get(c!.id)!.flagged).toBe(true);
  await expectEqualToRebuild(deps);
});

it('loses no acknowledged answer when the process is killed between batches, and its cells stay exact', async () => {
  deps = makeTestDeps({ env: { TIME_ZONE, SURVEY_DELAY_MINUTES: '0' } });
  await sendSurveys(deps, 400);
  const path = join(deps.dir, 'heard.db');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/ackingAnswers.ts', import.meta.url)), path, TIME_ZONE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: string[] = [];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= 250) resolve();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const handle = openSqlite(path);
  const reopened = testDepsOver({ db: handle.db, atomic: handle.atomic, dir: '', close: () => handle.close() }, { env: { TIME_ZONE } });
  try {
    const answered = new Set((await reopened.db.select({ id: responses.requestId }).from(responses)).map((r) => r.id));
    expect(acked.filter((id) => !answered.has(id))).toEqual([]);
    await expectEqualToRebuild(reopened);
  } finally {
    reopened.close();
  }
}, 60_000);
