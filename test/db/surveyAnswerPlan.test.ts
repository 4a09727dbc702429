// A survey answer reads the scanner rule's recent clicks of its link from one covering index, so a
// link confirmed again and again does not make every later answer look up each of its events.
// The plan of the real read, recorded as the page runs (EXPLAIN QUERY PLAN), beside what is stored.
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { responseEvents, responses } from '../../src/db/schema';
import { testAppOver, type TestDeps } from '../helpers/deps';
import { recordedDeps } from '../helpers/queryPlans';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

it("reads a link's recent clicks from the clicks index alone, however many confirmations it holds", async () => {
  const recorded = recordedDeps();
  deps = recorded.deps;
  const t = await testAppOver(deps);
  const survey = await deliveredSurvey(deps, { survey: 'nps' });
  const link = pathOf(survey.links.scores.get(9)!);
  await t.app.request(link);
  for (let i = 0; i < 12; i++) {
    deps.advance(3_000);
    const res = await t.app.request(`${link.split('?')[0]}/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ score: String(i % 2 ? 9 : 10) }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
    });
    expect(res.status).toBe(200);
  }
  expect(await deps.db.select().from(responseEvents).where(eq(responseEvents.kind, 'confirm'))).toHaveLength(12);
  // One click, twelve confirmations: the last answer is counted, not taken for a scanner's.
  expect(await deps.db.select({ score: responses.score, flagged: responses.flagged }).from(responses)).toEqual([{ score: 9, flagged: false }]);
  const plan = recorded.planOf(/json_group_array\(json_array\(e\.score, e\.created_at\)\)/);
  expect(plan).toMatch(/SEARCH e USING COVERING INDEX response_events_clicks_idx \(request_id=\? AND created_at>\?\)/);
});
