// The churned_at column of the mapped import: each row's date becomes one churn event of its
// customer, stored once however often the file is imported.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { planImport } from '../../src/domain/import/plan';
import { timeOrderedIds } from '../../src/services/import';
import { importStream } from '../../src/services/importer/stream';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
beforeEach(() => {
  deps = makeTestDeps();
});
afterEach(() => deps.close());

async function* once(text: string) {
  yield text;
}
const run = (text: string, req: Parameters<typeof planImport>[0] = {}) =>
  importStream(
    { ...deps, newId: timeOrderedIds(deps.clock) },
    once(text),
    (s) => planImport(req, { ...s, sample: s.sample.map((r) => r.values) }),
    { batchSize: 2, maxParams: 99, now: deps.clock(), dryRun: false },
  );
const events = () =>
  deps.db.all<{ email: string; type: string; at: number; source: string }>(
    sql`select c.email, e.type, e.at, e.source from customer_events e join customers c on c.id = e.customer_id order by c.email, e.at`,
  );

const FILE = [
  'external_id,responded_at,customer_email,survey,score,churned_at',
  'H-1,2026-01-05,ann@example.com,nps,3,2026-02-01T00:00:00Z',
  'H-2,2026-01-06,ann@example.com,nps,2,2026-02-01T00:00:00Z',
  'H-3,2026-01-07,bo@example.com,csat,5,',
  'H-4,2026-01-08,cy@example.com,csat,1,2026-02-10',
  'H-5,2026-01-09,dee@example.com,csat,1,soon',
].join('\n');

it('records one churn event per customer and date, and a second import adds none', async () => {
  const first = await run(FILE);
  expect(first).toMatchObject({ ok: true, value: { imported: 4, skipped: 1 } });
  const stored = await events();
  expect(stored).toEqual([
    { email: 'ann@example.com', type: 'churned', at: Date.parse('2026-02-01T00:00:00Z'), source: 'import' },
    { email: 'cy@example.com', type: 'churned', at: Date.parse('2026-02-10T00:00:00Z'), source: 'import' },
  ]);
  expect(await run(FILE)).toMatchObject({ ok: true, value: { imported: 0, duplicates: 4 } });
  expect(await events()).toEqual(stored);
});

it('skips a row whose churn date cannot be read, naming the field', async () => {
  const result = await run(FILE);
  if (!result.ok) throw new Error(result.error);
  expect(JSON.stringify(result.value)).toContain('churned_at');
});

it('adds the churn events of a file imported before without the column', async () => {
  await run(FILE.split('\n').map((l) => l.split(',').slice(0, 5).join(',')).join('\n'));
  expect(await events()).toEqual([]);
  await run(FILE);
  expect((await events()).map((e) => e.email)).toEqual(['ann@example.com', 'cy@example.com']);
});
