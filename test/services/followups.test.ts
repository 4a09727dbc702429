// The follow-up loop through its services, on a real SQLite file with a moving clock.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { alertChecks, followupChecks, followupLinks, followups, responses, surveyRequests, suppressions, teams } from '../../src/db/schema';
import { DEFAULT_RULES, HOUR } from '../../src/domain/followups';
import { runDueWork } from '../../src/services/dispatch';
import { findIngested } from '../../src/services/ingest';
import { addActivity, changeStatus, emailCustomer, reassign } from '../../src/services/followups/actions';
import { userActor } from '../../src/services/followups/events';
import { getTask } from '../../src/services/followups/queries';
import { followupReport } from '../../src/services/followups/report';
import { saveRules, saveSchedule } from '../../src/services/followups/settings';
import { signIn } from '../helpers/auth';
import { makeTestDeps, T0, type CapturingMailer, type TestDeps } from '../helpers/deps';
import { answer, answered, log, tasks, tokenOf } from '../helpers/followups';
import { deliveredSurvey, linksOf } from '../helpers/survey';
import { openSurvey, recordClick, saveAnswer } from '../../src/services/respond';
import { CLAIM_TTL } from '../../src/domain/schedule';

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;
const setup = () => (deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } }));
const sent = () => (deps.mailer as CapturingMailer).sent;
const ana = { email: 'ana@support.example', name: 'Ana' };

describe('opening tasks', () => {
  it('opens one for a detractor, assigned to the agent who handled it, due after the SLA in business hours', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email, teams: ['Tier 1'] });
    await answered(deps, { agent: ana }, 2, 'Too slow');
    const [task] = await tasks(deps);
    expect(task).toMatchObject({ status: 'open', lowScore: true, assigneeAgentId: agent.user.agentId, assigneeUserId: null });
    // Opened Monday 11:00 UTC; 8 business hours (9-17 Mon-Fri in UTC) later is Tuesday 11:00.
    expect(new Date(task!.dueAt).toISOString()).toBe('2026-03-03T11:00:00.000Z');
    expect((await log(deps, task!.id)).map((e) => e.kind)).toEqual(['opened']);
  });

  it('opens nothing for a good score, or for an answer a link scanner confirmed', async () => {
    setup();
    await answered(deps, { externalId: 'good' }, 5, 'Great');
    // A scanner opens two different scores of one email, then the page confirms one by itself: flagged.
    const s = await deliveredSurvey(deps, { externalId: 'scanned', customer: { email: 'lee@example.com' } });
    const token = tokenOf(s.links.scores.get(1)!);
    const ctx = await openSurvey(deps, token);
    if (!ctx.ok) throw new Error('link');
    await recordClick(deps, ctx.value, 1, { userAgent: 'scanner', ip: null });
    await recordClick(deps, ctx.value, 2, { userAgent: 'scanner', ip: null });
    await answer(deps, token, 1, null, 'auto');
    expect((await deps.db.select().from(responses).where(eq(responses.score, 1)))[0]?.flagged).toBe(true);
    expect(await tasks(deps)).toEqual([]);
  });

  it('attaches a later bad answer of the same customer to the open task', async () => {
    setup();
    await answered(deps, { externalId: 'first' }, 1);
    deps.advance(HOUR);
    await answered(deps, { externalId: 'second', survey: 'nps' }, 3, 'Quiero cancelar');
    const all = await tasks(deps);
    expect(all).toHaveLength(1);
    expect(await deps.db.select().from(followupLinks).where(eq(followupLinks.followupId, all[0]!.id))).toHaveLength(2);
    expect((await log(deps, all[0]!.id)).map((e) => e.kind)).toEqual(['opened', 'attached']);
  });

  it('keeps every reason: a low score confirmed by itself, then a comment with keywords', async () => {
    setup();
    const s = await deliveredSurvey(deps, { externalId: 'both' });
    const token = tokenOf(s.links.scores.get(1)!);
    await answer(deps, token, 1, null, 'auto');
    expect((await tasks(deps))[0]).toMatchObject({ lowScore: true, keywords: '[]' });
    await answer(deps, token, 1, 'I want a refund or I cancel');
    await answer(deps, token, 1, 'I want a refund or I cancel');
    const [task] = await tasks(deps);
    expect(task).toMatchObject({ lowScore: true });
    expect(JSON.parse(task!.keywords)).toEqual(['cancel', 'refund']);
    const entries = await log(deps, task!.id);
    expect(entries.map((e) => e.kind)).toEqual(['opened', 'reason']);
    expect(entries[1]!.body).toBe('The comment mentions “cancel”, “refund”.');
  });

  it('adds the reasons of a later answer attached to the open task', async () => {
    setup();
    await answered(deps, { externalId: 'low' }, 1);
    deps.advance(HOUR);
    await answered(deps, { externalId: 'words' }, 5, 'Please cancel my plan');
    const [task] = await tasks(deps);
    expect(JSON.parse(task!.keywords)).toEqual(['cancel']);
    expect(task!.lowScore).toBe(true);
  });

  it('closes the task as "customer changed score" when the score improves before anyone acted', async () => {
    setup();
    const s = await answered(deps, {}, 1);
    await answer(deps, s.token, 4, 'Actually it was fine');
    const [task] = await tasks(deps);
    expect(task).toMatchObject({ status: 'score_changed', nextEscalationAt: null });
    // Back to a low score: the task opens again.
    await answer(deps, s.token, 2, 'No, it was not');
    expect((await tasks(deps))[0]).toMatchObject({ status: 'open' });
    expect((await log(deps, task!.id)).map((e) => e.kind)).toEqual(['opened', 'status', 'reopened']);
  });

  it('keeps the task once someone has acted on it', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email });
    const s = await answered(deps, { agent: ana }, 1);
    const [task] = await tasks(deps);
    await addActivity(deps, task!.id, userActor(agent.user), 'call', '');
    await answer(deps, s.token, 5);
    expect((await tasks(deps))[0]).toMatchObject({ status: 'open', firstActionAt: deps.clock() });
  });
});

