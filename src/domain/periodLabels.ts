// How dates, ranges and buckets read on the dashboards: 'Mar 2', 'Mar 1 – Mar 18, 2025', 'Jan 2026'.
import { ymd, type Bucket, type DayRange, type Preset } from './period';

export const PRESET_LABELS: Record<Preset, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '12m': 'Last 12 months',
  month: 'This month',
  'last-month': 'Last month',
  quarter: 'This quarter',
  year: 'This year',
  all: 'All time',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Mar 2', or 'Mar 2, 2025' when the year differs from `year`. */
export function shortDate(day: number, year?: number): string {
  const d = ymd(day);
  return `${MONTHS[d.month - 1]} ${d.date}${year !== undefined && year !== d.year ? `, ${d.year}` : ''}`;
}

export function bucketLabel(bucket: Bucket, span: DayRange): string {
  if (bucket === 'month') {
    const d = ymd(span.from);
    return `${MONTHS[d.month - 1]} ${d.year}`;
  }
  return shortDate(span.from);
}

/** Years appear when the range is not all in the current year; the end keeps its year too. */
export function rangeLabel(r: DayRange, today: number): string {
  const year = ymd(today).year;
  if (r.from === r.to) return shortDate(r.from, year);
  const [a, b] = [ymd(r.from).year, ymd(r.to).year];
  if (a === b) return `${shortDate(r.from)} – ${shortDate(r.to, year)}`;
  return `${shortDate(r.from, b)} – ${shortDate(r.to, a)}`;
}
