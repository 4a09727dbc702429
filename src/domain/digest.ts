// The score digest's calendar and rules: which period a digest covers, when it may go out, which
// agents moved, and when there is nothing to say. Pure: the clock and the zones are passed in.
import { zonedInstant } from './businessHours';
import { isoDate, weekOf, weekStart, type DayRange } from './period';
import { dayNumber } from './timeZone';
import type { Role } from './access';

export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export interface DigestPreference {
  frequency: DigestFrequency;
  /** 0 = Sunday … 6 = Saturday; used by the weekly digest. */
  weekday: number;
  /** Local hour (0-23) from which the digest may go out. */
  hour: number;
}

/** Managers get the weekly digest unless they turn it off; admins only when they ask for it; agents never. */
export function frequencyOf(role: Role, chosen: DigestFrequency | null): DigestFrequency {
  if (role === 'agent') return 'off';
  return chosen ?? (role === 'manager' ? 'weekly' : 'off');
}

/**
 * The last complete period before `today` (a dashboard day number): yesterday for a daily digest,
 * last Monday-to-Sunday week for a weekly one. Weeks are calendar weeks, so moving the weekday
 * never makes a second digest of the same week.
 */
export function digestPeriod(frequency: 'daily' | 'weekly', today: number): DayRange {
  if (frequency === 'daily') return { from: today - 1, to: today - 1 };
  const from = weekStart(weekOf(today) - 1);
  return { from, to: from + 6 };
}

/** What makes "one digest per person per period" a key: `weekly:2026-11-30`. */
export const periodKey = (frequency: 'daily' | 'weekly', r: DayRange) => `${frequency}:${isoDate(r.from)}`;

/**
 * Whether this period's digest may go out: from the chosen hour of today (daily) or of the chosen
 * weekday of this week (weekly), in the person's zone. A run missed that day still sends it later
 * in the week, for the same period key.
 */
export function digestDueAt(p: DigestPreference & { frequency: 'daily' | 'weekly' }, now: number, zone: string): number {
  const local = dayNumber(now, zone);
  const day = p.frequency === 'daily' ? local : weekStart(weekOf(local)) + ((p.weekday + 6) % 7);
  return zonedInstant(day, p.hour * 60, zone);
}

export interface AgentScoreLine {
  id: string;
  name: string;
  n: number;
  score: number | null;
}

export interface AgentMove {
  id: string;
  name: string;
  before: number;
  now: number;
  change: number;
  n: number;
}

/**
 * The agents whose score moved most between two periods, both sides with at least `minSample`
 * answers (a swing of two answers is noise, not news); largest move first, names break ties.
 */
export function agentMovers(now: AgentScoreLine[], before: AgentScoreLine[], minSample: number, limit: number): AgentMove[] {
  const earlier = new Map(before.filter((b) => b.n >= minSample && b.score !== null).map((b) => [b.id, b.score!]));
  return now
    .filter((a) => a.n >= minSample && a.score !== null && earlier.has(a.id))
    .map((a) => ({ id: a.id, name: a.name, before: earlier.get(a.id)!, now: a.score!, change: a.score! - earlier.get(a.id)!, n: a.n }))
    .filter((m) => m.change !== 0)
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.name.localeCompare(y.name))
    .slice(0, limit);
}

/**
 * "Nothing to say": no answer in the period and no follow-up waiting. Deliveries without answers
 * alone are no news worth an email; an open follow-up is, even in a quiet week.
 */
export const nothingToSay = (d: { answers: number; openFollowups: number }) => d.answers === 0 && d.openFollowups === 0;
