// Data rights over the API, shared with workerd: erasing a customer with more rows than D1 binds
// in one statement, the dashboards exact afterwards (equal to a rebuild and to a recount of the
// rows in memory), idempotent answers, the hashed suppression at ingest, and the export.
import { afterEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addCounts, COUNT_COLUMNS, directOf, emptyCounts, histogram, sentOf } from '../../src/db/queries/cells';
import { parseIsoDate } from '../../src/domain/period';
import { SURVEY_KINDS } from '../../src/domain/surveys';
import type { Deps } from '../../src/deps';
import { ces, cesTally, csat, csatTally, nps, npsTally } from '../../src/domain/scores';
import { ZCustomerExport, ZErasureContinuing } from '../../src/http/api/shapes';
import { runDueWork } from '../../src/services/dispatch';
import { dailyCounts, NO_FILTER } from '../../src/services/dashboard/counts';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { expectedFor, historyRows } from '../helpers/dashboard';
import { interaction, makeTestApp, makeTestDeps, testAppOver, type TestDeps } from '../helpers/deps';

const TZ = 'Europe/Madrid';
const RANGE = { from: parseIsoDate('2026-01-01')!, to: parseIsoDate('2026-03-31')! };
const WHO = { email: 'zoltana.quibble@example.org', name: 'Zoltana Quibble', locale: 'es' };

let deps: TestDeps;
afterEach(() => deps?.close());

/** Other customers' history, and more than 100 interactions (about 90 answered) of one customer. */
async function seeded(over: Pick<Deps, 'erasureSteps'> = {}) {
  const t = await testAppOver({ ...makeTestDeps({ env: { TIME_ZONE: TZ }, now: Date.parse('2026-04-02T10:00:00Z') }), ...over });
  deps = t.deps;
  const span = { from: Date.parse('2026-01-05T00:00:00Z'), to: Date.parse('2026-03-25T00:00:00Z') };
  const others = historyRows({ count: 150, seed: 5, ...span });
  const theirs = historyRows({ count: 130, seed: 6, ...span }).map((r, i): HistoryRow => ({
    ...r,
    externalId: `ZQ-${i}`,
    customer: WHO,
    response: r.response ? { ...r.response, comment: `Zoltana Quibble says ${i}` } : null,
  }));
  const rows = [...others, ...theirs];
  for (let i = 0; i < rows.length; i += 100) await recordHistory(t.deps, rows.slice(i, i + 100));
  return { ...t, rows };
}

/** What the dashboards count over the range, per survey kind. */
async function counted(d: TestDeps) {
  const days = await dailyCounts(d, { scope: { kind: 'all' }, filter: NO_FILTER, range: RANGE });
  const total = [...days.values()].reduce((sum, c) => addCounts(sum, c), emptyCounts());
  return {
    answers: Object.fromEntries(SURVEY_KINDS.map((k) => [k, histogram(total, k)])),
    sent: SURVEY_KINDS.reduce((n, k) => n + sentOf(total, k), 0),
    direct: SURVEY_KINDS.reduce((n, k) => n + directOf(total, k), 0),
  };
}

