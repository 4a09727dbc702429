// Reasons and "Was your issue resolved?" on the survey page: stored with the answer and in the event
// history, returned by the API and the CSV export, and able to open a follow-up task.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { followups, responseEvents, responses } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { authed, signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup(over: Record<string, unknown> = {}) {
  deps = makeTestDeps();
  const app = createApp(deps);
  const survey = await deliveredSurvey(deps, over);
  const page = pathOf(survey.links.scores.get(survey.interaction.survey === 'nps' ? 9 : 2)!).split('?')[0]!;
  const submit = (fields: [string, string][]) =>
    app.request(page, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return { app, survey, page, submit };
}

const stored = async () => (await deps.db.select().from(responses))[0];

describe('the questions after the score', () => {
  it('offers the low-score reasons and the resolved question for a low CSAT in the customer language', async () => {
    const { app, survey } = await setup({ customer: { email: 'ana@example.com', locale: 'en' } });
    const html = await (await app.request(pathOf(survey.links.scores.get(2)!))).text();
    expect(html).toContain('What went wrong?');
    expect(html).toContain('Had to repeat myself');
    expect(html).toContain('Was your issue resolved?');
    // The list for high scores is there for a change of mind, hidden until then.
    expect(html).toMatch(/<fieldset class="reason-set" data-side="high" hidden/);
  });

  it('stores two ticked reasons and "not resolved", keeps them in the history and shows them back', async () => {
    const { submit } = await setup({ customer: { email: 'ana@example.com', locale: 'en' } });
    const res = await submit([
      ['score', '2'],
      ['reason.low', 'slow_response'],
      ['reason.low', 'repeat_myself'],
      ['reason.low', 'made_up_key'],
      ['reason.high', 'fast'],
      ['resolved', 'no'],
    ]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Slow response · Had to repeat myself');
    expect(html).toContain('Your issue was not resolved');
    const row = await stored();
    expect(JSON.parse(row!.reasons)).toEqual(['slow_response', 'repeat_myself']);
    expect(row!.resolved).toBe(false);
    const details = await deps.db.select().from(responseEvents).where(eq(responseEvents.kind, 'details'));
    expect(details).toMatchObject([{ reasons: '["slow_response","repeat_myself"]', resolved: false }]);
  });

  it('counts the score without any of them', async () => {
    const { submit } = await setup();
    expect((await submit([['score', '4']])).status).toBe(200);
    expect(await stored()).toMatchObject({ score: 4, reasons: '[]', resolved: null });
  });

  it('does not ask NPS customers whether it was resolved, by default', async () => {
    const { app, survey, submit } = await setup({ survey: 'nps' });
    const html = await (await app.request(pathOf(survey.links.scores.get(9)!))).text();
    expect(html).not.toContain('name="resolved"');
    expect(html).toMatch(/data-side="low" hidden/);
    await submit([['score', '9'], ['reason.high', 'friendly'], ['resolved', 'no']]);
    expect(await stored()).toMatchObject({ reasons: '["friendly"]', resolved: null });
  });

  it('opens a follow-up task on "not resolved" even after a good score', async () => {
    const { submit } = await setup();
    await submit([['score', '5'], ['resolved', 'no']]);
    const [task] = await deps.db.select().from(followups);
    expect(task).toMatchObject({ status: 'open', lowScore: false });
    await submit([['score', '5'], ['resolved', 'yes']]);
    const [after] = await deps.db.select().from(followups);
    expect(after!.status).toBe('score_changed');
  });

  it('are listed by GET /api/v1/responses and in the CSV export', async () => {
    const { app, submit } = await setup({ team: 'Tier 1' });
    await submit([['score', '1'], ['reason.low', 'agent_knowledge'], ['resolved', 'no']]);
    const { key } = await createApiKey(deps, 'reader');
    const api = await (await app.request('/api/v1/responses', { headers: { Authorization: `Bearer ${key}` } })).json();
    expect(api.data[0]).toMatchObject({ score: 1, reasons: ['agent_knowledge'], resolved: false });
    const admin = await signIn(deps, { role: 'admin', email: 'admin@staff.example' });
    const csv = await (await authed(app, admin, '/responses.csv?preset=30d')).text();
    const [header, line] = csv.replace('\uFEFF', '').split('\r\n');
    expect(header!.split(',').slice(-2)).toEqual(['reasons', 'resolved']);
    expect(line!.split(',').slice(-2)).toEqual(['agent_knowledge', 'no']);
  });
});
