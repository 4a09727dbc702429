// The readers of the partial indexes on `responses` still find their rows through an index: the
// real queries are recorded as they run and their plans asked of SQLite (EXPLAIN QUERY PLAN).
// Retention's old comments and the themes' comment counts share one index (responses_words_idx).
import { afterEach, expect, it } from 'vitest';
import { countComments } from '../../src/db/queries/countPhrases';
import { sumDetails } from '../../src/db/queries/sumDetails';
import { recordHistory } from '../../src/services/import';
import { analyseComments } from '../../src/services/insight/analyseComments';
import { applyRetention, saveRetention } from '../../src/services/retention';
import { historyRows } from '../helpers/dashboard';
import type { TestDeps } from '../helpers/deps';
import { recordedDeps } from '../helpers/queryPlans';

let deps: TestDeps;
afterEach(() => deps?.close());

const NOW = Date.parse('2026-09-15T12:00:00Z');

async function setup() {
  const recorded = recordedDeps({ now: NOW });
  deps = recorded.deps;
  const { handle, planOf } = recorded;
  const rows = historyRows({ count: 300, seed: 3, from: Date.parse('2025-10-01T00:00:00Z'), to: Date.parse('2026-09-01T00:00:00Z') });
  await recordHistory(deps, rows);
  // Some answers said whether their issue was resolved (the survey page asks it when set up to).
  handle.sqlite.exec('UPDATE responses SET resolved = rowid % 2 WHERE rowid % 5 = 0');
  return { planOf };
}

const ALL = { teamIds: null, agentId: null, channel: null, tag: null, survey: null };

it('the analysis job reads its queue through responses_unanalysed_idx', async () => {
  const { planOf } = await setup();
  expect((await analyseComments(deps)).analysed).toBeGreaterThan(0);
  expect(planOf(/analysed_at" is not "responses"\."updated_at"/i)).toMatch(/USING INDEX responses_unanalysed_idx/);
});

it('the themes count analysed comments, and retention finds old comments, both through responses_words_idx', async () => {
  const { planOf } = await setup();
  await analyseComments(deps);
  const counted = await countComments(deps.db, { start: Date.parse('2026-01-01T00:00:00Z'), end: NOW, ...ALL });
  expect(counted.total).toBeGreaterThan(0);
  expect(planOf(/SUM\(r\.sentiment = 'negative'\) AS negative FROM responses r/)).toMatch(/USING COVERING INDEX responses_words_idx/);

  await saveRetention(deps, 'admin', { mode: 'comments', months: 6 });
  expect((await applyRetention(deps, NOW)).comments).toBeGreaterThan(0);
  expect(planOf(/comment is not null or sentiment is not null/)).toMatch(/USING (COVERING )?INDEX responses_words_idx/);
});

it('FCR and reasons are summed through responses_details_idx', async () => {
  const { planOf } = await setup();
  const groups = await sumDetails(deps.db, { start: Date.parse('2025-10-01T00:00:00Z'), end: NOW, ...ALL });
  expect(groups.length).toBeGreaterThan(0);
  expect(planOf(/r\.resolved IS NOT NULL OR r\.reasons <> '\[\]'/)).toMatch(/USING COVERING INDEX responses_details_idx/);
});