describe('assignment rules', () => {
  it('gives tasks to the team manager when the rule says so', async () => {
    setup();
    await saveRules(deps, 'admin', { ...DEFAULT_RULES, assignment: 'manager' });
    await signIn(deps, { role: 'agent', email: ana.email, teams: ['Tier 1'] });
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    await signIn(deps, { role: 'manager', teams: ['Tier 2'] });
    await answered(deps, { agent: ana }, 1);
    expect((await tasks(deps))[0]).toMatchObject({ assigneeUserId: manager.user.id, assigneeAgentId: null });
  });

  it('goes round the team’s agents who can sign in', async () => {
    setup();
    await saveRules(deps, 'admin', { ...DEFAULT_RULES, assignment: 'round_robin' });
    const a = await signIn(deps, { role: 'agent', email: 'ana@support.example' });
    const b = await signIn(deps, { role: 'agent', email: 'ben@support.example' });
    // Both join Tier 1 through ingest; a third agent has no account and never gets tasks.
    await answered(deps, { externalId: 'x1', agent: { email: 'ana@support.example' }, customer: { email: 'c1@example.com' } }, 5);
    await answered(deps, { externalId: 'x2', agent: { email: 'ben@support.example' }, customer: { email: 'c2@example.com' } }, 5);
    for (const n of [3, 4, 5, 6]) {
      deps.advance(HOUR);
      await answered(deps, { externalId: `t${n}`, agent: { email: 'cy@support.example' }, customer: { email: `c${n}@example.com` } }, 1);
    }
    const assigned = (await tasks(deps)).map((t) => t.assigneeAgentId);
    const ids = [a.user.agentId, b.user.agentId].sort();
    expect(assigned).toEqual([ids[0], ids[1], ids[0], ids[1]]);
  });

  it('falls back to a manager when the handling agent has no account', async () => {
    setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    await answered(deps, { agent: { email: 'nobody@support.example' } }, 2);
    expect((await tasks(deps))[0]).toMatchObject({ assigneeUserId: manager.user.id });
  });

  it('counts the SLA in the team’s own working hours', async () => {
    setup();
    await answered(deps, { externalId: 'warm-up', customer: { email: 'w@example.com' } }, 5); // creates Tier 1
    const [team] = await deps.db.select().from(teams);
    // Tokyo, Monday to Friday 09:00-18:00: Monday 12:00 UTC is 21:00 there, so 8 h run from Tuesday 09:00 JST.
    await saveSchedule(deps, team!.id, { timeZone: 'Asia/Tokyo', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 });
    await answered(deps, {}, 1);
    expect(new Date((await tasks(deps))[0]!.dueAt).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });
});

describe('working a task', () => {
  it('needs an outcome to close, and a resolved task sends the recovery survey days later; its answer stays off responses', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email });
    await answered(deps, { agent: ana, survey: 'nps' }, 3);
    const [task] = await tasks(deps);
    const me = userActor(agent.user);
    expect(await changeStatus(deps, task!.id, me, 'resolved', '  ')).toEqual({ ok: false, error: 'outcome-required' });
    expect((await changeStatus(deps, task!.id, me, 'in_progress', '')).ok).toBe(true);
    expect((await changeStatus(deps, task!.id, me, 'resolved', 'Refunded the fee')).ok).toBe(true);
    const [recovery] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.purpose, 'recovery'));
    expect(recovery).toMatchObject({ status: 'scheduled', followupId: task!.id, survey: 'nps', sendAfter: deps.clock() + 3 * DAY });

    deps.advance(3 * DAY);
    await runDueWork(deps, deps.clock());
    const email = sent().find((e) => e.idempotencyKey === `survey-request/${recovery!.id}`)!;
    expect(email.subject).toBe('¿Lo solucionamos? Una pregunta rápida tras hablar con Ana'); // María reads Spanish
    await answer(deps, tokenOf(linksOf(email).scores.get(9)!), 9, 'Gracias');

    expect(await deps.db.select().from(responses)).toHaveLength(1); // only the first answer
    expect(await getTask(deps, task!.id)).toMatchObject({ recoveryScore: 9, recoveryComment: 'Gracias', status: 'resolved' });
    const report = await followupReport(deps, { ...agent.user, role: 'admin' }, { start: T0, end: deps.clock() + 1 }, deps.clock());
    expect(report.overall).toMatchObject({ opened: 1, closed: 1, withinSla: 1, surveyed: 1, answered: 1, recovered: 1 });
  });

  it('emails the customer with replies going to the agent, once per form, and not to a bounced address', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email, name: 'Ana' });
    await answered(deps, { agent: ana }, 1);
    const [task] = await tasks(deps);
    const me = userActor(agent.user);
    const mail = { subject: 'Sobre tu opinión', body: 'Hola María,\n\nLo siento.\n\nAna', key: 'form-1' };
    expect((await emailCustomer(deps, task!.id, me, mail)).ok).toBe(true);
    expect((await emailCustomer(deps, task!.id, me, mail)).ok).toBe(true);
    const out = sent().filter((e) => e.idempotencyKey.startsWith('followup-email/'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ to: 'maria@example.com', replyTo: ana.email, subject: 'Sobre tu opinión' });
    expect(out[0]!.text).toContain('Responde a este correo para hablar directamente con Ana.');
    expect((await log(deps, task!.id)).filter((e) => e.kind === 'email')).toHaveLength(1);

    await deps.db.insert(suppressions).values({ email: 'maria@example.com', reason: 'bounced', createdAt: deps.clock() });
    expect(await emailCustomer(deps, task!.id, me, { ...mail, key: 'form-2' })).toEqual({ ok: false, error: 'undeliverable' });
  });

  it('reopens a resolved task, cancelling its recovery survey, unless the customer has another open one', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email });
    const me = userActor(agent.user);
    await answered(deps, { agent: ana, externalId: 'one' }, 1);
    const [first] = await tasks(deps);
    await changeStatus(deps, first!.id, me, 'resolved', 'Fixed');
    expect((await changeStatus(deps, first!.id, me, 'open', '')).ok).toBe(true);
    const [recovery] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.purpose, 'recovery'));
    expect(recovery).toMatchObject({ status: 'suppressed', reason: 'task reopened' });

    await changeStatus(deps, first!.id, me, 'resolved', 'Fixed for real');
    const [again] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.purpose, 'recovery'));
    expect(again).toMatchObject({ id: recovery!.id, status: 'scheduled', reason: null, sendAfter: deps.clock() + 3 * DAY });
    deps.advance(HOUR);
    await answered(deps, { agent: ana, externalId: 'two' }, 2);
    expect((await tasks(deps)).map((t) => t.status)).toEqual(['resolved', 'open']);
    expect(await changeStatus(deps, first!.id, me, 'open', '')).toEqual({ ok: false, error: 'other-open' });
  });

  it('reassigns and logs it', async () => {
    setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'], name: 'Mia' });
    await answered(deps, {}, 1);
    const [task] = await tasks(deps);
    await reassign(deps, task!.id, userActor(manager.user), { kind: 'user', id: manager.user.id });
    expect((await tasks(deps))[0]).toMatchObject({ assigneeUserId: manager.user.id });
    expect((await log(deps, task!.id)).at(-1)).toMatchObject({ kind: 'assigned', body: 'Assigned to Mia.' });
  });
});

