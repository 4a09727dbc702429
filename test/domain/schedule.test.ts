import { describe, expect, it } from 'vitest';
import { decideSchedule, MAX_INTERACTION_AGE, retryDelay } from '../../src/domain/schedule';

const MIN = 60_000;
const DAY = 86_400_000;
const base = { now: 1_000 * DAY, closedAt: 1_000 * DAY, delayMinutes: 60, throttleDays: 30, suppression: null, lastSurveyAt: null };

describe('decideSchedule', () => {
  it('sends the configured delay after closing', () => {
    expect(decideSchedule(base)).toEqual({ status: 'scheduled', sendAfter: base.closedAt + 60 * MIN });
  });

  it('sends at once when the delay has already passed', () => {
    expect(decideSchedule({ ...base, closedAt: base.now - 3 * 60 * MIN })).toEqual({ status: 'scheduled', sendAfter: base.now });
  });

  it('holds back suppressed addresses with their reason, before anything else', () => {
    expect(decideSchedule({ ...base, suppression: 'bounced', lastSurveyAt: base.now })).toMatchObject({ status: 'suppressed', reason: 'bounced' });
  });

  it('holds back interactions closed too long ago', () => {
    expect(decideSchedule({ ...base, closedAt: base.now - MAX_INTERACTION_AGE - 1 })).toMatchObject({ reason: 'too_old' });
    expect(decideSchedule({ ...base, closedAt: base.now - MAX_INTERACTION_AGE + MIN }).status).toBe('scheduled');
  });

  it('throttles within THROTTLE_DAYS of the last survey, either side, and not at the boundary', () => {
    const sendAfter = base.closedAt + 60 * MIN;
    expect(decideSchedule({ ...base, lastSurveyAt: sendAfter - 29 * DAY })).toMatchObject({ reason: 'throttled' });
    expect(decideSchedule({ ...base, lastSurveyAt: sendAfter + 2 * DAY })).toMatchObject({ reason: 'throttled' });
    expect(decideSchedule({ ...base, lastSurveyAt: sendAfter - 30 * DAY }).status).toBe('scheduled');
    expect(decideSchedule({ ...base, throttleDays: 0, lastSurveyAt: sendAfter }).status).toBe('scheduled');
  });
});

it('retryDelay doubles from one minute and stops growing at two hours', () => {
  expect([1, 2, 3, 4, 7, 8, 20].map((a) => retryDelay(a) / MIN)).toEqual([1, 2, 4, 8, 64, 120, 120]);
});
