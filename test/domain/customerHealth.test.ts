// The health rule, by hand: each case builds one customer's facts and says what a person reading
// the README's rule would conclude.
import { describe, expect, test } from 'vitest';
import { customerHealth, reasonText, trendOf, type HealthFacts, type TaskFact } from '../../src/domain/customerHealth';

const NOW = Date.parse('2026-03-31T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => NOW - days * DAY;
const facts = (over: Partial<HealthFacts> = {}): HealthFacts => ({ answers: [], lastTask: null, contacts: [], churnedAt: null, ...over });
const task = (over: Partial<TaskFact> = {}): TaskFact => ({
  id: 'fu1', status: 'open', openedAt: ago(10), closedAt: null, dueAt: ago(9), recoveryScore: null, survey: 'nps', ...over,
});

describe('trend', () => {
  test('a score moves by two points before it counts as a trend', () => {
    expect(trendOf('nps', 8, 9)).toBe('steady');
    expect(trendOf('nps', 7, 9)).toBe('declining');
    expect(trendOf('nps', 10, 8)).toBe('improving');
    expect(trendOf('csat', 4, 5)).toBe('steady');
    expect(trendOf('csat', 3, 5)).toBe('declining');
    expect(trendOf('ces', 7, 5)).toBe('improving');
    expect(trendOf('csat', 5, null)).toBeNull();
  });
});

describe('health', () => {
  test('a customer with good answers, no task and few contacts is healthy', () => {
    const h = customerHealth(facts({ answers: [{ survey: 'nps', score: 9, at: ago(5) }, { survey: 'nps', score: 10, at: ago(40) }], contacts: [ago(5), ago(40)] }), NOW);
    expect(h).toMatchObject({ state: 'healthy', reasons: [], contacts30: 1 });
    expect(h.scores).toEqual([{ survey: 'nps', score: 9, at: ago(5), previous: 10, trend: 'steady' }]);
  });

  test('NPS 9 then 6 is declining, and 6 with no follow-up is an unfollowed low score', () => {
    const h = customerHealth(facts({ answers: [{ survey: 'nps', score: 6, at: ago(2) }, { survey: 'nps', score: 9, at: ago(60) }] }), NOW);
    expect(h.state).toBe('at_risk');
    expect(h.reasons).toEqual([
      { kind: 'declining', survey: 'nps', from: 9, to: 6 },
      { kind: 'low_unfollowed', survey: 'nps', score: 6 },
    ]);
    expect(h.reasons.map(reasonText)).toEqual(['NPS fell from 9 to 6', 'Latest NPS is 6, with no follow-up']);
  });

  test('an open task is a reason, overdue once its due time has passed', () => {
    const low = [{ survey: 'nps' as const, score: 3, at: ago(10) }];
    expect(customerHealth(facts({ answers: low, lastTask: task({ dueAt: NOW + DAY }) }), NOW).reasons).toEqual([{ kind: 'task_open', taskId: 'fu1', overdue: false }]);
    expect(customerHealth(facts({ answers: low, lastTask: task() }), NOW).reasons).toEqual([{ kind: 'task_open', taskId: 'fu1', overdue: true }]);
  });

  test('a closed task counts until a recovery answer or a later good answer wins the customer back', () => {
    const low = { survey: 'nps' as const, score: 3, at: ago(10) };
    const closed = task({ status: 'resolved', closedAt: ago(8) });
    expect(customerHealth(facts({ answers: [low], lastTask: closed }), NOW).reasons).toEqual([{ kind: 'not_recovered', taskId: 'fu1' }]);
    // Recovery answer 6 on NPS is still a detractor: not recovered.
    expect(customerHealth(facts({ answers: [low], lastTask: { ...closed, recoveryScore: 6 } }), NOW).state).toBe('at_risk');
    // Recovery answer 7 wins them back.
    expect(customerHealth(facts({ answers: [low], lastTask: { ...closed, recoveryScore: 7 } }), NOW).state).toBe('healthy');
    // A CSAT 4 given after the task closed does too (and CSAT has no trend yet with one answer).
    expect(customerHealth(facts({ answers: [{ survey: 'csat', score: 4, at: ago(1) }, low], lastTask: closed }), NOW).state).toBe('healthy');
    // The customer changed the score themselves.
    expect(customerHealth(facts({ answers: [low], lastTask: { ...closed, status: 'score_changed' } }), NOW).state).toBe('healthy');
  });

  test('a new low answer after the last task closed is a low score with no follow-up', () => {
    const h = customerHealth(
      facts({ answers: [{ survey: 'csat', score: 1, at: ago(1) }], lastTask: task({ status: 'resolved', closedAt: ago(8), recoveryScore: 9 }) }),
      NOW,
    );
    expect(h.reasons).toEqual([{ kind: 'low_unfollowed', survey: 'csat', score: 1 }]);
  });

  test('three contacts within 30 days make a repeat; the health is checked again when the oldest leaves the window', () => {
    const h = customerHealth(facts({ contacts: [ago(29), ago(3), ago(1), ago(31)] }), NOW);
    expect(h.reasons).toEqual([{ kind: 'repeat_contacts', count: 3 }]);
    expect(h.contacts30).toBe(3);
    expect(h.recheckAt).toBe(ago(29) + 30 * DAY);
    expect(customerHealth(facts({ contacts: [ago(29), ago(3)] }), NOW).state).toBe('healthy');
  });

  test('churned wins over everything, but the reasons stay visible', () => {
    const h = customerHealth(facts({ churnedAt: ago(3), contacts: [ago(1), ago(2), ago(3)] }), NOW);
    expect(h.state).toBe('churned');
    expect(h.reasons).toHaveLength(1);
  });
});