describe('escalation', () => {
  it('tells the assignee when the task falls due and the manager business hours later, each once', async () => {
    setup();
    await signIn(deps, { role: 'agent', email: ana.email });
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'], email: 'mia@staff.example' });
    await answered(deps, { agent: ana }, 1);
    const [task] = await tasks(deps);
    const escalations = () => sent().filter((e) => e.idempotencyKey.startsWith('followup-escalation/'));

    deps.setNow(task!.dueAt - 1);
    await runDueWork(deps, deps.clock());
    expect(escalations()).toHaveLength(0);

    deps.setNow(task!.dueAt);
    await runDueWork(deps, deps.clock());
    await runDueWork(deps, deps.clock() + 60_000);
    expect(escalations().map((e) => e.to)).toEqual([ana.email]);

    // Due Tuesday 11:00 UTC; the manager hears 4 business hours later, Tuesday 15:00.
    deps.setNow(Date.parse('2026-03-03T14:59:00Z'));
    await runDueWork(deps, deps.clock());
    expect(escalations()).toHaveLength(1);
    deps.setNow(Date.parse('2026-03-03T15:00:00Z'));
    await runDueWork(deps, deps.clock());
    await runDueWork(deps, deps.clock() + DAY);
    expect(escalations().map((e) => e.to)).toEqual([ana.email, manager.user.email]);
    expect(escalations()[1]!.subject).toContain('Escalated follow-up');
    expect((await tasks(deps))[0]).toMatchObject({ escalationLevel: 2, nextEscalationAt: null });
  });

  it('does not escalate a task closed before it fell due', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email });
    await answered(deps, { agent: ana }, 1);
    const [task] = await tasks(deps);
    await changeStatus(deps, task!.id, userActor(agent.user), 'no_action', 'Customer already helped by phone');
    deps.setNow(task!.dueAt + DAY);
    await runDueWork(deps, deps.clock());
    expect(sent().filter((e) => e.idempotencyKey.startsWith('followup-escalation/'))).toEqual([]);
  });
});

