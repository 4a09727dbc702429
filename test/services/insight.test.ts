// Comments get their sentiment and theme phrases from the analysis job, after a survey answer or
// an import, on SQLite and on D1 alike.
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import type { Analyser } from '../../src/analysers/analyser';
import { responsePhrases, responses } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { runDueWork } from '../../src/services/dispatch';
import { DEFAULT_RULES } from '../../src/domain/followups';
import { saveRules } from '../../src/services/followups/settings';
import { analyseComments } from '../../src/services/insight/analyseComments';
import { makeTestDeps, T0, type TestDeps } from '../helpers/deps';
import { tasks } from '../helpers/followups';
import { seedComments } from '../helpers/insight';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

const stored = async () => deps.db.select().from(responses);
const phraseTexts = async (responseId: string) =>
  (await deps.db.select().from(responsePhrases).where(eq(responsePhrases.responseId, responseId))).map((p) => p.text).sort();

it('analyses a comment submitted on the survey page on the next run, and again when it changes', async () => {
  deps = makeTestDeps();
  const app = createApp(deps);
  const survey = await deliveredSurvey(deps);
  const submit = (score: string, comment: string) =>
    app.request(pathOf(survey.links.scores.get(Number(score))!).split('?')[0]!, {
      method: 'POST',
      body: new URLSearchParams({ score, comment }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  await submit('2', 'No me ayudaron con el reembolso');
  expect((await stored())[0]).toMatchObject({ sentiment: null });
  await runDueWork(deps, deps.clock());
  const [first] = await stored();
  expect(first).toMatchObject({ sentiment: 'negative', language: 'es', severity: 'high' });
  expect(await phraseTexts(first!.id)).toContain('reembolso');

  deps.advance(60_000);
  await submit('5', 'Muy buena atención, gracias');
  await runDueWork(deps, deps.clock());
  const [second] = await stored();
  expect(second).toMatchObject({ sentiment: 'positive', severity: null });
  expect(await phraseTexts(second!.id)).not.toContain('reembolso');
});

it('analyses imported comments in all three languages, once', async () => {
  deps = makeTestDeps();
  const report = await seedComments(deps, [
    { text: 'The agent was not helpful and the delivery was late', score: 3, at: T0 },
    { text: '客服态度很好，非常满意', score: 10, at: T0 },
    { text: 'Nadie me contestó', score: 2, at: T0 },
    { text: null, score: 9, at: T0 },
  ]);
  expect(report.analysed).toBe(3);
  const rows = await stored();
  const byText = new Map(rows.map((r) => [r.comment, r]));
  expect(byText.get('The agent was not helpful and the delivery was late')).toMatchObject({ sentiment: 'negative', language: 'en' });
  expect(byText.get('客服态度很好，非常满意')).toMatchObject({ sentiment: 'positive', language: 'zh' });
  expect(byText.get('Nadie me contestó')).toMatchObject({ sentiment: 'negative', language: 'es' });
  expect(byText.get(null)).toMatchObject({ sentiment: null, analysedAt: null });
  expect(await analyseComments(deps)).toEqual({ analysed: 0 });
});

it('uses the analyser the deps provide', async () => {
  deps = makeTestDeps();
  const always: Analyser = { analyse: () => ({ language: 'en', sentiment: 'positive', score: 1, severity: null, phrases: [{ key: 'x', text: 'x' }] }) };
  await seedComments({ ...deps, analyser: always }, [{ text: 'Terrible', score: 0, at: T0 }]);
  expect((await stored())[0]).toMatchObject({ sentiment: 'positive', sentimentScore: 1 });
});

async function answered(comment: string, score: number) {
  const app = createApp(deps);
  const survey = await deliveredSurvey(deps);
  await app.request(pathOf(survey.links.scores.get(score)!).split('?')[0]!, {
    method: 'POST',
    body: new URLSearchParams({ score: String(score), comment }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  await runDueWork(deps, deps.clock());
}

it('opens a follow-up on a strongly negative comment whatever the score', async () => {
  deps = makeTestDeps();
  await saveRules(deps, 'admin', { ...DEFAULT_RULES, openOnKeywords: false });
  await answered('I want to cancel, still waiting for my refund', 5);
  expect(await tasks(deps)).toMatchObject([{ lowScore: false, status: 'open' }]);
});

it('opens none for a strongly negative comment when the rule is off', async () => {
  deps = makeTestDeps();
  await saveRules(deps, 'admin', { ...DEFAULT_RULES, openOnKeywords: false, openOnNegative: false });
  await answered('I want to cancel, still waiting for my refund', 5);
  expect(await tasks(deps)).toHaveLength(0);
});

it('never opens tasks for imported history', async () => {
  deps = makeTestDeps();
  await seedComments(deps, [{ text: 'I want to cancel, still waiting for my refund', score: 9, at: T0 }]);
  expect(await tasks(deps)).toHaveLength(0);
});
