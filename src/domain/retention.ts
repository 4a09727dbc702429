// The retention rule: what Heard deletes once it is older than a number of months. Pure.
import { RETENTION_MODES, type RetentionMode } from '../db/schema';
import { err, ok, type Result } from './result';

export interface RetentionRule {
  mode: RetentionMode;
  months: number;
}

/** Survey links live 30 days; three months leaves no answer that could still change. */
export const MIN_MONTHS = 3;
export const MAX_MONTHS = 240;

export const RETENTION_OFF: RetentionRule = { mode: 'off', months: 24 };

/** The instant before which data is deleted: `months` calendar months before now (UTC), clamped to the month's length. */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime() + (now - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** The mode a form sent, or off. */
export const retentionModeOf = (v: string | undefined): RetentionMode => RETENTION_MODES.find((m) => m === v) ?? 'off';

export function parseRetention(input: { mode: string; months: string }): Result<RetentionRule, string> {
  const mode = RETENTION_MODES.find((m) => m === input.mode);
  if (!mode) return err('Choose what to delete.');
  const months = Number(input.months.trim());
  if (!Number.isInteger(months) || months < MIN_MONTHS || months > MAX_MONTHS) {
    return err(`Enter a whole number of months from ${MIN_MONTHS} to ${MAX_MONTHS}.`);
  }
  return ok({ mode, months });
}