describe('daily digest', () => {
  it('goes to each manager with open tasks once a day, from the digest hour, however often the job runs', async () => {
    setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    await signIn(deps, { role: 'manager', teams: ['Tier 2'] }); // nothing open in Tier 2: no email
    await answered(deps, {}, 1);
    const digests = () => sent().filter((e) => e.idempotencyKey.startsWith('followup-digest/'));

    deps.setNow(Date.parse('2026-03-03T07:59:00Z'));
    await runDueWork(deps, deps.clock());
    expect(digests()).toHaveLength(0);
    for (const minute of [0, 1, 30, 600]) await runDueWork(deps, Date.parse('2026-03-03T08:00:00Z') + minute * 60_000);
    expect(digests().map((d) => [d.to, d.idempotencyKey])).toEqual([[manager.user.email, `followup-digest/${manager.user.id}/2026-03-03`]]);
    expect(digests()[0]!.subject).toBe('Follow-ups for 2026-03-03: 1 open, 0 overdue');

    await runDueWork(deps, Date.parse('2026-03-04T09:00:00Z'));
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.subject).toBe('Follow-ups for 2026-03-04: 1 open, 1 overdue');
  });

  it('tries again later the same day when the mail provider fails', async () => {
    setup();
    await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    await answered(deps, {}, 1);
    const mailer = deps.mailer as CapturingMailer;
    mailer.queue.push({ ok: false, retryable: true, error: '503' });
    await runDueWork(deps, Date.parse('2026-03-03T08:00:00Z'));
    await runDueWork(deps, Date.parse('2026-03-03T08:01:00Z'));
    expect(mailer.sent.filter((e) => e.idempotencyKey.startsWith('followup-digest/'))).toHaveLength(1);
  });
});

