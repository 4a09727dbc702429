// Importing history in Heard's own columns: what a file brings in, what it skips and why (by line),
// duplicates, and that importing the same file again changes nothing. Imported answers count in
// scores, not in rates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { parseIsoDate } from '../../src/domain/period';
import { getMetrics } from '../../src/services/dashboard/metrics';
import { planImport } from '../../src/domain/import/plan';
import { timeOrderedIds } from '../../src/services/import';
import { importStream } from '../../src/services/importer/stream';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

const FILE = [
  '\uFEFFExternal_ID,Closed_At,responded_at,AGENT_EMAIL,agent_name,team,channel,customer_email,survey,score,comment,ignored',
  'A-1,2025-03-02T10:00:00Z,2025-03-02T12:00:00Z,ana@old.example,Ana,Tier 1,Chat,c1@example.com,csat,5,"Great, really ""great""",x',
  'A-2,2025-03-02 09:00,,ana@old.example,Ana,Tier 1,email,c2@example.com,NPS,9,"Multi',
  'line, comment",x',
  'A-3,2025-03-03,2025-03-03T08:00:00+01:00,ben@old.example,,Tier 2,,c3@example.com,ces,7,Muy fácil 很好,x',
  'A-4,2025-03-03,,not-an-email,,Tier 2,chat,c4@example.com,csat,4,,x',
  'A-5,2025-03-03,,ben@old.example,,Tier 2,chat,c5@example.com,csat,6,,x',
  'A-6,2025-03-03,,ben@old.example,,Tier 2,fax,c6@example.com,csat,3,,x',
  ',2025-03-03,,ben@old.example,,Tier 2,chat,c7@example.com,csat,3,,x',
  'A-8,03/03/2025,,ben@old.example,,Tier 2,chat,c8@example.com,csat,3,,x',
  'A-9,2025-03-04,,ben@old.example,,Tier 2,phone,c9@example.com,stars,3,,x',
  'A-1,2025-03-05,,ana@old.example,,Tier 1,chat,c1@example.com,csat,1,repeated id,x',
  '',
].join('\r\n');

let deps: TestDeps;
beforeEach(() => {
  deps = makeTestDeps({ env: { TIME_ZONE: 'Europe/Madrid' } });
});
afterEach(() => deps.close());

const counts = async () =>
  (await deps.db.all<{ n: number }>(sql`SELECT (SELECT count(*) FROM interactions) + (SELECT count(*) FROM survey_requests) * 1000 + (SELECT count(*) FROM responses) * 1000000 AS n`))[0]!.n;
const rollups = () => deps.db.all(sql`SELECT * FROM response_rollups ORDER BY cube, grain, channel, tag, period, team_id, agent_id`);

async function* whole(text: string) {
  yield text;
}
const importCsv = (d: TestDeps, text: string, onProgress?: (rows: number) => void) =>
  importStream({ ...d, newId: timeOrderedIds(d.clock) }, whole(text), (s) => planImport({}, { ...s, sample: s.sample.map((r) => r.values) }), {
    batchSize: 1000,
    maxParams: 99,
    now: d.clock(),
    onProgress: (_chars, report) => onProgress?.(report.rows),
  });

