// An import does not bring back an erased customer: rows whose address hashes to an erased one
// are skipped, said why and counted — on the command line's report and dry run, and on the upload
// page's preview and result. Everyone else's rows go in as usual, and the rollups stay exact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/app';
import { planImport } from '../../src/domain/import/plan';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { eraseCustomer } from '../../src/services/customers/erase';
import { timeOrderedIds } from '../../src/services/import';
import { reportLines } from '../../src/services/importer/describe';
import { ERASED_PROBLEM } from '../../src/services/importer/erased';
import { importStream } from '../../src/services/importer/stream';
import { authed, form, signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
beforeEach(() => {
  deps = makeTestDeps({ env: { TIME_ZONE: 'Europe/Madrid' } });
});
afterEach(() => deps.close());

const HEADER = 'external_id,closed_at,agent_email,customer_email,survey,score,comment';
const FIRST = [HEADER, 'G-1,2025-03-02T10:00:00Z,ana@old.example,gone@example.com,csat,5,Lovely', 'K-1,2025-03-02T11:00:00Z,ana@old.example,kept@example.com,csat,2,Slow'].join('\n');
// The same history again, with more rows of both; the erased address written differently.
const AGAIN = [FIRST, 'G-2,2025-03-03T10:00:00Z,ana@old.example, Gone@Example.COM ,nps,9,Again', 'K-2,2025-03-03T11:00:00Z,ana@old.example,kept@example.com,nps,3,'].join('\n');

async function* whole(text: string) {
  yield text;
}
const importCsv = (text: string, dryRun = false) =>
  importStream({ ...deps, newId: timeOrderedIds(deps.clock) }, whole(text), (s) => planImport({}, { ...s, sample: s.sample.map((r) => r.values) }), {
    batchSize: 1000,
    maxParams: 99,
    now: deps.clock(),
    dryRun,
  });
const count = async (query: ReturnType<typeof sql>) => (await deps.db.all<{ n: number }>(query))[0]!.n;
const rollups = () => deps.db.all(sql`SELECT * FROM response_rollups ORDER BY cube, grain, channel, tag, period, team_id, agent_id`);

async function importAndErase() {
  expect(await importCsv(FIRST)).toMatchObject({ ok: true, value: { imported: 2, erased: 0 } });
  expect(await eraseCustomer(deps, { email: 'gone@example.com' }, { userId: 'admin' })).toEqual({ ok: true, value: 'erased' });
}

describe('importing rows of an erased customer', () => {
  it('skips them, counts them and says why; the others go in and the rollups stay exact', async () => {
    await importAndErase();
    const dry = await importCsv(AGAIN, true);
    expect(dry).toMatchObject({ ok: true, value: { rows: 4, imported: 2, skipped: 2, erased: 2 } });
    expect(reportLines(dry.ok ? dry.value : (null as never), { dryRun: true, maxSkips: 10 })).toContain('2 of the skipped rows are of erased customers: Heard does not bring them back.');

    const report = await importCsv(AGAIN);
    expect(report).toMatchObject({
      ok: true,
      value: {
        rows: 4,
        imported: 1,
        duplicates: 1,
        skipped: 2,
        erased: 2,
        skips: [
          { line: 2, reasons: [`customer_email: ${ERASED_PROBLEM}`] },
          { line: 4, reasons: [`customer_email: ${ERASED_PROBLEM}`] },
        ],
      },
    });
    // The address appears nowhere again; the kept customer's answers are all there.
    expect(await count(sql`SELECT count(*) AS n FROM customers WHERE email LIKE '%gone%'`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM interactions WHERE external_id LIKE 'G-%'`)).toBe(0);
    expect(await count(sql`SELECT count(*) AS n FROM responses`)).toBe(2);
    const cells = await rollups();
    await rebuildRollups(deps);
    expect(await rollups()).toEqual(cells);
  });

  it('imports every row when nobody was erased', async () => {
    expect(await importCsv(AGAIN)).toMatchObject({ ok: true, value: { imported: 4, skipped: 0, erased: 0 } });
  });

  it('marks them in the upload preview and counts them in the result', async () => {
    await importAndErase();
    const app = createApp(deps);
    const admin = await signIn(deps, { role: 'admin', email: 'ada@staff.example' });
    const body = new FormData();
    body.append('_csrf', admin.csrf);
    body.append('file', new File([AGAIN], 'history.csv', { type: 'text/csv' }));
    const job = (await authed(app, admin, '/admin/import', { method: 'POST', body })).headers.get('Location')!;
    const preview = await (await authed(app, admin, job)).text();
    expect(preview).toContain('2 of 4 rows can be imported');
    expect(preview).toMatch(new RegExp(`<td class="cell-problem" data-field="customer_email">gone@example.com<span class="problem" role="note">${ERASED_PROBLEM}</span>`));
    expect((await form(app, admin, `${job}/confirm`)).status).toBe(303);
    let progress = '';
    for (let i = 0; i < 5 && !progress.includes('Import finished'); i++) progress = await (await form(app, admin, `${job}/step`)).text();
    expect(progress).toContain('<dd data-count="imported">1</dd>');
    expect(progress).toMatch(/<dd data-count="skipped">2<span class="muted small"> \(2 of erased customers\)<\/span><\/dd>/);
  });
});
