// Churn arithmetic: the periods a report is cut into, the customer segments it splits by, and the
// simple and adjusted rates with their intervals. Pure: the counts come from SQL
// (src/services/customers/churn.ts); README "Customers and churn" defines every word.
import { CSAT_SATISFIED_MIN, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN, wilson } from './scores';
import { monthStart, nextMonthStart, ymd, type DayRange } from './period';

export const CHURN_INTERVALS = ['month', 'quarter'] as const;
export type ChurnInterval = (typeof CHURN_INTERVALS)[number];

/** How a customer's last answer of a kind places them; 'none' without one. */
export const NPS_SEGMENTS = ['promoter', 'passive', 'detractor', 'none'] as const;
export const CSAT_SEGMENTS = ['satisfied', 'not_satisfied', 'none'] as const;
/** The customer's last closed follow-up task: won back by the recovery survey, or not. */
export const RECOVERY_SEGMENTS = ['recovered', 'not_recovered', 'none'] as const;
export type NpsSegment = (typeof NPS_SEGMENTS)[number];
export type CsatSegment = (typeof CSAT_SEGMENTS)[number];
export type RecoverySegment = (typeof RECOVERY_SEGMENTS)[number];

export const npsSegment = (score: number | null): NpsSegment =>
  score === null ? 'none' : score >= NPS_PROMOTER_MIN ? 'promoter' : score <= NPS_DETRACTOR_MAX ? 'detractor' : 'passive';
export const csatSegment = (score: number | null): CsatSegment => (score === null ? 'none' : score >= CSAT_SATISFIED_MIN ? 'satisfied' : 'not_satisfied');

/** Counts of customers (or churn events), overall and per segment. */
export interface SegmentCounts {
  all: number;
  nps: Record<NpsSegment, number>;
  csat: Record<CsatSegment, number>;
  recovery: Record<RecoverySegment, number>;
}

export const emptyCounts = (): SegmentCounts => ({
  all: 0,
  nps: { promoter: 0, passive: 0, detractor: 0, none: 0 },
  csat: { satisfied: 0, not_satisfied: 0, none: 0 },
  recovery: { recovered: 0, not_recovered: 0, none: 0 },
});

/** Adds `n` customers of the given segments to the counts (SQL returns one row per combination). */
export function addTo(c: SegmentCounts, seg: { nps: NpsSegment; csat: CsatSegment; recovery: RecoverySegment }, n: number): SegmentCounts {
  c.all += n;
  c.nps[seg.nps] += n;
  c.csat[seg.csat] += n;
  c.recovery[seg.recovery] += n;
  return c;
}

/** One period: local days [from, to], and the instants its rates are measured at. */
export interface ChurnPeriod extends DayRange {
  label: string;
}

const QUARTER_MONTHS = 3;

/** Calendar months or quarters covering the range, the first and last clipped to it. */
export function churnPeriods(range: DayRange, interval: ChurnInterval): ChurnPeriod[] {
  const out: ChurnPeriod[] = [];
  let start = monthStart(range.from);
  if (interval === 'quarter') {
    while ((ymd(start).month - 1) % QUARTER_MONTHS !== 0) start = monthStart(start - 1);
  }
  while (start <= range.to) {
    let next = nextMonthStart(start);
    if (interval === 'quarter') for (let i = 1; i < QUARTER_MONTHS; i++) next = nextMonthStart(next);
    const { year, month } = ymd(start);
    const label = interval === 'month' ? `${year}-${String(month).padStart(2, '0')}` : `${year} Q${Math.floor((month - 1) / QUARTER_MONTHS) + 1}`;
    out.push({ from: Math.max(start, range.from), to: Math.min(next - 1, range.to), label });
    start = next;
  }
  return out;
}

/** The instant halfway through [start, end): where the adjusted rate counts its customers. */
export const midpoint = (start: number, end: number) => start + Math.floor((end - start) / 2);

export interface Rate {
  churned: number;
  customers: number;
  /** churned ÷ customers, 0..1; null without customers. */
  rate: number | null;
  low: number | null;
  high: number | null;
}

/**
 * churned ÷ customers with its 95% Wilson interval. The churned can outnumber the customers of a
 * segment (people move into it during the period); the interval is then taken at 100%.
 */
export function churnRate(churned: number, customers: number): Rate {
  if (customers <= 0) return { churned, customers, rate: null, low: null, high: null };
  const ci = wilson(Math.min(churned, customers), customers)!;
  return { churned, customers, rate: churned / customers, low: ci.low, high: ci.high };
}

export interface SegmentRates {
  simple: Rate;
  adjusted: Rate;
}

export interface ChurnRow {
  label: string;
  from: number;
  to: number;
  overall: SegmentRates;
  nps: Record<NpsSegment, SegmentRates>;
  csat: Record<CsatSegment, SegmentRates>;
  recovery: Record<RecoverySegment, SegmentRates>;
}

const both = (churned: number, atStart: number, atMid: number): SegmentRates => ({ simple: churnRate(churned, atStart), adjusted: churnRate(churned, atMid) });

function bySegment<K extends string>(keys: readonly K[], churned: Record<K, number>, start: Record<K, number>, mid: Record<K, number>) {
  return Object.fromEntries(keys.map((k) => [k, both(churned[k], start[k], mid[k])])) as Record<K, SegmentRates>;
}

