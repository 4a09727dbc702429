// How the dashboards write numbers: one decimal, a dash for "no data", signs on changes.
import { round1, type Change } from '../../../src/domain/scores';
import type { SurveyKind } from '../../../src/domain/surveys';

export const SURVEY_LABEL: Record<SurveyKind, string> = { csat: 'CSAT', nps: 'NPS', ces: 'CES' };
export const SURVEY_LONG: Record<SurveyKind, string> = {
  csat: 'Customer satisfaction',
  nps: 'Net Promoter Score',
  ces: 'Customer effort',
};
/** What the score of each kind measures, under its tile. */
export const SURVEY_MEANS: Record<SurveyKind, string> = {
  csat: 'share scoring 4–5',
  nps: '% promoters − % detractors',
  ces: 'share scoring 5–7 (easy)',
};

const DASH = '–';
const grouping = new Intl.NumberFormat('en-US');

export const int = (n: number): string => grouping.format(n);

/** A score as shown: percent for CSAT and CES, signed points for NPS. */
export function scoreText(kind: SurveyKind, v: number | null): string {
  if (v === null) return DASH;
  const r = round1(v);
  return kind === 'nps' ? `${r > 0 ? '+' : ''}${r.toFixed(1)}` : `${r.toFixed(1)}%`;
}

export function intervalText(kind: SurveyKind, low: number | null, high: number | null): string {
  if (low === null || high === null) return '';
  const f = (x: number) => round1(x).toFixed(1);
  return kind === 'nps' ? `${f(low)} to ${f(high)}` : `${f(low)}–${f(high)}%`;
}

export const meanText = (v: number | null): string => (v === null ? DASH : round1(v).toFixed(1));
export const percentText = (v: number | null): string => (v === null ? DASH : `${round1(v).toFixed(1)}%`);

/** A change with its direction spelled out, so colour is never the only signal. */
export function changeText(c: Change, unit: 'pts' | '%'): { text: string; trend: 'up' | 'down' | 'flat' | 'none' } {
  if (c.kind === 'none') return { text: 'no data to compare', trend: 'none' };
  if (c.kind === 'new') return { text: 'new', trend: 'none' };
  if (c.kind === 'too-few') return { text: 'too few to compare', trend: 'none' };
  const r = round1(c.value);
  if (r === 0) return { text: `no change`, trend: 'flat' };
  return { text: `${r > 0 ? '▲ +' : '▼ '}${r.toFixed(1)}${unit === 'pts' ? ' pts' : '%'}`, trend: r > 0 ? 'up' : 'down' };
}

const dateTime = new Map<string, Intl.DateTimeFormat>();
/** A moment in the reporting time zone: 'Mar 2, 14:05'. */
export function when(ms: number, tz: string): string {
  let f = dateTime.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateTime.set(tz, f);
  }
  return f.format(new Date(ms));
}
