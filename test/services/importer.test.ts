// The mapped import against a real SQLite file: rollups after it equal a rebuild, a second run
// changes nothing, agents keep their home team, and an import job written chunk by chunk ends
// where a one-go import does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { planImport } from '../../src/domain/import/plan';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { SQLITE_MAX_PARAMS, timeOrderedIds } from '../../src/services/import';
import { advanceImportJobs, confirmImportJob, createImportJob, getImportJob } from '../../src/services/importer/jobs';
import { importStream } from '../../src/services/importer/stream';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
beforeEach(() => {
  deps = makeTestDeps({ env: { TIME_ZONE: 'America/New_York' } });
});
afterEach(() => deps.close());

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
async function* piecesOf(text: string, size = 50) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
const run = (text: string, req: Parameters<typeof planImport>[0] = {}, dryRun = false) =>
  importStream(
    { ...deps, newId: timeOrderedIds(deps.clock) },
    piecesOf(text),
    (s) => planImport(req, { ...s, sample: s.sample.map((r) => r.values) }),
    { batchSize: 2, maxParams: 99, now: deps.clock(), dryRun },
  );
const rollups = () => deps.db.all(sql`SELECT * FROM response_rollups ORDER BY cube, grain, channel, tag, period, team_id, agent_id`);
const count = async (table: string) => (await deps.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n;

/** Many rows over years, with tags, teams, agents and channels, in Heard's columns. */
function bigFile(n: number): string {
  const lines = ['external_id,closed_at,responded_at,agent_email,team,channel,customer_email,survey,score,tags'];
  for (let i = 0; i < n; i++) {
    const at = Date.UTC(2021, 0, 1) + i * 7_919_000;
    const kind = (['csat', 'nps', 'ces'] as const)[i % 3];
    const score = kind === 'nps' ? i % 11 : kind === 'csat' ? 1 + (i % 5) : 1 + (i % 7);
    lines.push(`B-${i},${at},${Math.floor(at / 1000) + 600},a${i % 7}@old.example,T${i % 3},${['chat', 'email', 'fax'][i % 3]},c${i % 40}@x.example,${kind},${score},"${['', 'billing', 'billing, vip'][i % 3]}"`);
  }
  return lines.join('\n');
}

describe('mapped import', () => {
  it('leaves rollups equal to a rebuild, and a second import changes nothing', async () => {
    const first = await run(bigFile(900));
    expect(first).toMatchObject({ ok: true, value: { rows: 900, imported: 900, skipped: 0, unknownChannels: { fax: 300 } } });
    const incremental = await rollups();
    expect(incremental.length).toBeGreaterThan(100);
    await rebuildRollups(deps);
    expect(await rollups()).toEqual(incremental);

    const again = await run(bigFile(900));
    expect(again).toMatchObject({ ok: true, value: { imported: 0, duplicates: 900 } });
    expect(await count('responses')).toBe(900);
    expect(await rollups()).toEqual(incremental);
  });

  it('imports each provider fixture with the numbers its report gives', async () => {
    const reports = [];
    for (const f of ['delighted.json', 'delighted.csv', 'nicereply.csv', 'zendesk.csv', 'helpscout.csv']) {
      const r = await run(fixture(f));
      if (!r.ok) throw new Error(r.error);
      reports.push([f, r.value.imported, r.value.skipped, r.value.unassigned]);
    }
    expect(reports).toEqual([
      ['delighted.json', 3, 1, 1],
      ['delighted.csv', 2, 1, 1],
      ['nicereply.csv', 3, 0, 1],
      ['zendesk.csv', 2, 1, 0],
      ['helpscout.csv', 3, 1, 0],
    ]);
    const scores = await deps.db.all<{ externalId: string; survey: string; score: number; source: string }>(
      sql`SELECT i.external_id AS externalId, r.survey, r.score, r.source FROM responses r JOIN interactions i ON i.id = r.interaction_id WHERE i.external_id IN ('ZD-502', '7002', '3001')  ORDER BY 1`,
    );
    expect(scores).toEqual([
      { externalId: '3001', survey: 'nps', score: 9, source: 'import' },
      { externalId: '7002', survey: 'csat', score: 3, source: 'import' },
      { externalId: 'ZD-502', survey: 'csat', score: 1, source: 'import' },
    ]);
    // Every imported answer's request was sent once by the other tool, at the close, and the answer is counted.
    const kept = await deps.db.all<{ status: string; attempts: number; sent: number; message: string | null; flagged: number; source: string; n: number }>(
      sql`SELECT q.status, q.attempts, q.sent_at = i.closed_at AND q.send_after = i.closed_at AS sent, q.message_id AS message, r.flagged, r.source, count(*) AS n
        FROM responses r JOIN survey_requests q ON q.id = r.request_id JOIN interactions i ON i.id = r.interaction_id GROUP BY 1, 2, 3, 4, 5, 6`,
    );
    expect(kept).toEqual([{ status: 'sent', attempts: 1, sent: 1, message: null, flagged: 0, source: 'import', n: 13 }]);
    const unassigned = await deps.db.all<{ name: string }>(sql`SELECT name FROM agents WHERE email = 'unassigned@agents.heard.invalid'`);
    expect(unassigned).toEqual([{ name: 'Unassigned' }]);
    const incremental = await rollups();
    await rebuildRollups(deps);
    expect(await rollups()).toEqual(incremental);
  });

  it('gives a new agent the row’s team and leaves a known agent’s home team alone', async () => {
    await run('external_id,responded_at,agent_email,team,customer_email,survey,score\nT-1,2025-01-02,kai@old.example,Alpha,c@x.example,csat,5\n');
    await run('external_id,responded_at,agent_email,team,customer_email,survey,score\nT-2,2025-01-03,kai@old.example,Beta,c@x.example,csat,4\n');
    const rows = await deps.db.all<{ home: string; interactionTeam: string }>(
      sql`SELECT (SELECT name FROM teams WHERE id = a.team_id) AS home, (SELECT name FROM teams WHERE id = i.team_id) AS interactionTeam
        FROM interactions i JOIN agents a ON a.id = i.agent_id ORDER BY i.external_id`,
    );
    expect(rows).toEqual([
      { home: 'Alpha', interactionTeam: 'Alpha' },
      { home: 'Alpha', interactionTeam: 'Beta' },
    ]);
  });

  it('keeps every row whole and the rollups exact when large batches with repeats and known ids are written grouped by agent', async () => {
    const withBatch = (text: string, batchSize: number) =>
      importStream(
        { ...deps, newId: timeOrderedIds(deps.clock) },
        piecesOf(text, 997),
        (s) => planImport({}, { ...s, sample: s.sample.map((r) => r.values) }),
        { batchSize, maxParams: 99, now: deps.clock(), dryRun: false },
      );
    // A third of the rows are already in Heard before the big import.
    const all = bigFile(1200).split('\n');
    const header = all[0]!;
    const body = all.slice(1);
    expect(await withBatch([header, ...body.filter((_, i) => i % 3 === 0)].join('\n'), 64)).toMatchObject({ ok: true, value: { imported: 400 } });
    // The file repeats rows, within a batch and across batches, and its first row names a new
    // agent's team and a new customer's name that later rows contradict (a later row of a known
    // agent, whose rows are written first).
    const extra = 'external_id,closed_at,responded_at,agent_email,team,channel,customer_email,customer_name,survey,score,tags';
    const repeated = [...body, ...body.slice(0, 300), ...body.slice(600, 650)];
    const firsts = ['N-1,1700000000,1700000000,new@old.example,First,chat,fresh@x.example,Ada,csat,5,', 'N-2,1700000100,1700000100,a1@old.example,T1,chat,fresh@x.example,Bea,csat,1,', 'N-3,1700000200,1700000200,new@old.example,Second,chat,c1@x.example,,csat,2,'];
    const file = [extra, ...firsts, ...repeated.map((l) => l.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)/, '$1,'))].join('\n');
    const second = await withBatch(file, 500);
    expect(second).toMatchObject({ ok: true, value: { rows: 1553, imported: 803, duplicates: 750, skipped: 0 } });
    expect(await count('responses')).toBe(1203);

    // Each answer kept its own row's agent, customer, team, channel and score, whatever order it was written in.
    const stored = await deps.db.all<{ externalId: string; agent: string; customer: string; team: string; channel: string; score: number; survey: string }>(
      sql`SELECT i.external_id AS externalId, a.email AS agent, c.email AS customer, t.name AS team, r.channel, r.score, r.survey
        FROM responses r JOIN interactions i ON i.id = r.interaction_id JOIN agents a ON a.id = r.agent_id AND a.id = i.agent_id
        JOIN customers c ON c.id = r.customer_id AND c.id = i.customer_id JOIN teams t ON t.id = r.team_id AND t.id = i.team_id
        WHERE i.external_id LIKE 'B-%' ORDER BY i.external_id`,
    );
    expect(stored).toHaveLength(1200);
    for (const s of stored) {
      const i = Number(s.externalId.slice(2));
      const kind = (['csat', 'nps', 'ces'] as const)[i % 3];
      expect(s).toEqual({
        externalId: `B-${i}`,
        agent: `a${i % 7}@old.example`,
        customer: `c${i % 40}@x.example`,
        team: `T${i % 3}`,
        channel: ['chat', 'email', 'other'][i % 3],
        survey: kind,
        score: kind === 'nps' ? i % 11 : kind === 'csat' ? 1 + (i % 5) : 1 + (i % 7),
      });
    }
    const newcomer = await deps.db.all(
      sql`SELECT (SELECT name FROM teams WHERE id = a.team_id) AS home, (SELECT name FROM customers WHERE email = 'fresh@x.example') AS customer FROM agents a WHERE a.email = 'new@old.example'`,
    );
    expect(newcomer).toEqual([{ home: 'First', customer: 'Ada' }]);

    const incremental = await rollups();
    await rebuildRollups(deps);
    expect(await rollups()).toEqual(incremental);
    expect(await withBatch(file, 500)).toMatchObject({ ok: true, value: { imported: 0, duplicates: 1553 } });
    expect(await rollups()).toEqual(incremental);
  });

  it('writes nothing on a dry run', async () => {
    const r = await run(fixture('zendesk.csv'), {}, true);
    expect(r).toMatchObject({ ok: true, value: { imported: 2, skipped: 1 } });
    expect(await count('interactions')).toBe(0);
  });
});

