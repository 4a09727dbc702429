// Dashboard numbers from a seeded database, written to run unchanged on SQLite (Node) and on D1
// (workerd): each test seeds its own data, as the D1 twin empties the database before every test.
import { expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addCounts, emptyCounts, histogram, sentOf } from '../../src/db/queries/cells';
import { responses } from '../../src/db/schema';
import { monthOf, parseIsoDate } from '../../src/domain/period';
import { partsOf } from '../../src/domain/scoreParts';
import { SURVEY_KINDS } from '../../src/domain/surveys';
import { agentTotals, agentTrend, countsBy, dailyCounts, NO_FILTER } from '../../src/services/dashboard/counts';
import { rebuildRollups, withResponseRollup } from '../../src/services/dashboard/rollups';
import { advanceImportJobs, confirmImportJob, createImportJob, getImportJob } from '../../src/services/importer/jobs';
import { AGENTS, expectedFor, idsByName, seedHistory } from '../helpers/dashboard';
import { makeTestApp } from '../helpers/deps';

const TZ = 'America/New_York';
const RANGE = { from: parseIsoDate('2026-02-05')!, to: parseIsoDate('2026-03-12')! };

async function seeded() {
  const t = await makeTestApp({ env: { TIME_ZONE: TZ }, now: Date.parse('2026-03-20T10:00:00Z') });
  const rows = await seedHistory(t.deps, { count: 300, from: Date.parse('2026-02-01T00:00:00Z'), to: Date.parse('2026-03-15T00:00:00Z') });
  return { t, rows };
}

it('counts from the rollups what the rows say', async () => {
  const { t, rows } = await seeded();
  const days = await dailyCounts(t.deps, { scope: { kind: 'all' }, filter: { ...NO_FILTER, tag: 'vip' }, range: RANGE });
  const total = [...days.values()].reduce((sum, c) => addCounts(sum, c), emptyCounts());
  expect(Object.fromEntries(SURVEY_KINDS.map((k) => [k, histogram(total, k)]))).toEqual(expectedFor(rows, TZ, RANGE, (r) => r.tags.includes('vip')).answers);
  const ids = await idsByName(t.deps);
  const agents = await agentTotals(t.deps, { scope: { kind: 'all' }, filter: { ...NO_FILTER, channel: 'chat' }, range: RANGE });
  const a = AGENTS[2]!;
  expect(histogram(agents.get(ids.agent(a.email))!, 'csat')).toEqual(
    expectedFor(rows, TZ, RANGE, (r) => r.agent.email === a.email && r.channel === 'chat').answers.csat,
  );
  // A trend of one agent: every month is a signed sum of cells (and raw days, with the channel filter).
  const trend = await agentTrend(t.deps, { scope: { kind: 'all' }, filter: NO_FILTER, range: RANGE }, { bucket: 'month', kind: 'csat', agentIds: [ids.agent(a.email)] });
  const feb = { from: RANGE.from, to: parseIsoDate('2026-02-28')! };
  expect(trend.get(ids.agent(a.email))!.get(monthOf(RANGE.from))).toEqual(partsOf('csat', expectedFor(rows, TZ, feb, (r) => r.agent.email === a.email).answers.csat));
  // Split by team: year, month and day cells, deliveries included.
  const teams = await countsBy(t.deps, { scope: { kind: 'all' }, filter: NO_FILTER, range: RANGE }, 'team');
  const tier1 = expectedFor(rows, TZ, RANGE, (r) => r.team === 'Tier 1');
  const got = teams.get(ids.team('Tier 1'))!;
  expect(histogram(got, 'nps')).toEqual(tier1.answers.nps);
  expect(SURVEY_KINDS.reduce((n, k) => n + sentOf(got, k), 0)).toBe(tier1.sent);
  t.deps.close();
});

