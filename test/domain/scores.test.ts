import { describe, expect, it } from 'vitest';
import {
  ces,
  cesTally,
  csat,
  csatTally,
  nps,
  npsTally,
  countChange,
  percentChange,
  pointChange,
  scoreChange,
  rankAgents,
  responseRate,
  round1,
  wilson,
} from '../../src/domain/scores';

// Shared by the hand arithmetic below: z = 1.959964, z^2 = 3.841459.

describe('wilson', () => {
  it('is null without responses', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('0/10 starts at 0', () => {
    // 1 + z^2/n = 1.384146; center = (0 + 0.192073) / 1.384146 = 0.138766
    // half = (z / 1.384146) * sqrt(0 + z^2/400) = 1.416009 * 0.097998 = 0.138766
    const ci = wilson(0, 10)!;
    expect(ci.low).toBe(0);
    expect(ci.high).toBeCloseTo(0.2775, 4);
  });

  it('10/10 ends at 1', () => {
    // mirror image of 0/10: [1 - 0.277533, 1]
    const ci = wilson(10, 10)!;
    expect(ci.low).toBeCloseTo(0.7225, 4);
    expect(ci.high).toBeCloseTo(1, 10);
  });

  it('8/10 is [0.4902, 0.9433]', () => {
    // center = (0.8 + 0.192073) / 1.384146 = 0.716734
    // half = 1.416009 * sqrt(0.016 + 0.009604) = 1.416009 * 0.160011 = 0.226577
    const ci = wilson(8, 10)!;
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(ci.high).toBeCloseTo(0.9433, 4);
  });
});

describe('csat', () => {
  it('has no score, interval or mean at n = 0', () => {
    expect(csat({ n: 0, satisfied: 0, sum: 0 })).toEqual({
      n: 0, score: null, low: null, high: null, mean: null, enough: false,
    });
  });

  it('gives one satisfied answer a wide interval and marks it not enough', () => {
    // 1/1: 1 + z^2 = 4.841459; center = (1 + 1.920729) / 4.841459 = 0.603275
    // half = (z / 4.841459) * sqrt(z^2/4) = 0.404828 * 0.979982 = 0.396725 -> [0.206549, 1]
    const r = csat({ n: 1, satisfied: 1, sum: 5 });
    expect(r.score).toBe(100);
    expect(r.mean).toBe(5);
    expect(r.low).toBeCloseTo(20.65, 2);
    expect(r.high).toBeCloseTo(100, 2);
    expect(r.enough).toBe(false);
  });

  it('counts 4 and 5 as satisfied, from an array histogram', () => {
    // scores 1,3,4,4,4,5,5,5,5,5: satisfied 8/10 = 80%, sum 1+3+12+25 = 41, mean 4.1
    const t = csatTally([0, 1, 0, 1, 3, 5]);
    expect(t).toEqual({ n: 10, satisfied: 8, sum: 41 });
    const r = csat(t);
    expect(r.score).toBe(80);
    expect(r.mean).toBeCloseTo(4.1, 10);
    expect(r.low).toBeCloseTo(49.02, 2);
    expect(r.high).toBeCloseTo(94.33, 2);
    expect(r.enough).toBe(true);
  });

  it('uses the given minimum sample', () => {
    expect(csat({ n: 10, satisfied: 8, sum: 41 }, 11).enough).toBe(false);
  });
});

describe('nps', () => {
  // Adjusted Wald: n' = n + 3, p' = (P + 0.75)/n', d' = (D + 0.75)/n',
  // interval = 100 * (p' - d' +- z * sqrt((p' + d' - (p' - d')^2) / n')).

  it('has no score or interval at n = 0', () => {
    expect(nps({ n: 0, promoters: 0, detractors: 0 })).toEqual({
      n: 0, score: null, low: null, high: null, enough: false,
    });
  });

  it('keeps a single promoter inside its own interval', () => {
    // n' = 4, p' = 0.4375, d' = 0.1875, p' - d' = 0.25
    // var = (0.625 - 0.0625) / 4 = 0.140625, half = z * 0.375 = 0.734987
    // [-48.50, 98.50], widened to 100 so the score shown is inside
    const r = nps({ n: 1, promoters: 1, detractors: 0 });
    expect(r.score).toBe(100);
    expect(r.low).toBeCloseTo(-48.5, 2);
    expect(r.high).toBe(100);
    expect(r.enough).toBe(false);
  });

  it('all promoters: 100 with a real interval ending at 100', () => {
    // n' = 23, p' = 20.75/23 = 0.902174, d' = 0.75/23 = 0.032609, p' - d' = 0.869565
    // var = (0.934783 - 0.756144) / 23 = 0.00776691, half = z * 0.088130 = 0.172732
    // [69.68, 104.23] clamped to [69.68, 100]
    const r = nps({ n: 20, promoters: 20, detractors: 0 });
    expect(r.score).toBe(100);
    expect(r.low).toBeCloseTo(69.68, 2);
    expect(r.high).toBe(100);
  });

  it('all detractors: the mirror image', () => {
    const r = nps({ n: 20, promoters: 0, detractors: 20 });
    expect(r.score).toBe(-100);
    expect(r.low).toBe(-100);
    expect(r.high).toBeCloseTo(-69.68, 2);
  });

  it('mixed answers from an array histogram', () => {
    // 0-6: 1 + 3 = 4 detractors, 7-8: 2 + 4 = 6 passives, 9-10: 5 + 5 = 10 promoters
    // NPS = 50% - 20% = 30
    // n' = 23, p' = 10.75/23 = 0.467391, d' = 4.75/23 = 0.206522, p' - d' = 0.260870
    // var = (0.673913 - 0.068053) / 23 = 0.0263417, half = z * 0.162301 = 0.318104
    // [26.087 - 31.810, 26.087 + 31.810] = [-5.72, 57.90]
    const t = npsTally([1, 0, 0, 0, 0, 0, 3, 2, 4, 5, 5]);
    expect(t).toEqual({ n: 20, promoters: 10, detractors: 4 });
    const r = nps(t);
    expect(r.score).toBe(30);
    expect(r.low).toBeCloseTo(-5.72, 2);
    expect(r.high).toBeCloseTo(57.9, 2);
    expect(r.enough).toBe(true);
  });
});

describe('ces', () => {
  // scores 2, 4,4, 5,5,5, 6,6, 7,7
  const histogram = { 2: 1, 4: 2, 5: 3, 6: 2, 7: 2 };

  it('tallies easy answers, sum and sum of squares from a record histogram', () => {
    // easy (5-7) = 3 + 2 + 2 = 7; sum = 2 + 8 + 15 + 12 + 14 = 51; sumSq = 4 + 32 + 75 + 72 + 98 = 281
    expect(cesTally(histogram)).toEqual({ n: 10, easy: 7, sum: 51, sumSq: 281 });
  });

  it('gives the easy share with a Wilson interval and the mean with a t interval', () => {
    // share 7/10: center = (0.7 + 0.192073) / 1.384146 = 0.644493
    //   half = 1.416009 * sqrt(0.021 + 0.009604) = 1.416009 * 0.174939 = 0.247714 -> [39.68, 89.22]
    // mean 5.1; s^2 = (281 - 51^2/10) / 9 = 20.9 / 9 = 2.322222; se = sqrt(2.322222/10) = 0.481894
    //   t(0.975, 9) = 2.262157, half = 1.090121 -> [4.01, 6.19]
    const r = ces(cesTally(histogram));
    expect(r.score).toBe(70);
    expect(r.low).toBeCloseTo(39.68, 2);
    expect(r.high).toBeCloseTo(89.22, 2);
    expect(r.mean).toBeCloseTo(5.1, 10);
    expect(r.meanLow).toBeCloseTo(4.01, 2);
    expect(r.meanHigh).toBeCloseTo(6.19, 2);
  });

  it('uses the wider t quantile for very few answers', () => {
    // scores 4, 4, 5: mean 13/3 = 4.333333; s^2 = (57 - 169/3) / 2 = 0.333333; se = sqrt(0.333333/3) = 0.333333
    // t(0.975, 2) = 4.3027, half = 1.434233 -> [2.90, 5.77]
    const r = ces({ n: 3, easy: 1, sum: 13, sumSq: 57 });
    expect(r.meanLow).toBeCloseTo(2.9, 2);
    expect(r.meanHigh).toBeCloseTo(5.77, 2);
  });

  it('keeps the mean interval on the 1-7 scale', () => {
    // scores 3, 5, 7: mean 5, s^2 = (83 - 75) / 2 = 4, half = 4.3027 * sqrt(4/3) = 4.97 -> [0.03, 9.97] -> [1, 7]
    const r = ces({ n: 3, easy: 2, sum: 15, sumSq: 83 });
    expect([r.meanLow, r.meanHigh]).toEqual([1, 7]);
  });

  it('leaves the mean interval out without sumSq or with one answer', () => {
    expect(ces({ n: 10, easy: 7, sum: 51 }).meanLow).toBeNull();
    const one = ces({ n: 1, easy: 1, sum: 6, sumSq: 36 });
    expect(one.mean).toBe(6);
    expect(one.meanLow).toBeNull();
    expect(one.meanHigh).toBeNull();
  });

  it('is all null at n = 0', () => {
    expect(ces({ n: 0, easy: 0, sum: 0, sumSq: 0 })).toEqual({
      n: 0, score: null, low: null, high: null, mean: null, meanLow: null, meanHigh: null, enough: false,
    });
  });
});

describe('histograms', () => {
  it('reject a counted score off the scale', () => {
    expect(() => csatTally([1, 0, 0, 0, 0, 2])).toThrow(RangeError); // a 0 on a 1-5 scale
    expect(() => npsTally({ 11: 1 })).toThrow(RangeError);
    expect(() => cesTally({ 8: 1 })).toThrow(RangeError);
  });

  it('reject negative or fractional counts', () => {
    expect(() => csatTally({ 5: -1 })).toThrow(RangeError);
    expect(() => npsTally({ 9: 1.5 })).toThrow(RangeError);
  });

  it('give an empty tally for an empty histogram', () => {
    expect(npsTally({})).toEqual({ n: 0, promoters: 0, detractors: 0 });
  });
});

describe('responseRate', () => {
  it('is the percent of delivered surveys answered', () => {
    expect(responseRate(25, 200)).toBe(12.5);
  });

  it('is 0 when nothing was delivered', () => {
    expect(responseRate(0, 0)).toBe(0);
  });
});

describe('rankAgents', () => {
  it('puts a 1-response 100% agent below a 40-response 92.5% agent, unranked', () => {
    // solo: Wilson low 20.65; steady (37/40): Wilson low 80.14
    const solo = { key: 'solo', ...csat({ n: 1, satisfied: 1, sum: 5 }) };
    const steady = { key: 'steady', ...csat({ n: 40, satisfied: 37, sum: 180 }) };
    const ranked = rankAgents([solo, steady]);
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([['steady', 1], ['solo', null]]);
  });

  it('orders by lower bound even when every agent is eligible', () => {
    const solo = { key: 'solo', ...csat({ n: 1, satisfied: 1, sum: 5 }) };
    const steady = { key: 'steady', ...csat({ n: 40, satisfied: 37, sum: 180 }) };
    expect(rankAgents([solo, steady], 1).map((r) => [r.key, r.rank])).toEqual([['steady', 1], ['solo', 2]]);
  });

  it('breaks ties by n, then key, and puts rows without data last', () => {
    const rows = [
      { key: 'b', n: 12, low: 50 },
      { key: 'none', n: 0, low: null },
      { key: 'a', n: 12, low: 50 },
      { key: 'big', n: 30, low: 50 },
      { key: 'few', n: 3, low: 90 },
    ];
    expect(rankAgents(rows).map((r) => [r.key, r.rank])).toEqual([
      ['big', 1], ['a', 2], ['b', 3], ['few', null], ['none', null],
    ]);
  });

  it('does not reorder its input', () => {
    const rows = [{ key: 'x', n: 10, low: 1 }, { key: 'y', n: 10, low: 2 }];
    rankAgents(rows);
    expect(rows.map((r) => r.key)).toEqual(['x', 'y']);
  });
});

describe('percentChange', () => {
  it('is relative to the earlier value', () => {
    expect(percentChange(10, 15)).toBe(50);
    expect(percentChange(10, 5)).toBe(-50);
    expect(percentChange(10, 0)).toBe(-100);
  });

  it('treats growth from zero as 100 and zero to zero as 0', () => {
    expect(percentChange(0, 7)).toBe(100);
    expect(percentChange(0, 0)).toBe(0);
  });
});

describe('countChange', () => {
  it('calls growth from nothing new, not +100%', () => {
    expect(countChange(0, 7684, 10)).toEqual({ kind: 'new' });
    expect(countChange(0, 0, 10)).toEqual({ kind: 'none' });
  });

  it('gives a percentage only when both sides reach the minimum sample', () => {
    expect(countChange(4, 9, 10)).toEqual({ kind: 'too-few' });
    expect(countChange(20, 30, 10)).toEqual({ kind: 'delta', value: 50 });
  });
});

describe('scoreChange', () => {
  it('shows no change for scores on too few answers', () => {
    expect(scoreChange({ value: 100, n: 2 }, { value: 50, n: 40 }, 10)).toEqual({ kind: 'too-few' });
    expect(scoreChange({ value: 60, n: 30 }, { value: 55, n: 40 }, 10)).toEqual({ kind: 'delta', value: -5 });
    expect(scoreChange({ value: null, n: 0 }, { value: 55, n: 40 }, 10)).toEqual({ kind: 'none' });
  });
});

describe('pointChange', () => {
  it('is the difference in points', () => {
    expect(pointChange(42, 35)).toBe(-7);
  });

  it('is null when either period has no data', () => {
    expect(pointChange(null, 35)).toBeNull();
    expect(pointChange(42, null)).toBeNull();
  });
});

describe('round1', () => {
  it('rounds halves away from zero and never shows -0', () => {
    expect(round1(49.016247)).toBe(49);
    expect(round1(2.25)).toBe(2.3);
    expect(round1(-2.25)).toBe(-2.3);
    expect(Object.is(round1(-0.04), 0)).toBe(true);
    expect(round1(null)).toBeNull();
  });
});
