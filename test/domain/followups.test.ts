import { describe, expect, it } from 'vitest';
import { canMove, DEFAULT_RULES, HOUR, isRecovered, matchKeywords, parseKeywords, triggerOf } from '../../src/domain/followups';
import { webhookRetryDelay } from '../../src/domain/webhooks';
import { fillTemplate, unknownVariables } from '../../src/domain/followupTemplates';
import { digestDay, digestDue, nextEscalation } from '../../src/domain/escalation';
import { addBusinessTime, parseClock, scheduleProblem, zonedInstant, type WorkSchedule } from '../../src/domain/businessHours';
import { chooseAssignee } from '../../src/domain/assignment';
import { dayNumber } from '../../src/domain/timeZone';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const answer = (survey: 'csat' | 'nps' | 'ces', score: number, comment: string | null = null, flagged = false) => ({ survey, score, comment, flagged });

describe('opening rules', () => {
  it.each([
    ['nps', 6, true],
    ['nps', 7, false],
    ['csat', 2, true],
    ['csat', 3, false],
    ['ces', 3, true],
    ['ces', 4, false],
  ] as const)('%s %i is low: %s', (survey, score, low) => {
    expect(triggerOf(DEFAULT_RULES, answer(survey, score))?.lowScore ?? false).toBe(low);
  });

  it('never opens for a flagged answer, however low', () => {
    expect(triggerOf(DEFAULT_RULES, answer('nps', 0, 'refund now', true))).toBeNull();
  });

  it('opens for a keyword in a good answer when keyword matching is on, not when it is off', () => {
    expect(triggerOf(DEFAULT_RULES, answer('csat', 5, 'Fine, but I still want a refund'))).toEqual({ lowScore: false, keywords: ['refund'] });
    expect(triggerOf({ ...DEFAULT_RULES, openOnKeywords: false }, answer('csat', 5, 'I want a refund'))).toBeNull();
  });

  it('can leave low scores alone and open on keywords only', () => {
    const rules = { ...DEFAULT_RULES, openOnLowScore: false };
    expect(triggerOf(rules, answer('nps', 2, 'meh'))).toBeNull();
    expect(triggerOf(rules, answer('nps', 2, 'I will cancel'))).toEqual({ lowScore: false, keywords: ['cancel'] });
  });

  it('matches English and Spanish at word starts, ignoring case and accents', () => {
    expect(matchKeywords('We CANCELLED the plan', ['cancel'])).toEqual(['cancel']);
    expect(matchKeywords('Quiero la devolucion y un reembolso', ['devolución', 'reembolso'])).toEqual(['devolución', 'reembolso']);
    expect(matchKeywords('Hablaré con mi ABOGADO.', ['abogado'])).toEqual(['abogado']);
    expect(matchKeywords('a precancel step', ['cancel'])).toEqual([]);
    expect(matchKeywords(null, ['cancel'])).toEqual([]);
  });

  it('matches Chinese anywhere in the text, which has no spaces', () => {
    expect(matchKeywords('我要退款，不然就找律师', ['退款', '律师', '取消'])).toEqual(['退款', '律师']);
  });

  it('reads a keyword list typed with newlines, commas and Chinese commas, without repeats', () => {
    expect(parseKeywords('cancel\nrefund, Refund，退款、 律师\n\n')).toEqual(['cancel', 'refund', '退款', '律师']);
  });
});

