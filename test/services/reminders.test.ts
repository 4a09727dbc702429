// Reminders: one (by default) after 3 days to customers who neither opened nor answered, with the
// first email's links; never after an answer, a click, an unsubscribe, a bounce or a complaint.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { responses, surveyRequests, suppressions } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { saveDesignSettings } from '../../src/services/surveyDesign';
import { DEFAULT_DESIGN } from '../../src/domain/surveyDesign';
import { makeTestDeps, type CapturingMailer, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, linksOf } from '../helpers/survey';
import { createApp } from '../../src/http/app';

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;
const reminders = () => (deps.mailer as CapturingMailer).sent.filter((e) => e.idempotencyKey.includes('/reminder/'));

async function later(days: number) {
  deps.advance(days * DAY);
  return runDueWork(deps, deps.clock());
}

describe('survey reminders', () => {
  it('go once, after 3 days, with the first email’s links and their own idempotency key', async () => {
    deps = makeTestDeps();
    const s = await deliveredSurvey(deps, { customer: { email: 'quiet@example.com', locale: 'en' } });
    expect((await later(2.9)).reminders.sent).toBe(0);
    expect((await later(0.2)).reminders.sent).toBe(1);
    const [r] = reminders();
    expect(r!.idempotencyKey).toBe(`survey-request/${s.surveyRequest.id}/reminder/1`);
    expect(r!.subject).toBe(`Reminder: ${s.email.subject}`);
    expect(linksOf(r!).scores).toEqual(s.links.scores);
    expect((await later(10)).reminders.sent).toBe(0);
    expect(reminders()).toHaveLength(1);
    // An answer through the reminder is the same survey's answer.
    const app = createApp(deps);
    const link = new URL(linksOf(r!).scores.get(4)!);
    deps.advance(-12 * DAY);
    await app.request(link.pathname, { method: 'POST', body: new URLSearchParams({ score: '4' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(await deps.db.select().from(responses).where(eq(responses.requestId, s.surveyRequest.id))).toHaveLength(1);
  });

  it('follow the saved rule: off, or two a few days apart', async () => {
    deps = makeTestDeps();
    const base = { brand: { ...DEFAULT_DESIGN.brand }, askResolved: DEFAULT_DESIGN.askResolved };
    await saveDesignSettings(deps, 'admin', { ...base, reminders: { count: 0, afterDays: 3 } });
    await deliveredSurvey(deps);
    await later(5);
    expect(reminders()).toHaveLength(0);
    await saveDesignSettings(deps, 'admin', { ...base, reminders: { count: 2, afterDays: 2 } });
    await later(0.1);
    expect(reminders()).toHaveLength(1);
    await later(1.9);
    expect(reminders()).toHaveLength(1);
    await later(0.2);
    expect(reminders().map((e) => e.idempotencyKey.split('/').pop())).toEqual(['1', '2']);
  });

  it('never go after an answer, a click, an unsubscribe, a bounce or a complaint', async () => {
    deps = makeTestDeps();
    const app = createApp(deps);
    const answered = await deliveredSurvey(deps, { externalId: 'A', customer: { email: 'a@example.com' } });
    const clicked = await deliveredSurvey(deps, { externalId: 'B', customer: { email: 'b@example.com' } });
    const bounced = await deliveredSurvey(deps, { externalId: 'C', customer: { email: 'c@example.com' } });
    const opened = await deliveredSurvey(deps, { externalId: 'D', customer: { email: 'd@example.com' } });
    const unsubscribed = await deliveredSurvey(deps, { externalId: 'E', customer: { email: 'e@example.com' } });
    const silent = await deliveredSurvey(deps, { externalId: 'F', customer: { email: 'f@example.com' } });
    const path = (s: typeof answered, score: number) => new URL(s.links.scores.get(score)!).pathname;
    await app.request(path(answered, 3), { method: 'POST', body: new URLSearchParams({ score: '3' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    await app.request(`${path(clicked, 5)}?score=5`);
    await deps.db.update(surveyRequests).set({ deliveryStatus: 'bounced' }).where(eq(surveyRequests.id, bounced.surveyRequest.id));
    await deps.db.update(surveyRequests).set({ deliveryStatus: 'opened' }).where(eq(surveyRequests.id, opened.surveyRequest.id));
    await deps.db.insert(suppressions).values({ email: 'e@example.com', reason: 'unsubscribed', createdAt: deps.clock() });
    await later(4);
    expect(reminders().map((e) => e.to)).toEqual([silent.interaction.customer.email]);
    expect(unsubscribed.interaction.customer.email).toBe('e@example.com');
  });
});