describe('import in Heard\'s columns', () => {
  it('imports good rows and says which lines it skipped and why', async () => {
    const report = await importCsv(deps, FILE);
    expect(report).toMatchObject({
      ok: true,
      value: {
        rows: 10,
        imported: 5,
        duplicates: 1,
        skipped: 4,
        unknownChannels: { fax: 1 },
        derivedIds: 1,
        skips: [
          // A-2's comment spans two lines, so the rows after it start one line later.
          { line: 6, reasons: ['agent_email: “not-an-email” is not an email address'] },
          { line: 7, reasons: ['score: “6” is not a whole number on the csat scale'] },
          { line: 10, reasons: ['closed_at: “03/03/2025” is not a date like 2025-03-02T14:05:00Z or Unix time'] },
          { line: 11, reasons: ['survey: must be one of csat, nps, ces'] },
        ],
      },
    });
    const rows = await deps.db.all<{ external_id: string; channel: string; survey: string; score: number; comment: string | null; created_at: number; source: string }>(
      sql`SELECT i.external_id, r.channel, r.survey, r.score, r.comment, r.created_at, r.source
        FROM responses r JOIN interactions i ON i.id = r.interaction_id WHERE i.external_id IN ('A-1', 'A-2', 'A-3') ORDER BY i.external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'A-1', channel: 'chat', survey: 'csat', score: 5, comment: 'Great, really "great"', created_at: Date.parse('2025-03-02T12:00:00Z'), source: 'import' },
      // No responded_at: the answer is dated when the interaction closed, read in the reporting zone.
      { external_id: 'A-2', channel: 'email', survey: 'nps', score: 9, comment: 'Multi\r\nline, comment', created_at: Date.parse('2025-03-02T08:00:00Z'), source: 'import' },
      { external_id: 'A-3', channel: 'other', survey: 'ces', score: 7, comment: 'Muy fácil 很好', created_at: Date.parse('2025-03-03T07:00:00Z'), source: 'import' },
    ]);
  });

  it('changes nothing when the same file comes again', async () => {
    await importCsv(deps, FILE);
    const [before, cells] = [await counts(), await rollups()];
    const again = await importCsv(deps, FILE);
    expect(again.ok && again.value.imported).toBe(0);
    expect(again.ok && again.value.duplicates).toBe(6);
    expect(again.ok && again.value.skipped).toBe(4);
    expect(await counts()).toBe(before);
    expect(await rollups()).toEqual(cells);
  });

  it('counts imported answers in scores but not in response rates', async () => {
    await importCsv(deps, FILE);
    const [row] = await getMetrics(deps, {
      scope: { kind: 'all' },
      filter: { teamId: null, agentId: null, channel: null, tag: null },
      range: { from: parseIsoDate('2025-03-01')!, to: parseIsoDate('2025-03-31')! },
      survey: 'csat',
      groupBy: 'none',
      minSample: 10,
    });
    // A-1 (5), and A-6 and the row without an id (3 each): imported, not delivered by Heard.
    expect(row).toMatchObject({ n: 3, score: 33.3, delivered: 0, responseRate: null });
  });

  it('refuses a file without the columns it needs', async () => {
    expect(await importCsv(deps, 'id,score\n1,5\n')).toEqual({ ok: false, error: 'nothing is mapped to customer_email, responded_at or closed_at' });
    expect(await importCsv(deps, '')).toEqual({ ok: false, error: 'the file is empty' });
  });

  it('reports progress as it goes', async () => {
    const lines = ['external_id,closed_at,agent_email,customer_email,survey,score'];
    for (let i = 0; i < 2500; i++) lines.push(`P-${i},2025-05-01T10:00:00Z,a${i % 7}@old.example,c${i}@example.com,nps,${i % 11}`);
    const progress: number[] = [];
    const report = await importCsv(deps, lines.join('\n'), (rows) => progress.push(rows));
    expect(report.ok && report.value.imported).toBe(2500);
    expect(progress.at(-1)).toBe(2500);
  });
});

describe('npm run heard -- import', () => {
  it('prints what it did, and the second run imports nothing', async () => {
    const file = join(deps.dir, 'history.csv');
    writeFileSync(file, FILE);
    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file], {
        env: { ...process.env, DATABASE_PATH: join(deps.dir, 'cli.db'), TIME_ZONE: 'UTC' },
      });
    const first = await run();
    expect(first.stdout).toContain('Preset: Heard columns.');
    expect(first.stdout).toContain('\nImported 5 of 10 rows, 1 already there, 4 skipped.\n');
    expect(first.stdout).toContain('1 rows with an unknown channel counted as other: fax (1).\n');
    expect(first.stdout).toContain('  line 6: agent_email: “not-an-email” is not an email address\n');
    expect(first.stderr).toContain('[##############################] 100% 10 rows');
    const second = await run();
    expect(second.stdout).toContain('Imported 0 of 10 rows, 6 already there, 4 skipped.');
    const dry = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--dry-run', '--preset', 'zendesk'], {
      env: { ...process.env, DATABASE_PATH: join(deps.dir, 'cli.db'), TIME_ZONE: 'UTC' },
    }).catch((e: { stderr: string; code: number }) => e);
    expect('code' in dry && dry.code).toBe(2);
    expect(dry.stderr).toContain('heard: ');
  }, 60_000);
});

describe('timeOrderedIds', () => {
  it('makes UUIDv7 ids that sort in the order they were made', () => {
    const start = Date.parse('2026-03-02T10:00:00Z');
    let now = start;
    const next = timeOrderedIds(() => now);
    const ids = [next(), next(), next()];
    now += 1;
    ids.push(next());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    // The first 48 bits are the milliseconds.
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(start.toString(16).padStart(12, '0'));
  });
});
