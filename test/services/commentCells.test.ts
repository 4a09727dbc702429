// The counts of analysed comments in the rollup cells, and the theme cells (phrase_rollups, and by
// tag phrase_tag_rollups), kept by
// every writer: imported history (summed in memory on Node), answers through the survey page (the
// group commit on Node, SQL on D1), a changed answer, the comments' analysis, erasure and retention.
// After each step both tables must equal a rebuild, and the themes panel must read from them what
// the raw rows say. Runs unchanged on SQLite (Node) and on D1 (workerd).
import { expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { COUNT_COLUMNS, CUBE, GRAIN, ROLLUP_VERSION } from '../../src/db/queries/cells';
import { countComments, countPhrases, topPhrases } from '../../src/db/queries/countPhrases';
import { sumPhraseCells } from '../../src/db/queries/phraseCells';
import { phraseRollups, phraseTagRollups, responsePhrases, responseRollups, responses, rollupState } from '../../src/db/schema';
import type { Deps } from '../../src/deps';
import { coverRange } from '../../src/domain/cover';
import { parseIsoDate, rangeMs } from '../../src/domain/period';
import { eraseCustomer } from '../../src/services/customers/erase';
import type { Scope } from '../../src/domain/access';
import { NO_FILTER, type DashboardFilter } from '../../src/services/dashboard/counts';
import { ensureRollups, rebuildRollups, withResponseRollup } from '../../src/services/dashboard/rollups';
import { runDueWork } from '../../src/services/dispatch';
import { recordHistory } from '../../src/services/import';
import { getThemes } from '../../src/services/insight/themes';
import { openSurvey, saveAnswer } from '../../src/services/respond';
import { applyRetention, saveRetention } from '../../src/services/retention';
import { signLink } from '../../src/security/links';
import { historyRows, idsByName } from '../helpers/dashboard';
import { makeTestApp } from '../helpers/deps';

const TZ = 'America/New_York';
const SAYINGS = [
  'The refund took three weeks and nobody called back',
  'Great support, the installation was quick and easy',
  'Waited on hold for an hour, the refund is still missing',
  'Friendly agent, fixed my login problem in minutes',
  'The installation failed twice and the engineer never came',
];

const cells = (d: Deps) =>
  Promise.all([
    d.db.all(sql.raw(`SELECT * FROM response_rollups WHERE ${COUNT_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5, 6, 7`)),
    d.db.all(sql`SELECT * FROM phrase_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`),
    d.db.all(sql`SELECT * FROM phrase_tag_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`),
  ]);

/** The cells as kept equal the cells a rebuild makes from the rows, and count some analysed comments. */
async function expectExact(d: Deps) {
  const kept = await cells(d);
  await rebuildRollups(d);
  expect(await cells(d)).toEqual(kept);
  const [c] = await d.db.all<{ n: number }>(sql`SELECT sum(comments_csat + comments_nps + comments_ces) AS n FROM response_rollups WHERE cube = 0`);
  return Number(c?.n ?? 0);
}

async function answerWith(d: Deps, requestId: string, score: number, comment: string) {
  const opened = await openSurvey(d, await signLink(d.config.appSecret, 'survey', requestId, d.clock()));
  if (!opened.ok) throw new Error(opened.error);
  await saveAnswer(d, opened.value, { userAgent: 'test', ip: '192.0.2.1' }, { mode: 'explicit', score, comment });
}

it('keeps comment counts and theme cells equal to a rebuild through every writer, and the themes panel reads them', async () => {
  const t = await makeTestApp({ env: { TIME_ZONE: TZ }, now: Date.parse('2026-03-20T10:00:00Z') });
  const d = t.deps;
  const rows = historyRows({ count: 240, from: Date.parse('2026-01-20T00:00:00Z'), to: Date.parse('2026-03-15T00:00:00Z'), seed: 11 }).map((r, i) =>
    r.response?.comment ? { ...r, response: { ...r.response, comment: SAYINGS[i % SAYINGS.length]! } } : r,
  );
  // Imported history: counted in memory on Node, its comments not analysed yet.
  for (let i = 0; i < rows.length; i += 80) await recordHistory(d, rows.slice(i, i + 80));
  expect(await expectExact(d)).toBe(0);
  // The analysis moves the comment counts and writes the theme cells.
  await runDueWork(d, d.clock());
  const analysed = await expectExact(d);
  expect(analysed).toBe(rows.filter((r) => r.response?.comment).length);
  expect((await d.db.all(sql`SELECT 1 FROM phrase_rollups LIMIT 1`)).length).toBe(1);
  // By tag too, each phrase once per distinct tag (some interactions list a tag twice).
  expect((await d.db.all(sql`SELECT 1 FROM phrase_tag_rollups WHERE cube = 12 LIMIT 1`)).length).toBe(1);

  // Answers through the survey page, then a changed answer: counted at once with the comment's old
  // reading, then analysed again.
  const open = await d.db.all<{ id: string }>(sql`SELECT sr.id FROM survey_requests sr WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.request_id = sr.id) ORDER BY sr.id LIMIT 6`);
  for (const [i, r] of open.entries()) await answerWith(d, r.id, 1 + (i % 5), SAYINGS[i % SAYINGS.length]!);
  await runDueWork(d, d.clock());
  expect(await expectExact(d)).toBe(analysed + open.length);
  await answerWith(d, open[0]!.id, 5, 'Lovely people, quick refund');
  await expectExact(d);
  await runDueWork(d, d.clock());
  expect(await expectExact(d)).toBe(analysed + open.length);
  // Two analysed answers flagged at once (one batch of the group commit on Node), as a scanner's
  // burst flags them: no longer counted, and their phrases leave the themes at the next analysis.
  const flagged = await d.db.select({ id: responses.id, requestId: responses.requestId }).from(responses).where(sql`sentiment IS NOT NULL`).limit(2);
  const flag = (id: string) => d.db.update(responses).set({ flagged: true, analysedAt: null }).where(eq(responses.id, id));
  await Promise.all(flagged.map((r) => d.atomic(withResponseRollup(d, r.requestId, [flag(r.id)]))));
  expect(await expectExact(d)).toBe(analysed + open.length - 2);
  await runDueWork(d, d.clock());
  expect(await d.db.all(sql`SELECT 1 FROM response_phrases p JOIN responses r ON r.id = p.response_id WHERE r.flagged = 1 AND p.counted IS NOT 0`)).toEqual([]);

  // The themes panel: totals and phrase counts from the cells equal the raw rows', over a range
  // that cuts months (signed covers), for everyone, a team and a channel.
  const ids = await idsByName(d);
  const range = { from: parseIsoDate('2026-02-03')!, to: parseIsoDate('2026-03-16')! };
  // By tag: the tag cells; with the channel the most tagged comments came through.
  const [busiest] = await d.db.all<{ channel: 'chat' }>(
    sql`SELECT r.channel FROM responses r JOIN interactions i ON i.id = r.interaction_id WHERE r.sentiment IS NOT NULL AND i.tags LIKE '%"billing"%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const keys = (await d.db.all<{ key: string }>(sql`SELECT DISTINCT key FROM response_phrases`)).map((r) => r.key);
  const spans = coverRange(range, { weeks: false, months: true, years: true, day: 1 }).map((p) => ({ ...p, grain: GRAIN[p.grain] }));
  const filters = [
    NO_FILTER,
    { ...NO_FILTER, teamId: ids.team('Tier 1') },
    { ...NO_FILTER, channel: 'chat' as const },
    { ...NO_FILTER, tag: 'billing' },
    { ...NO_FILTER, tag: 'billing', channel: busiest!.channel },
  ];
  for (const filter of filters) {
    const report = await getThemes(d, { scope: { kind: 'all' }, filter, range, survey: null, limit: 10 });
    const sel = { ...rangeMs(range, TZ), teamIds: filter.teamId ? [filter.teamId] : null, agentId: null, channel: filter.channel, tag: filter.tag, survey: null };
    expect(report.comments.now).toBe((await countComments(d.db, sel)).total);
    expect(report.comments.now).toBeGreaterThan(0);
    const raw = new Map((await countPhrases(d.db, sel, 200)).map((p) => [p.text, p.responses]));
    // (Too few billing comments of one channel here to make a theme: the next check covers it.)
    if (filter.tag === null || filter.channel === null) expect(report.themes.length).toBeGreaterThan(0);
    for (const theme of report.themes) expect(theme.responses).toBe(raw.get(theme.name));
    // Every phrase, not only those frequent enough for a theme: the cells the panel reads equal the rows.
    const cube = (filter.teamId ? CUBE.team : 0) | (filter.channel ? CUBE.channel : 0) | (filter.tag ? CUBE.tag : 0);
    for (const survey of [null, 'nps' as const]) {
      const fromCells = topPhrases(await sumPhraseCells(d.db, { cube, teamIds: sel.teamIds, tag: filter.tag, channel: filter.channel, survey, spans }, keys), 1000, keys);
      expect(fromCells.length).toBeGreaterThan(0);
      expect(fromCells).toEqual(await countPhrases(d.db, { ...sel, survey }, 1000, keys));
    }
  }

  // One agent's totals come from the agent cells (signed covers of years, months, weeks and days),
  // as a manager's of their team; with a channel, from the rows.
  const [busy] = await d.db.all<{ agent_id: string; team_id: string }>(
    sql`SELECT agent_id, team_id FROM responses WHERE sentiment IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
  );
  const agentViews: Array<[Scope, DashboardFilter]> = [
    [{ kind: 'all' }, { ...NO_FILTER, agentId: busy!.agent_id }],
    [{ kind: 'teams', teamIds: [busy!.team_id] }, { ...NO_FILTER, agentId: busy!.agent_id }],
    [{ kind: 'agent', agentId: busy!.agent_id }, NO_FILTER],
    [{ kind: 'all' }, { ...NO_FILTER, agentId: busy!.agent_id, channel: 'chat' }],
  ];
  for (const [scope, filter] of agentViews) {
    for (const survey of [null, 'nps' as const]) {
      const report = await getThemes(d, { scope, filter, range, survey, limit: 10 });
      const sel = { teamIds: scope.kind === 'teams' ? scope.teamIds : null, agentId: busy!.agent_id, channel: filter.channel, tag: null, survey };
      const now = await countComments(d.db, { ...rangeMs(range, TZ), ...sel });
      expect(report.comments.now).toBe(now.total);
      expect(report.comments.negativeShare).toBeCloseTo(now.total ? now.negative / now.total : 0, 10);
      expect(report.comments.before).toBe((await countComments(d.db, { ...rangeMs(report.previous, TZ), ...sel })).total);
    }
  }
  expect((await getThemes(d, { scope: { kind: 'all' }, filter: { ...NO_FILTER, agentId: busy!.agent_id }, range, survey: null, limit: 10 })).comments.now).toBeGreaterThan(0);

  // Erasure: a customer with analysed comments; nothing of their words stays in the theme cells.
  const [who] = await d.db.all<{ customer_id: string }>(
    sql`SELECT customer_id FROM responses WHERE sentiment IS NOT NULL GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`,
  );
  expect(await eraseCustomer(d, { id: who!.customer_id }, { userId: 'admin' })).toMatchObject({ ok: true });
  await runDueWork(d, d.clock());
  await expectExact(d);
  expect(await d.db.all(sql`SELECT 1 FROM phrase_rollups WHERE n_csat + n_nps + n_ces = 0`)).toEqual([]);
  expect(await d.db.all(sql`SELECT 1 FROM phrase_tag_rollups WHERE n_csat + n_nps + n_ces = 0`)).toEqual([]);

  // Retention: comments older than a month go, and their counts with them.
  await saveRetention(d, 'admin', { mode: 'comments', months: 1 });
  expect((await applyRetention(d, d.clock())).comments).toBeGreaterThan(0);
  const left = await expectExact(d);
  expect(left).toBe((await d.db.select({ id: responses.id }).from(responses).where(sql`sentiment IS NOT NULL AND flagged = 0`)).length);
  expect(left).toBeLessThan(analysed);
  d.close();
}, 30_000);

it('fills the phrases of an older version with their answers and builds the theme cells (by tag too) once, on upgrade', async () => {
  const t = await makeTestApp({ env: { TIME_ZONE: TZ }, now: Date.parse('2026-03-20T10:00:00Z') });
  const d = t.deps;
  const rows = historyRows({ count: 120, from: Date.parse('2026-02-01T00:00:00Z'), to: Date.parse('2026-03-15T00:00:00Z'), seed: 12 }).map((r, i) =>
    r.response?.comment ? { ...r, response: { ...r.response, comment: SAYINGS[i % SAYINGS.length]! } } : r,
  );
  await recordHistory(d, rows);
  await runDueWork(d, d.clock());
  const phrases = () => d.db.all(sql`SELECT * FROM response_phrases ORDER BY response_id, key`);
  const [analysed, built] = [await phrases(), await cells(d)];
  expect(built[1].length).toBeGreaterThan(0);
  expect(built[2].length).toBeGreaterThan(0);
  // As the versions before left them: phrases without the answer's snapshot, no comment counts, no theme cells (by tag or not).
  await d.atomic([
    d.db.update(responsePhrases).set({ at: null, teamId: null, channel: null, survey: null, low: null, negative: null, counted: null }),
    d.db.update(responseRollups).set({ commentsCsat: 0, commentsNps: 0, commentsCes: 0, negativeCsat: 0, negativeNps: 0, negativeCes: 0 }),
    d.db.delete(phraseRollups),
    d.db.delete(phraseTagRollups),
    d.db.update(rollupState).set({ version: ROLLUP_VERSION - 1 }),
  ]);
  await ensureRollups(d);
  expect(await phrases()).toEqual(analysed);
  expect(await cells(d)).toEqual(built);
  // As version 2 left them: theme cells whose totals over every kind the migration set to 0, none by tag.
  await d.atomic([
    d.db.update(phraseRollups).set({ nAll: 0, lowAll: 0, negativeAll: 0 }),
    d.db.delete(phraseTagRollups),
    d.db.update(rollupState).set({ version: 2 }),
  ]);
  await ensureRollups(d);
  expect(await cells(d)).toEqual(built);
  d.close();
});