/** A period's rates from its three counts: customers at the start, at the midpoint, and those who churned in it. */
export function churnRow(p: ChurnPeriod, counts: { start: SegmentCounts; mid: SegmentCounts; churned: SegmentCounts }): ChurnRow {
  const { start, mid, churned } = counts;
  return {
    label: p.label,
    from: p.from,
    to: p.to,
    overall: both(churned.all, start.all, mid.all),
    nps: bySegment(NPS_SEGMENTS, churned.nps, start.nps, mid.nps),
    csat: bySegment(CSAT_SEGMENTS, churned.csat, start.csat, mid.csat),
    recovery: bySegment(RECOVERY_SEGMENTS, churned.recovery, start.recovery, mid.recovery),
  };
}

/**
 * Several periods' counts added together: their rates are the range's churn per period, pooled
 * (Σ churned ÷ Σ customers at each start), which a range that begins before the first customer
 * still gives sensibly.
 */
export function sumCounts(all: readonly SegmentCounts[]): SegmentCounts {
  const total = emptyCounts();
  for (const c of all) {
    total.all += c.all;
    for (const k of NPS_SEGMENTS) total.nps[k] += c.nps[k];
    for (const k of CSAT_SEGMENTS) total.csat[k] += c.csat[k];
    for (const k of RECOVERY_SEGMENTS) total.recovery[k] += c.recovery[k];
  }
  return total;
}

export interface CustomerEvent {
  type: 'churned' | 'reactivated';
  at: number;
}

/**
 * A customer's state at `at`: churned after a churned event with no later reactivated one. Events
 * at the same instant count reactivated last (the unique key allows one of each).
 */
export function churnedAt(events: readonly CustomerEvent[], at = Infinity): number | null {
  const seen = events.filter((e) => e.at <= at).sort((a, b) => a.at - b.at || (a.type === b.type ? 0 : a.type === 'churned' ? -1 : 1));
  const last = seen[seen.length - 1];
  return last?.type === 'churned' ? last.at : null;
}

/** A scored answer as the churn segments read it. */
export interface ScoreAt {
  at: number;
  score: number;
}

/** One customer's history as the churn report reads it; every list oldest first. */
export interface ChurnHistory {
  firstContactAt: number;
  /** Unflagged answers; at one instant, the higher score last (it is the one that counts). */
  nps: readonly ScoreAt[];
  csat: readonly ScoreAt[];
  /** Follow-up tasks by opening; `recoveredAt` is when the task won the customer back, if it did. */
  tasks: readonly { openedAt: number; recoveredAt: number | null }[];
  /** Churn events by instant, a reactivation after a churn at the same instant. */
  events: readonly CustomerEvent[];
}

/** The latest item strictly before each instant, for instants asked in ascending order. */
function lastBefore<T>(list: readonly T[], time: (x: T) => number) {
  let i = 0;
  return (t: number): T | undefined => {
    while (i < list.length && time(list[i]!) < t) i++;
    return list[i - 1];
  };
}

/** The customer's segments just before each instant, for instants asked in ascending order. */
function segmenter(h: ChurnHistory) {
  const nps = lastBefore(h.nps, (a) => a.at);
  const csat = lastBefore(h.csat, (a) => a.at);
  const task = lastBefore(h.tasks, (f) => f.openedAt);
  // One object refilled per instant: addTo reads it at once (thousands of customers × instants).
  const seg: { nps: NpsSegment; csat: CsatSegment; recovery: RecoverySegment } = { nps: 'none', csat: 'none', recovery: 'none' };
  return (t: number) => {
    const f = task(t);
    seg.recovery = !f ? 'none' : f.recoveredAt !== null && f.recoveredAt < t ? 'recovered' : 'not_recovered';
    seg.nps = npsSegment(nps(t)?.score ?? null);
    seg.csat = csatSegment(csat(t)?.score ?? null);
    return seg;
  };
}

/**
 * Adds one customer to the report's counts in one pass over their history: to `atInstant[i]` if
 * they were a customer at `instants[i]` (ascending), and each churn that counts to the period
 * [start, end) of `periods` it falls in (periods ascending and disjoint). The same rules as README
 * "Customers and churn": a customer at t had a contact before t and their latest event before t
 * is not a churn; a churn counts after a contact and when not already churned.
 */
export function addHistory(
  h: ChurnHistory,
  instants: readonly number[],
  atInstant: readonly SegmentCounts[],
  periods: readonly { start: number; end: number }[],
  churned: readonly SegmentCounts[],
): void {
  const eventAt = lastBefore(h.events, (e) => e.at);
  const segmentsAt = segmenter(h);
  for (let i = 0; i < instants.length; i++) {
    const t = instants[i]!;
    if (h.firstContactAt < t && eventAt(t)?.type !== 'churned') addTo(atInstant[i]!, segmentsAt(t), 1);
  }
  if (h.events.length === 0) return;
  const priorEvent = lastBefore(h.events, (e) => e.at);
  const churnSegmentsAt = segmenter(h);
  let p = 0;
  for (const e of h.events) {
    if (e.type !== 'churned') continue;
    while (p < periods.length && periods[p]!.end <= e.at) p++;
    if (p === periods.length) break;
    if (e.at < periods[p]!.start || h.firstContactAt >= e.at) continue;
    if (priorEvent(e.at)?.type !== 'churned') addTo(churned[p]!, churnSegmentsAt(e.at), 1);
  }
}