describe('assignment', () => {
  const none = { handlingAgent: null, teamAgents: [], managers: [] };

  it('gives the task to the handling agent, or to a manager when the agent cannot sign in', () => {
    expect(chooseAssignee('agent', { ...none, handlingAgent: 'a1', managers: [{ id: 'm1', lastAssignedAt: null }] })).toEqual({ kind: 'agent', id: 'a1' });
    expect(chooseAssignee('agent', { ...none, managers: [{ id: 'm1', lastAssignedAt: null }] })).toEqual({ kind: 'user', id: 'm1' });
  });

  it('gives it to the team manager least recently given one', () => {
    const managers = [
      { id: 'm1', lastAssignedAt: 200 },
      { id: 'm2', lastAssignedAt: 100 },
    ];
    expect(chooseAssignee('manager', { ...none, handlingAgent: 'a1', managers })).toEqual({ kind: 'user', id: 'm2' });
  });

  it('goes round the team: never-assigned agents first, then the longest waiting', () => {
    const teamAgents = [
      { id: 'b', lastAssignedAt: 300 },
      { id: 'c', lastAssignedAt: null },
      { id: 'a', lastAssignedAt: 100 },
    ];
    expect(chooseAssignee('round_robin', { ...none, teamAgents })).toEqual({ kind: 'agent', id: 'c' });
    expect(chooseAssignee('round_robin', { ...none, teamAgents: teamAgents.filter((t) => t.id !== 'c') })).toEqual({ kind: 'agent', id: 'a' });
  });

  it('leaves the task unassigned only when nobody can take it', () => {
    expect(chooseAssignee('round_robin', none)).toBeNull();
  });
});