it('keeps the rollups exact through a change, as a rebuild would have them', async () => {
  const { t } = await seeded();
  const snapshot = () => t.deps.db.all(sql`SELECT * FROM response_rollups WHERE csat_1 + csat_5 + nps_0 + nps_10 + ces_7 + sent_csat + direct_nps <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`);
  const [r] = await t.deps.db.select().from(responses).limit(1);
  await t.deps.atomic(withResponseRollup(t.deps, r!.requestId, [t.deps.db.update(responses).set({ flagged: true }).where(eq(responses.id, r!.id))]));
  const maintained = await snapshot();
  await rebuildRollups(t.deps);
  expect(await snapshot()).toEqual(maintained);
  t.deps.close();
});

it('rebuilds the same cells whether the raw rows are read in one slice or in many', async () => {
  const { t, rows } = await seeded();
  const snapshot = () => t.deps.db.all(sql`SELECT * FROM response_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7`);
  await rebuildRollups(t.deps, 1_000_000);
  const whole = await snapshot();
  // Slices of 7 rows: weeks and months (and days) span many slices, and must still add up.
  await rebuildRollups(t.deps, 7);
  expect(await snapshot()).toEqual(whole);
  const [total] = await t.deps.db.all<{ n: number }>(sql`SELECT sum(csat_1 + csat_2 + csat_3 + csat_4 + csat_5 + nps_0 + nps_1 + nps_2 + nps_3 + nps_4 + nps_5 + nps_6 + nps_7 + nps_8 + nps_9 + nps_10 + ces_1 + ces_2 + ces_3 + ces_4 + ces_5 + ces_6 + ces_7) AS n FROM response_rollups WHERE cube = 0`);
  expect(total!.n).toBe(rows.filter((r) => r.response !== null).length);
  t.deps.close();
});

it('imports an uploaded file as a job, chunk by chunk, and answers the metrics API', async () => {
  const { t } = await seeded();
  const lines = ['external_id,closed_at,agent_email,customer_email,survey,score,tags'];
  // More rows than one chunk, so the job takes several steps; D1's 100-value limit holds throughout.
  for (let i = 0; i < 1100; i++) lines.push(`Z-${i},2026-03-01,${i ? `a${i % 9}` : 'zoe'}@old.example,c${i}@d.example,nps,${i ? i % 11 : 10},"x, y"`);
  const upload = { name: 'z.csv', text: new Blob([lines.join('\n')]).stream().pipeThrough(new TextDecoderStream()) };
  const job = await createImportJob(t.deps, upload, null);
  if (!job.ok) throw new Error(job.error);
  expect(await confirmImportJob(t.deps, job.value)).toEqual({ ok: true, value: true });
  for (let i = 0; i < 10 && (await getImportJob(t.deps, job.value.id))!.status !== 'done'; i++) await advanceImportJobs(t.deps, t.deps.clock(), 1);
  const finished = (await getImportJob(t.deps, job.value.id))!;
  expect([finished.status, finished.error]).toEqual(['done', null]);
  expect(finished.report).toMatchObject({ imported: 1100, skipped: 0 });
  const snapshot = () => t.deps.db.all(sql`SELECT * FROM response_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7`);
  const maintained = await snapshot();
  await rebuildRollups(t.deps);
  expect(await snapshot()).toEqual(maintained);
  // The same file again changes nothing.
  const again = await createImportJob(t.deps, { name: 'z.csv', text: new Blob([lines.join('\n')]).stream().pipeThrough(new TextDecoderStream()) }, null);
  if (!again.ok) throw new Error(again.error);
  await confirmImportJob(t.deps, again.value);
  for (let i = 0; i < 10 && (await getImportJob(t.deps, again.value.id))!.status !== 'done'; i++) await advanceImportJobs(t.deps, t.deps.clock(), 1);
  expect((await getImportJob(t.deps, again.value.id))!.report).toMatchObject({ imported: 0, duplicates: 1100 });
  expect(await snapshot()).toEqual(maintained);
  const res = await t.api('/api/v1/metrics?survey=nps&from=2026-02-05&to=2026-03-12&groupBy=agent');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: Array<{ label: string | null; n: number; score: number }> };
  expect(body.data.find((d) => d.label === 'zoe@old.example')).toMatchObject({ n: 1, score: 100 });
  t.deps.close();
});
