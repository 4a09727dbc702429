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

describe('coverRange', () => {
  it('counts every day of the range once and every other day not at all, for any range', () => {
    const random = rng(7);
    for (let i = 0; i < 400; i++) {
      const from = d('2023-01-01') + Math.floor(random() * 1500);
      const r = { from, to: from + Math.floor(random() * (i % 4 === 0 ? 1200 : 70)) };
      expectExact(r, coverRange(r, { months: true, day: 1 }));
      expectExact(r, coverRange(r, { months: true, day: 4 }));
      expectExact(r, coverRange(r, { months: false, day: 1 }));
    }
  });

  it('takes a month minus the days it leaves out when that reads fewer cells', () => {
    // Dec 7-31, 2025: December minus Monday 1 to Saturday 6 (the week of Dec 1 minus Sunday the 7th).
    const pieces = coverRange({ from: d('2025-12-07'), to: d('2025-12-31') }, { months: true, day: 1 });
    expect(pieces).toHaveLength(3);
    expect(pieces.filter((p) => p.sign === -1)).toHaveLength(1);
    expect(pieces.find((p) => p.grain === 'month')?.sign).toBe(1);
  });

  it('reads a year across a year end as whole months and a few pieces at the edges', () => {
    const r = { from: d('2025-12-07'), to: d('2026-12-06') };
    const pieces = coverRange(r, { months: true, day: 1 });
    expect(pieces.filter((p) => p.grain === 'month')).toEqual([{ grain: 'month', from: 2025 * 12 + 11, to: 2026 * 12 + 10, sign: 1 }]);
    expect(pieces.length).toBeLessThanOrEqual(5);
  });

  it('prefers whole weeks over many raw days, and days over weeks when days are cheap enough', () => {
    // Tuesday to Sunday: a week minus its Monday, or six days.
    const r = { from: d('2026-03-03'), to: d('2026-03-08') };
    expect(coverRange(r, { months: true, day: 4 }).map((p) => [p.grain, p.sign])).toEqual([
      ['day', -1],
      ['week', 1],
    ]);
    expect(coverRange({ from: d('2026-03-03'), to: d('2026-03-03') }, { months: true, day: 4 })).toEqual([{ grain: 'day', from: d('2026-03-03'), to: d('2026-03-03'), sign: 1 }]);
  });

  it('never uses months when told not to', () => {
    const pieces = coverRange({ from: d('2026-01-01'), to: d('2026-03-31') }, { months: false, day: 1 });
    expect(pieces.every((p) => p.grain !== 'month')).toBe(true);
  });
});
