import { describe, expect, it } from 'vitest';
import { coverRange, pieceDays, type Piece } from '../../src/domain/cover';
import { parseIsoDate } from '../../src/domain/period';
import { rng } from '../../scripts/random';

const d = (iso: string) => parseIsoDate(iso)!;

/** How many times each day counts in the signed sum of the pieces. */
function weights(pieces: readonly Piece[]): Map<number, number> {
  const w = new Map<number, number>();
  for (const p of pieces) {
    const { from, to } = pieceDays(p);
    for (let x = from; x <= to; x++) w.set(x, (w.get(x) ?? 0) + p.sign);
  }
  return w;
}

/** The days with a weight other than zero, which must be exactly the range's, each once. */
function expectExact(r: { from: number; to: number }, pieces: readonly Piece[]) {
  const counted = [...weights(pieces)].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]);
  expect(counted).toEqual(Array.from({ length: r.to - r.from + 1 }, (_, i) => [r.from + i, 1]));
}

const ALL = { weeks: true, months: true, years: true, day: 1 };
const MONTHS = { ...ALL, years: false };

describe('coverRange', () => {
  it('counts every day of the range once and every other day not at all, for any range', () => {
    const random = rng(7);
    for (let i = 0; i < 400; i++) {
      const from = d('2023-01-01') + Math.floor(random() * 1500);
      const r = { from, to: from + Math.floor(random() * (i % 4 === 0 ? 1200 : 70)) };
      expectExact(r, coverRange(r, ALL));
      expectExact(r, coverRange(r, { ...ALL, day: 4 }));
      expectExact(r, coverRange(r, { ...ALL, years: false }));
      expectExact(r, coverRange(r, { ...ALL, months: false, years: false }));
      expectExact(r, coverRange(r, { ...ALL, weeks: false }));
    }
  });

  it('takes a month minus the days it leaves out when that reads fewer cells', () => {
    // Dec 7-31, 2025: December minus Monday 1 to Saturday 6 (the week of Dec 1 minus Sunday the 7th).
    const pieces = coverRange({ from: d('2025-12-07'), to: d('2025-12-31') }, ALL);
    expect(pieces).toHaveLength(3);
    expect(pieces.filter((p) => p.sign === -1)).toHaveLength(1);
    expect(pieces.find((p) => p.grain === 'month')?.sign).toBe(1);
  });

  it('reads a year across a year end as whole months and a few pieces at the edges', () => {
    const r = { from: d('2025-12-07'), to: d('2026-12-06') };
    const pieces = coverRange(r, MONTHS);
    expect(pieces.filter((p) => p.grain === 'month')).toEqual([{ grain: 'month', from: 2025 * 12 + 11, to: 2026 * 12 + 10, sign: 1 }]);
    expect(pieces.length).toBeLessThanOrEqual(5);
  });

  it('with year cells, reads twelve months as last December, this year and this December minus its last days', () => {
    const r = { from: d('2025-12-07'), to: d('2026-12-06') };
    const pieces = coverRange(r, ALL);
    expect(pieces).toContainEqual({ grain: 'year', from: 2026, to: 2026, sign: 1 });
    expect(pieces).toContainEqual({ grain: 'month', from: 2025 * 12 + 11, to: 2025 * 12 + 11, sign: 1 });
    expect(pieces).toContainEqual({ grain: 'month', from: 2026 * 12 + 11, to: 2026 * 12 + 11, sign: -1 });
    // Seven cells per agent instead of fifteen: whole months cost one cell each.
    const cells = (ps: Piece[]) => ps.reduce((n, p) => n + p.to - p.from + 1, 0);
    expect(cells(pieces)).toBeLessThanOrEqual(7);
    expect(cells(coverRange(r, MONTHS))).toBeGreaterThanOrEqual(15);
  });

  it('reads five and a half years as whole years and the months at the edges', () => {
    const r = { from: d('2021-06-15'), to: d('2026-12-06') };
    const pieces = coverRange(r, ALL);
    expect(pieces.filter((p) => p.grain === 'year')).toEqual([{ grain: 'year', from: 2021, to: 2026, sign: 1 }]);
    expect(pieces.reduce((n, p) => n + p.to - p.from + 1, 0)).toBeLessThanOrEqual(20);
  });

  it('starts earlier for free when nothing was counted before the range: all time reads whole years', () => {
    const r = { from: d('2021-06-15'), to: d('2026-12-06') };
    const pieces = coverRange(r, ALL, r.from);
    // Every day from the range's start on counts once; days before it only as far back as its year.
    const w = weights(pieces);
    for (let x = r.from; x <= r.to; x++) expect(w.get(x), String(x)).toBe(1);
    for (const [x, n] of w) if (n !== 0 && x < r.from) expect(x).toBeGreaterThanOrEqual(d('2021-01-01'));
    expect(pieces.filter((p) => p.grain === 'year')).toEqual([{ grain: 'year', from: 2021, to: 2026, sign: 1 }]);
    expect(pieces.reduce((n, p) => n + p.to - p.from + 1, 0)).toBeLessThan(coverRange(r, ALL).reduce((n, p) => n + p.to - p.from + 1, 0));
    // A range that starts after the last empty day is covered exactly.
    expectExact(r, coverRange(r, ALL, r.from - 1));
  });

  it('without week cells uses months, years and days only', () => {
    const pieces = coverRange({ from: d('2025-03-04'), to: d('2026-09-17') }, { ...ALL, weeks: false });
    expect(pieces.every((p) => p.grain !== 'week')).toBe(true);
  });

  it('prefers whole weeks over many raw days, and days over weeks when days are cheap enough', () => {
    // Tuesday to Sunday: a week minus its Monday, or six days.
    const r = { from: d('2026-03-03'), to: d('2026-03-08') };
    expect(coverRange(r, { ...ALL, day: 4 }).map((p) => [p.grain, p.sign])).toEqual([
      ['day', -1],
      ['week', 1],
    ]);
    expect(coverRange({ from: d('2026-03-03'), to: d('2026-03-03') }, { ...ALL, day: 4 })).toEqual([{ grain: 'day', from: d('2026-03-03'), to: d('2026-03-03'), sign: 1 }]);
  });

  it('never uses months or years when told not to', () => {
    const pieces = coverRange({ from: d('2025-01-01'), to: d('2026-03-31') }, { ...ALL, months: false, years: false });
    expect(pieces.every((p) => p.grain !== 'month' && p.grain !== 'year')).toBe(true);
  });
});