const nonZeroCells = (d: TestDeps) =>
  d.db.all(sql.raw(`SELECT * FROM response_rollups WHERE ${COUNT_COLUMNS.map((c) => `"${c}" <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5, 6, 7`));

const rowsOf = async (d: TestDeps) =>
  d.db.all<{ n: number }>(sql`SELECT (SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE c.email = ${WHO.email})
    + (SELECT count(*) FROM responses WHERE comment LIKE 'Zoltana%') AS n`);

it('erases a customer with over 100 interactions; the dashboards equal a rebuild and a recount of the remaining rows', async () => {
  const { api, rows } = await seeded();
  expect(await counted(deps)).toEqual(expectedFor(rows, TZ, RANGE, () => true));
  expect((await rowsOf(deps))[0]!.n).toBeGreaterThan(200);

  const res = await api(`/api/v1/customers/${encodeURIComponent(WHO.email.toUpperCase())}`, { method: 'DELETE' });
  expect(res.status).toBe(204);

  const remaining = expectedFor(rows, TZ, RANGE, (r) => r.customer.email !== WHO.email);
  expect(remaining.direct).toBeLessThan(expectedFor(rows, TZ, RANGE, () => true).direct);
  expect(await counted(deps)).toEqual(remaining);
  const maintained = await nonZeroCells(deps);
  await rebuildRollups(deps);
  expect(await nonZeroCells(deps)).toEqual(maintained);
  expect((await rowsOf(deps))[0]!.n).toBe(0);
  expect(await deps.db.all(sql`SELECT * FROM customers WHERE email = ${WHO.email} OR name = ${WHO.name}`)).toEqual([]);
  expect(await deps.db.all(sql`SELECT * FROM customer_erasures`)).toEqual([]);
  const audit = await deps.db.all<{ action: string; target: string; detail: string }>(sql`SELECT action, target, detail FROM audit_log WHERE action <> 'api-key.created'`);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: 'customer.erased', target: expect.stringMatching(/^customer /) });
  expect(audit[0]!.detail).toMatch(/^by API key test \(.+…\); address hash [0-9a-f]{12}…$/);
  expect(JSON.stringify(audit)).not.toContain('zoltana');
});

/** GET /api/v1/metrics over the range for each survey kind, and the same figures recounted from the rows kept (the API rounds scores to 0.1). */
async function metricsAndRecount(api: (path: string) => Promise<Response>, rows: readonly HistoryRow[], keep: (r: HistoryRow) => boolean) {
  const score = { csat: (h: number[]) => csat(csatTally(h)), nps: (h: number[]) => nps(npsTally(h)), ces: (h: number[]) => ces(cesTally(h)) };
  const fromApi: Record<string, unknown> = {};
  const recount: Record<string, unknown> = {};
  for (const kind of SURVEY_KINDS) {
    const res = await api(`/api/v1/metrics?survey=${kind}&from=2026-01-01&to=2026-03-31`);
    expect(res.status).toBe(200);
    const [m] = ((await res.json()) as { data: { n: number; score: number | null; delivered: number }[] }).data;
    fromApi[kind] = { n: m!.n, score: m!.score === null ? null : Number(m!.score.toFixed(1)), delivered: m!.delivered };
    const e = expectedFor(rows, TZ, RANGE, (r) => keep(r) && r.survey === kind);
    const s = score[kind](e.answers[kind]!);
    recount[kind] = { n: s.n, score: s.score === null ? null : Number(s.score.toFixed(1)), delivered: e.sent };
  }
  return { api: fromApi, recount };
}

it('answers 202 for a customer too large for one request; asking again is harmless, runDueWork finishes it, and the metrics equal a recount', async () => {
  // One step per request: 130 interactions take three steps of 50, then the copies and the customer.
  const { api, rows } = await seeded({ erasureSteps: 1 });
  const path = `/api/v1/customers/${encodeURIComponent(WHO.email)}`;
  const all = await metricsAndRecount(api, rows, () => true);
  expect(all.api).toEqual(all.recount);
  const theirs = rows.filter((r) => r.customer.email === WHO.email && r.response).length;
  expect(theirs).toBeGreaterThan(60);

  const first = await api(path, { method: 'DELETE' });
  expect(first.status).toBe(202);
  expect(ZErasureContinuing.parse(await first.json())).toEqual({ status: 'continuing' });
  // Exact after every step: the rollups equal a rebuild while the erasure is half done.
  const halfway = await nonZeroCells(deps);
  await rebuildRollups(deps);
  expect(await nonZeroCells(deps)).toEqual(halfway);
  const exported = await api(`${path}/export`);
  expect(exported.status).toBe(200);
  expect(ZCustomerExport.parse(await exported.json()).interactions).toHaveLength(80);

  // A retry goes one step further, audits nothing more, and still answers 202.
  const retry = await api(path, { method: 'DELETE' });
  expect(retry.status).toBe(202);
  expect(ZErasureContinuing.parse(await retry.json())).toEqual({ status: 'continuing' });
  expect(await deps.db.all(sql`SELECT action FROM audit_log WHERE action = 'customer.erased'`)).toHaveLength(1);
  // The request leaves the erasure unclaimed: the very next runDueWork finishes it (the last 30 interactions, then the customer).
  const work = await runDueWork(deps, deps.clock());
  expect(work.erasures).toEqual({ steps: 2, finished: 1 });
  expect((await api(path, { method: 'DELETE' })).status).toBe(204);

  const after = await metricsAndRecount(api, rows, (r) => r.customer.email !== WHO.email);
  expect(after.api).toEqual(after.recount);
  expect(after.api).not.toEqual(all.api);
  expect((await api(`${path}/export`)).status).toBe(404);
  expect((await rowsOf(deps))[0]!.n).toBe(0);
  expect(await deps.db.all(sql`SELECT id FROM customers WHERE email = ${WHO.email} OR name = ${WHO.name}`)).toEqual([]);
  expect(await deps.db.all(sql`SELECT * FROM customer_erasures`)).toEqual([]);
  expect(await deps.db.all(sql`SELECT id FROM outbox WHERE instr(lower(text), ${WHO.email}) > 0`)).toEqual([]);
  const maintained = await nonZeroCells(deps);
  await rebuildRollups(deps);
  expect(await nonZeroCells(deps)).toEqual(maintained);
});

it('answers 204 again for an erased address, 404 for an unknown one, and 400 for something that is no address', async () => {
  const t = await makeTestApp();
  deps = t.deps;
  const { api } = t;
  expect((await api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(interaction({ customer: WHO })) })).status).toBe(201);
  expect((await api(`/api/v1/customers/${WHO.email}`, { method: 'DELETE' })).status).toBe(204);
  expect((await api(`/api/v1/customers/${WHO.email}`, { method: 'DELETE' })).status).toBe(204);
  const unknown = await api('/api/v1/customers/nobody@example.org', { method: 'DELETE' });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('Content-Type')).toBe('application/problem+json');
  const bad = await api('/api/v1/customers/not-an-address', { method: 'DELETE' });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['email']);
  expect((await api('/api/v1/customers/nobody@example.org/export')).status).toBe(404);
});

it('never surveys an erased address again: a new interaction for it is stored with its survey suppressed', async () => {
  const t = await makeTestApp();
  deps = t.deps;
  await t.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(interaction({ customer: WHO })) });
  expect((await t.api(`/api/v1/customers/${WHO.email}`, { method: 'DELETE' })).status).toBe(204);
  const stored = await deps.db.all<{ hash: string }>(sql`SELECT hash FROM hashed_suppressions`);
  expect(stored).toHaveLength(1);
  expect(stored[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  const again = await t.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(interaction({ customer: { email: ` ${WHO.email.toUpperCase()}` } })) });
  expect(again.status).toBe(201);
  expect(((await again.json()) as { surveyRequest: { status: string; reason: string } }).surveyRequest).toMatchObject({ status: 'suppressed', reason: 'erased' });
  const other = await t.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(interaction({ customer: { email: 'someone.else@example.org' } })) });
  expect(((await other.json()) as { surveyRequest: { status: string } }).surveyRequest.status).toBe('scheduled');
});

it('exports everything held about a customer as one JSON document in the documented shape', async () => {
  const { api } = await seeded();
  const res = await api(`/api/v1/customers/${WHO.email}/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Disposition')).toMatch(/^attachment/);
  const parsed = ZCustomerExport.safeParse(await res.json());
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  const doc = parsed.data!;
  expect(doc.customer).toMatchObject({ email: WHO.email, name: WHO.name });
  expect(doc.interactions).toHaveLength(130);
  expect(new Set(doc.interactions.map((i) => i.externalId)).size).toBe(130);
  const answers = doc.interactions.flatMap((i) => i.surveys.flatMap((s) => (s.response ? [s.response] : [])));
  expect(answers.length).toBeGreaterThan(60);
  expect(answers.every((a) => a.comment?.startsWith('Zoltana Quibble says'))).toBe(true);
  // Nobody else's history is in it.
  expect(doc.interactions.every((i) => i.externalId.startsWith('ZQ-'))).toBe(true);
});