describe('tasks and the dashboards', () => {
  it('keeps the recovery request off the interaction’s survey and lets ingest find its own', async () => {
    setup();
    const agent = await signIn(deps, { role: 'agent', email: ana.email });
    const s = await answered(deps, { agent: ana, externalId: 'EXT-1' }, 1);
    const [task] = await tasks(deps);
    await changeStatus(deps, task!.id, userActor(agent.user), 'resolved', 'Fixed');
    expect((await findIngested(deps, 'EXT-1'))?.surveyRequest.id).toBe(s.surveyRequest.id);
    expect(await deps.db.select().from(followups)).toHaveLength(1);
  });
});

describe('updateTask', () => {
  it('refuses a status change when someone else moved the task after it was read, writing nothing', async () => {
    deps = makeTestDeps();
    const agent = await signIn(deps, { role: 'agent', email: 'ana@support.example' });
    await answered(deps, { agent: { email: 'ana@support.example' } }, 1);
    const [task] = await tasks(deps);
    const entries = (await log(deps, task!.id)).length;
    const atomic = deps.atomic;
    // Between the read and the write, another person starts working on the task.
    deps.atomic = async (statements) => {
      deps.atomic = atomic;
      await deps.db.update(followups).set({ status: 'in_progress' }).where(eq(followups.id, task!.id));
      return atomic(statements);
    };
    const moved = await changeStatus(deps, task!.id, userActor(agent.user), 'resolved', 'Refunded');
    expect(moved).toEqual({ ok: false, error: 'bad-transition' });
    expect(await getTask(deps, task!.id)).toMatchObject({ status: 'in_progress', outcome: null });
    expect(await log(deps, task!.id)).toHaveLength(entries);
  });
});

// A confirmation that finds the answer as it would store it changes nothing the checks look at.
describe('answers confirmed again as they stand', () => {
  it("runs no second check and arms no marker for a detractor's answer confirmed again as it stands", async () => {
    setup();
    const s = await deliveredSurvey(deps);
    const token = tokenOf(s.links.scores.get(1)!);
    await answer(deps, token, 1, null, 'auto');
    const [task] = await tasks(deps);
    const [alert] = await deps.db.select().from(alertChecks);
    expect(alert).toBeDefined();

    deps.advance(30_000);
    let writes = 0;
    const counted: TestDeps = { ...deps, atomic: (statements) => (writes++, deps.atomic(statements)) };
    await answer(counted, token, 1, null, 'auto');
    // One write (the confirmation's event), no check, the task and the pending alert check as they were.
    expect(writes).toBe(1);
    expect(await deps.db.select().from(followupChecks)).toEqual([]);
    expect(await deps.db.select().from(alertChecks)).toEqual([alert]);
    expect(await tasks(deps)).toEqual([task]);

    // A changed score is checked at once and re-arms the alert check.
    deps.advance(30_000);
    await answer(deps, token, 9, null, 'auto');
    expect(await tasks(deps)).toMatchObject([{ id: task!.id, status: 'score_changed' }]);
    expect(await deps.db.select().from(alertChecks)).toMatchObject([{ armedAt: deps.clock() }]);
  });

  it('arms the checks of a save that found its answer as it stands when another save changed it meanwhile', async () => {
    setup();
    const s = await deliveredSurvey(deps);
    const token = tokenOf(s.links.scores.get(1)!);
    await answer(deps, token, 1, null, 'auto');
    // The page was read while the answer stood at 1; in another tab the customer then changed it to 9.
    const stale = await openSurvey(deps, token);
    if (!stale.ok) throw new Error(stale.error);
    deps.advance(10_000);
    await answer(deps, token, 9, null, 'auto');
    expect(await tasks(deps)).toMatchObject([{ status: 'score_changed' }]);

    // The stale page confirms 1 again: to this save it looks unchanged, but its write changes the answer back.
    deps.advance(10_000);
    await saveAnswer(deps, stale.value, { userAgent: 'test', ip: null }, { mode: 'auto', score: 1 });
    expect(await deps.db.select({ score: responses.score }).from(responses)).toEqual([{ score: 1 }]);
    expect(await deps.db.select().from(followupChecks)).toMatchObject([{ requestId: s.surveyRequest.id }]);
    expect(await deps.db.select().from(alertChecks)).toMatchObject([{ requestId: s.surveyRequest.id, armedAt: deps.clock() }]);

    deps.advance(CLAIM_TTL);
    expect((await runDueWork(deps, deps.clock())).followups.checks).toEqual({ checked: 1, failed: 0 });
    expect(await tasks(deps)).toMatchObject([{ status: 'open' }]);
  });
});