describe('import jobs', () => {
  const upload = (text: string) => ({ name: 'history.csv', text: new Blob([text]).stream().pipeThrough(new TextDecoderStream()) });

  // D1 takes 99 values per statement; the Node server gives SQLite's far larger limit.
  it.each([['D1', undefined], ['SQLite', SQLITE_MAX_PARAMS]])('writes a confirmed upload chunk by chunk to the same result as one go (%s statements)', async (_, maxParams) => {
    Object.assign(deps, { maxParams });
    const created = await createImportJob(deps, upload(bigFile(1300)), null);
    if (!created.ok) throw new Error(created.error);
    expect(created.value).toMatchObject({ status: 'preview', totalRows: 1300, preset: { name: 'heard' } });
    // Nothing runs before confirmation.
    expect(await advanceImportJobs(deps, deps.clock(), 5_000)).toBe(0);
    expect(await confirmImportJob(deps, created.value)).toEqual({ ok: true, value: true });
    let steps = 0;
    while ((await getImportJob(deps, created.value.id))!.status !== 'done' && steps++ < 20) await advanceImportJobs(deps, deps.clock(), 1, created.value.id);
    const job = (await getImportJob(deps, created.value.id))!;
    expect(job).toMatchObject({ status: 'done', doneRows: 1300, report: { imported: 1300, duplicates: 0, unknownChannels: { fax: 433 } } });
    expect(steps).toBeGreaterThan(1);
    expect(await count('import_chunks')).toBe(0);
    const incremental = await rollups();
    await rebuildRollups(deps);
    expect(await rollups()).toEqual(incremental);
    // Every answer kept its own row's agent.
    const agents = await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM responses r JOIN interactions i ON i.id = r.interaction_id JOIN agents a ON a.id = r.agent_id AND a.id = i.agent_id WHERE a.email = 'a' || (CAST(substr(i.external_id, 3) AS INTEGER) % 7) || '@old.example'`);
    expect(agents).toEqual([{ n: 1300 }]);
  });

  it('refuses to start a mapping that cannot work, and an unreadable file', async () => {
    const created = await createImportJob(deps, upload('id,when\n1,2025-01-01\n'), null);
    if (!created.ok) throw new Error(created.error);
    expect(await confirmImportJob(deps, created.value)).toEqual({ ok: false, error: 'nothing is mapped to customer_email, score, responded_at or closed_at' });
    expect(await createImportJob(deps, upload('[{"id": 1}, {"id"'), null)).toEqual({ ok: false, error: 'the JSON ends in the middle of a response' });
    expect(await createImportJob(deps, upload('a,b\n'), null)).toEqual({ ok: false, error: 'the file has a header but no rows' });
  });
});
