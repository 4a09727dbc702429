// Churn arithmetic against examples worked by hand.
import { describe, expect, test } from 'vitest';
import { addTo, churnedAt, churnPeriods, churnRate, churnRow, csatSegment, emptyCounts, midpoint, npsSegment, sumCounts } from '../../src/domain/churn';
import { parseIsoDate } from '../../src/domain/period';

const day = (iso: string) => parseIsoDate(iso)!;

describe('periods', () => {
  test('months cover the range, clipped at both ends', () => {
    expect(churnPeriods({ from: day('2026-01-15'), to: day('2026-03-10') }, 'month')).toEqual([
      { label: '2026-01', from: day('2026-01-15'), to: day('2026-01-31') },
      { label: '2026-02', from: day('2026-02-01'), to: day('2026-02-28') },
      { label: '2026-03', from: day('2026-03-01'), to: day('2026-03-10') },
    ]);
  });
  test('quarters start in January, April, July and October', () => {
    expect(churnPeriods({ from: day('2025-11-20'), to: day('2026-04-02') }, 'quarter').map((p) => p.label)).toEqual(['2025 Q4', '2026 Q1', '2026 Q2']);
    expect(churnPeriods({ from: day('2026-02-01'), to: day('2026-06-30') }, 'quarter')[0]).toEqual({ label: '2026 Q1', from: day('2026-02-01'), to: day('2026-03-31') });
  });
  test('the midpoint of April (30 days) is the start of the 16th', () => {
    const start = Date.parse('2026-04-01T00:00:00Z');
    const end = Date.parse('2026-05-01T00:00:00Z');
    expect(new Date(midpoint(start, end)).toISOString()).toBe('2026-04-16T00:00:00.000Z');
  });
});

describe('rates', () => {
  test('5 churned of 200 customers is 2.5%, Wilson interval 1.07%–5.72%', () => {
    const r = churnRate(5, 200);
    expect(r.rate).toBe(0.025);
    expect(r.low).toBeCloseTo(0.01073, 4);
    expect(r.high).toBeCloseTo(0.05718, 4);
  });
  test('no customers: no rate', () => {
    expect(churnRate(0, 0)).toEqual({ churned: 0, customers: 0, rate: null, low: null, high: null });
  });
  test('more churned than the segment held at the start: rate above 1, interval at 100%', () => {
    const r = churnRate(3, 2);
    expect(r.rate).toBe(1.5);
    expect(r.high).toBe(1);
  });

  test('a month by hand: simple against the start, adjusted against the midpoint, per segment', () => {
    // 100 customers on 1 April: 40 promoters, 30 passives, 20 detractors, 10 without NPS.
    // By 16 April 2 detractors and 1 passive have churned and 13 new customers arrived (all without NPS yet): 110.
    // In April 6 churned: 4 detractors (3 of them followed up and not won back), 1 passive, 1 promoter.
    const seg = (nps: 'promoter' | 'passive' | 'detractor' | 'none', recovery: 'recovered' | 'not_recovered' | 'none' = 'none') => ({ nps, csat: 'none' as const, recovery });
    const start = emptyCounts();
    addTo(start, seg('promoter'), 40);
    addTo(start, seg('passive'), 30);
    addTo(start, seg('detractor', 'not_recovered'), 12);
    addTo(start, seg('detractor', 'recovered'), 8);
    addTo(start, seg('none'), 10);
    const mid = emptyCounts();
    addTo(mid, seg('promoter'), 40);
    addTo(mid, seg('passive'), 29);
    addTo(mid, seg('detractor', 'not_recovered'), 10);
    addTo(mid, seg('detractor', 'recovered'), 8);
    addTo(mid, seg('none'), 23);
    const churned = emptyCounts();
    addTo(churned, seg('detractor', 'not_recovered'), 3);
    addTo(churned, seg('detractor'), 1);
    addTo(churned, seg('passive'), 1);
    addTo(churned, seg('promoter'), 1);

    const row = churnRow({ label: '2026-04', from: day('2026-04-01'), to: day('2026-04-30') }, { start, mid, churned });
    expect(row.overall.simple).toMatchObject({ churned: 6, customers: 100, rate: 0.06 });
    expect(row.overall.adjusted).toMatchObject({ churned: 6, customers: 110 });
    expect(row.overall.adjusted.rate).toBeCloseTo(6 / 110, 12);
    expect(row.nps.detractor.simple).toMatchObject({ churned: 4, customers: 20, rate: 0.2 });
    expect(row.nps.detractor.adjusted.rate).toBeCloseTo(4 / 18, 12);
    expect(row.nps.promoter.simple.rate).toBe(1 / 40);
    expect(row.recovery.not_recovered.simple).toMatchObject({ churned: 3, customers: 12, rate: 0.25 });
    expect(row.recovery.recovered.simple).toMatchObject({ churned: 0, customers: 8, rate: 0 });
    expect(row.csat.none.simple.rate).toBe(0.06);
  });
});

test('pooled periods: Σ churned ÷ Σ customers', () => {
  const a = addTo(emptyCounts(), { nps: 'detractor', csat: 'none', recovery: 'not_recovered' }, 10);
  const b = addTo(emptyCounts(), { nps: 'promoter', csat: 'satisfied', recovery: 'none' }, 30);
  const total = sumCounts([a, b, a]);
  expect(total.all).toBe(50);
  expect(total.nps).toEqual({ promoter: 30, passive: 0, detractor: 20, none: 0 });
  expect(total.recovery.not_recovered).toBe(20);
});

describe('segments and state', () => {
  test('NPS and CSAT segments', () => {
    expect([0, 6, 7, 8, 9, 10, null].map(npsSegment)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter', 'none']);
    expect([1, 3, 4, 5, null].map(csatSegment)).toEqual(['not_satisfied', 'not_satisfied', 'satisfied', 'satisfied', 'none']);
  });
  test('churned after a churned event with no later reactivation', () => {
    const events = [
      { type: 'churned' as const, at: 10 },
      { type: 'reactivated' as const, at: 20 },
      { type: 'churned' as const, at: 30 },
    ];
    expect(churnedAt(events)).toBe(30);
    expect(churnedAt(events, 25)).toBeNull();
    expect(churnedAt(events, 15)).toBe(10);
    expect(churnedAt([{ type: 'reactivated', at: 5 }, { type: 'churned', at: 5 }])).toBeNull();
    expect(churnedAt([])).toBeNull();
  });
});
