// When Heard tells someone about a task: escalation levels and the daily digest's local day.
import { addBusinessTime, zonedInstant, type WorkSchedule } from './businessHours';
import { isoDate } from './period';
import { dayNumber } from './timeZone';

/** The next escalation of a task: level 1 tells the assignee at the due time, level 2 a manager later. */
export function nextEscalation(
  level: number,
  dueAt: number,
  managerAfterMs: number,
  schedule: WorkSchedule,
): { level: 1 | 2; at: number } | null {
  if (level <= 0) return { level: 1, at: dueAt };
  if (level === 1) return { level: 2, at: addBusinessTime(dueAt, managerAfterMs, schedule) };
  return null;
}

// ---- digest ----

/** The local date a digest belongs to ('YYYY-MM-DD'), which makes "one per manager per day" a key. */
export const digestDay = (now: number, tz: string): string => isoDate(dayNumber(now, tz));

/** Whether today's digest may go out yet: from the configured local hour on. */
export function digestDue(now: number, tz: string, hour: number): boolean {
  const day = dayNumber(now, tz);
  return now >= zonedInstant(day, hour * 60, tz);
}
