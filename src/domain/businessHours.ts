// Working hours: a team's schedule, and how much working time lies between two instants, across
// time zones and daylight-saving changes. Pure: the zone's offsets come from Intl.
import { DAY_MS, dayNumber, isTimeZone, offsetAt } from './timeZone';

const MINUTE = 60_000;

export interface WorkSchedule {
  timeZone: string;
  /** Working weekdays, 0 = Sunday ... 6 = Saturday. */
  days: number[];
  /** Minutes after local midnight: the working day is [start, end). */
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_WORK_DAYS = [1, 2, 3, 4, 5];
export const defaultSchedule = (timeZone: string): WorkSchedule => ({
  timeZone,
  days: [...DEFAULT_WORK_DAYS],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
});

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What is wrong with a schedule, or null. */
export function scheduleProblem(s: WorkSchedule): string | null {
  if (!isTimeZone(s.timeZone)) return 'Choose a time zone such as Europe/Madrid.';
  if (s.days.length === 0 || s.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) return 'Choose at least one working day.';
  if (!(s.startMinute >= 0 && s.endMinute <= 1440 && s.startMinute < s.endMinute)) return 'The working day must end after it starts.';
  return null;
}

/** 'HH:MM' to minutes after midnight ('24:00' allowed as the end of a day), or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
}

export const formatClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Weekday of a local day number (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

/**
 * The instant a local wall-clock time happens on a local day. In the hour skipped when clocks
 * go forward the time does not exist and the instant the same elapsed time later is used
 * (02:30 becomes 03:30); in the hour that repeats when they go back, the first one.
 */
export function zonedInstant(day: number, minute: number, tz: string): number {
  const wall = day * DAY_MS + minute * MINUTE;
  const before = offsetAt(tz, wall - DAY_MS / 2);
  const after = offsetAt(tz, wall + DAY_MS / 2);
  const valid = [wall - before, wall - after].filter((t) => t + offsetAt(tz, t) === wall).sort((a, b) => a - b);
  return valid[0] ?? wall - before;
}

/** Look no further than this for working time; a schedule that passes scheduleProblem always has some. */
const MAX_SEARCH_DAYS = 400;

/** The instant `duration` ms of working time after `start`, counting only the schedule's hours. */
export function addBusinessTime(start: number, duration: number, s: WorkSchedule): number {
  let remaining = duration;
  const first = dayNumber(start, s.timeZone);
  for (let day = first; day < first + MAX_SEARCH_DAYS; day++) {
    if (!s.days.includes(weekdayOf(day))) continue;
    const close = zonedInstant(day, s.endMinute, s.timeZone);
    const from = Math.max(zonedInstant(day, s.startMinute, s.timeZone), start);
    if (from >= close) continue;
    if (remaining <= close - from) return from + remaining;
    remaining -= close - from;
  }
  throw new RangeError('the schedule has no working time');
}