describe('business hours', () => {
  const madrid: WorkSchedule = { timeZone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };

  it('counts only working hours within a day', () => {
    // Monday 2 March 2026, 10:00 in Madrid (UTC+1) plus 3 h: 13:00 local.
    expect(iso(addBusinessTime(at('2026-03-02T09:00:00Z'), 3 * HOUR, madrid))).toBe('2026-03-02T12:00:00.000Z');
  });

  it('carries what is left over to the next working morning', () => {
    // Monday 15:00 local + 8 h: 2 h on Monday, 6 h on Tuesday -> Tuesday 15:00 local.
    expect(iso(addBusinessTime(at('2026-03-02T14:00:00Z'), 8 * HOUR, madrid))).toBe('2026-03-03T14:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 6 March 16:00 local + 2 h: 1 h on Friday, 1 h from Monday 09:00 -> Monday 10:00 local.
    expect(iso(addBusinessTime(at('2026-03-06T15:00:00Z'), 2 * HOUR, madrid))).toBe('2026-03-09T09:00:00.000Z');
  });

  it('starts counting at opening time when a task arrives at night or on a Sunday', () => {
    expect(iso(addBusinessTime(at('2026-03-08T20:00:00Z'), 1 * HOUR, madrid))).toBe('2026-03-09T09:00:00.000Z');
    expect(iso(addBusinessTime(at('2026-03-03T05:00:00Z'), 1 * HOUR, madrid))).toBe('2026-03-03T09:00:00.000Z');
  });

  it('works in each team’s own time zone', () => {
    const tokyo: WorkSchedule = { ...madrid, timeZone: 'Asia/Tokyo' };
    const newYork: WorkSchedule = { ...madrid, timeZone: 'America/New_York' };
    const start = at('2026-03-02T09:00:00Z'); // 18:00 in Tokyo (closed), 04:00 in New York (not open yet)
    expect(iso(addBusinessTime(start, HOUR, tokyo))).toBe('2026-03-03T01:00:00.000Z'); // Tue 10:00 JST
    expect(iso(addBusinessTime(start, HOUR, newYork))).toBe('2026-03-02T15:00:00.000Z'); // Mon 10:00 EST
  });

  it('keeps office hours on local time across the spring DST change', () => {
    const newYork: WorkSchedule = { ...madrid, timeZone: 'America/New_York' };
    // Friday 6 March 2026 16:00 EST + 2 h -> Monday 9 March 10:00 EDT (clocks went forward on Sunday 8 March).
    expect(iso(addBusinessTime(at('2026-03-06T21:00:00Z'), 2 * HOUR, newYork))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('counts the real hours of a day the clocks change inside working hours', () => {
    // Open around the clock on Sunday 29 March 2026, when Madrid skips 02:00-03:00: the day has 23 hours.
    const allDay: WorkSchedule = { timeZone: 'Europe/Madrid', days: [0], startMinute: 0, endMinute: 1440 };
    const sunday = zonedInstant(dayNumber(at('2026-03-29T12:00:00Z'), 'Europe/Madrid'), 0, 'Europe/Madrid');
    expect(iso(sunday)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(addBusinessTime(sunday, 23 * HOUR, allDay))).toBe('2026-03-29T22:00:00.000Z'); // local midnight, end of the day
    expect(iso(addBusinessTime(sunday, 23 * HOUR + 1, allDay))).toBe('2026-04-04T22:00:00.001Z'); // next Sunday
  });

  it('finds the instant of a local time that the clocks skip or repeat', () => {
    const day = dayNumber(at('2026-03-08T12:00:00Z'), 'America/New_York');
    expect(iso(zonedInstant(day, 150, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // 02:30 does not exist: 03:30 EDT
    const back = dayNumber(at('2026-11-01T12:00:00Z'), 'America/New_York');
    expect(iso(zonedInstant(back, 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 twice: the first (EDT)
  });

  it('refuses schedules that cannot work', () => {
    expect(scheduleProblem(madrid)).toBeNull();
    expect(scheduleProblem({ ...madrid, days: [] })).toMatch(/working day/);
    expect(scheduleProblem({ ...madrid, startMinute: 600, endMinute: 600 })).toMatch(/end after/);
    expect(scheduleProblem({ ...madrid, timeZone: 'Mars/Olympus' })).toMatch(/time zone/);
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('9:75')).toBeNull();
  });
});

describe('escalation timing', () => {
  const schedule: WorkSchedule = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
  const due = at('2026-03-06T16:00:00Z'); // Friday 16:00

  it('tells the assignee at the due time, then a manager business hours later, then stops', () => {
    expect(nextEscalation(0, due, 4 * HOUR, schedule)).toEqual({ level: 1, at: due });
    // 1 h left on Friday, 3 h on Monday.
    expect(nextEscalation(1, due, 4 * HOUR, schedule)).toEqual({ level: 2, at: at('2026-03-09T12:00:00Z') });
    expect(nextEscalation(2, due, 4 * HOUR, schedule)).toBeNull();
  });
});

describe('digest day', () => {
  it('belongs to the local date and waits for the configured hour', () => {
    const t = at('2026-03-02T06:30:00Z'); // 07:30 in Madrid, 01:30 in New York
    expect(digestDay(t, 'Europe/Madrid')).toBe('2026-03-02');
    expect(digestDay(at('2026-03-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
    expect(digestDue(t, 'Europe/Madrid', 8)).toBe(false);
    expect(digestDue(t, 'Europe/Madrid', 7)).toBe(true);
  });
});

describe('small rules', () => {
  it('lets people work, close with an outcome and reopen, but not set "customer changed score"', () => {
    expect(canMove('open', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'resolved')).toBe(true);
    expect(canMove('open', 'unreachable')).toBe(true);
    expect(canMove('resolved', 'open')).toBe(true);
    expect(canMove('resolved', 'no_action')).toBe(false);
    expect(canMove('in_progress', 'open')).toBe(false);
    expect(canMove('open', 'score_changed')).toBe(false);
  });

  it('fills known template variables and leaves unknown ones visible', () => {
    const vars = { greeting: 'Hi María,', customer_name: 'María', agent_name: 'Ana', company: 'Acme', reference: 'T-1' };
    expect(fillTemplate('{{greeting}} {{ agent_name }} at {{company}} ({{ticket}})', vars)).toBe('Hi María, Ana at Acme ({{ticket}})');
    expect(unknownVariables('{{greeting}} {{ticket}} {{ticket}}')).toEqual(['ticket']);
  });

  it('counts a recovery answer as won back once it is no longer low', () => {
    expect(isRecovered('nps', 9)).toBe(true);
    expect(isRecovered('nps', 7)).toBe(true);
    expect(isRecovered('nps', 6)).toBe(false);
    expect(isRecovered('csat', 3)).toBe(true);
  });

  it('backs off webhook retries up to six hours', () => {
    expect([1, 2, 3, 4].map(webhookRetryDelay)).toEqual([30_000, 120_000, 480_000, 1_920_000]);
    expect(webhookRetryDelay(12)).toBe(6 * HOUR);
  });
});
