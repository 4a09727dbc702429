// When surveys go out, when they are held back, and how failed sends are retried.
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Interactions closed longer ago than this get no survey: the customer has moved on. */
export const MAX_INTERACTION_AGE = 14 * DAY;

/** Clocks drift a little; a closing time further ahead than this is a mistake, not a plan. */
export const MAX_CLOCK_AHEAD = 5 * MINUTE;

/** Why a closing time cannot be right (it has not happened yet), or null. */
export function futureProblem(closedAt: number, now: number): string | null {
  return closedAt > now + MAX_CLOCK_AHEAD ? `is in the future; it may be at most ${MAX_CLOCK_AHEAD / MINUTE} minutes ahead of now` : null;
}

export type SuppressReason = 'unsubscribed' | 'bounced' | 'complained' | 'erased' | 'throttled' | 'too_old';

export interface ScheduleFacts {
  now: number;
  closedAt: number;
  delayMinutes: number;
  throttleDays: number;
  /** Why the address may not be emailed, if it may not. */
  suppression: 'unsubscribed' | 'bounced' | 'complained' | 'erased' | null;
  /** When the customer's latest survey (scheduled or sent, any channel or kind) goes or went out. */
  lastSurveyAt: number | null;
}

export type ScheduleDecision =
  | { status: 'scheduled'; sendAfter: number }
  | { status: 'suppressed'; reason: SuppressReason; sendAfter: number };

export function decideSchedule(f: ScheduleFacts): ScheduleDecision {
  const sendAfter = Math.max(f.closedAt + f.delayMinutes * MINUTE, f.now);
  if (f.suppression) return { status: 'suppressed', reason: f.suppression, sendAfter };
  if (f.now - f.closedAt > MAX_INTERACTION_AGE) return { status: 'suppressed', reason: 'too_old', sendAfter };
  if (f.lastSurveyAt !== null && Math.abs(sendAfter - f.lastSurveyAt) < f.throttleDays * DAY) {
    return { status: 'suppressed', reason: 'throttled', sendAfter };
  }
  return { status: 'scheduled', sendAfter };
}

/** Send attempts before a request is given up as failed. */
export const MAX_SEND_ATTEMPTS = 8;
/** A claimed row whose dispatcher died is taken again after this long. */
export const CLAIM_TTL = 5 * MINUTE;

/** Exponential backoff: 1, 2, 4 … minutes after each failed attempt, capped at two hours. */
export function retryDelay(attempt: number): number {
  return Math.min(2 ** Math.max(0, attempt - 1) * MINUTE, 120 * MINUTE);
}
