// Nothing more goes to a customer once they asked to be erased, even while the erasure is still
// being finished (a DELETE answered 202): every path that emails a customer (a follow-up task's
// email, the recovery survey, a reminder) consults the hashed suppression as well as the plain one.
// Another customer in the same state of the loop is emailed, so each refusal is the erasure's doing.
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { surveyRequests } from '../../src/db/schema';
import { dispatchSurveys } from '../../src/services/dispatch';
import { changeStatus } from '../../src/services/followups/actions';
import { userActor } from '../../src/services/followups/events';
import { sendReminders } from '../../src/services/reminders';
import { authed, form, signIn } from '../helpers/auth';
import { makeTestDeps, testAppOver, type CapturingMailer, type TestDeps } from '../helpers/deps';
import { answered, tasks } from '../helpers/followups';
import { deliveredSurvey } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;
const ana = { email: 'ana@support.example', name: 'Ana' };
const MARIA = { email: 'maria@example.com', name: 'María', locale: 'es' };
const LEE = { email: 'lee@example.com', name: 'Lee', locale: 'en' };

/** An app whose erasures stop after recording themselves (no step runs inline): every DELETE answers 202. */
async function setup() {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const t = await testAppOver({ ...deps, erasureSteps: 0 });
  const agent = await signIn(deps, { role: 'agent', email: ana.email, name: 'Ana', teams: ['Tier 1'] });
  const startErasing = async (email: string) => {
    const res = await t.api(`/api/v1/customers/${encodeURIComponent(email)}`, { method: 'DELETE' });
    expect(res.status).toBe(202);
  };
  return { app: t.app, agent, startErasing };
}

const sentTo = (to: string, kind: string) => (deps.mailer as CapturingMailer).sent.filter((e) => e.to === to && e.idempotencyKey.includes(kind));

it('refuses a follow-up email to a customer whose erasure is under way, on the task page and when the form is sent', async () => {
  const { app, agent, startErasing } = await setup();
  await answered(deps, { agent: ana, customer: MARIA }, 1);
  await answered(deps, { agent: ana, customer: LEE }, 1);
  const [maria, lee] = await tasks(deps);
  await startErasing(MARIA.email);

  const page = await (await authed(app, agent, `/follow-ups/${maria!.id}`)).text();
  expect(page).toContain('This customer asked to be erased: Heard sends nothing more to their address');
  expect(page).not.toContain('action="/follow-ups/' + maria!.id + '/email"');
  const refused = await form(app, agent, `/follow-ups/${maria!.id}/email`, { subject: 'Hola', body: 'Hola María,\n\nLo siento.', key: 'k1' });
  expect(refused.status).toBe(422);
  expect(await refused.text()).toContain('This customer asked to be erased: Heard sends nothing more to their address');
  expect(sentTo(MARIA.email, 'followup-email/')).toEqual([]);

  const sent = await form(app, agent, `/follow-ups/${lee!.id}/email`, { subject: 'Hello', body: 'Hello Lee,\n\nSorry.', key: 'k2' });
  expect(sent.status).toBe(303);
  expect(sentTo(LEE.email, 'followup-email/')).toHaveLength(1);
});

it('holds back the recovery survey of a customer whose erasure is under way', async () => {
  const { agent, startErasing } = await setup();
  for (const customer of [MARIA, LEE]) await answered(deps, { agent: ana, customer }, 1);
  for (const task of await tasks(deps)) expect((await changeStatus(deps, task.id, userActor(agent.user), 'resolved', 'Refund issued')).ok).toBe(true);
  await startErasing(MARIA.email);

  deps.advance(3 * DAY);
  const report = await dispatchSurveys(deps, deps.clock());
  expect(report).toMatchObject({ sent: 1, suppressed: 1 });
  const recoveries = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.purpose, 'recovery'));
  expect(recoveries.map((r) => [r.status, r.reason]).sort()).toEqual([
    ['sent', null],
    ['suppressed', 'erased'],
  ]);
  expect(sentTo(MARIA.email, 'survey-request/')).toHaveLength(1); // the first survey, before the erasure
  expect(sentTo(LEE.email, 'survey-request/')).toHaveLength(2);
});

it('sends no reminder to a customer whose erasure is under way, and does not count it as a failed send', async () => {
  const { startErasing } = await setup();
  for (const customer of [MARIA, LEE]) await deliveredSurvey(deps, { agent: ana, customer });
  await startErasing(MARIA.email);

  deps.advance(3.1 * DAY);
  expect(await sendReminders(deps, deps.clock())).toEqual({ sent: 1, failed: 0 });
  expect(sentTo(MARIA.email, '/reminder/')).toEqual([]);
  expect(sentTo(LEE.email, '/reminder/')).toHaveLength(1);
});
