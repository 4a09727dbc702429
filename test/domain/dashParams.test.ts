import { describe, expect, it } from 'vitest';
import { dashUrl, rangeUrl, type DashParams } from '../../src/domain/dashParams';

describe('rangeUrl', () => {
  const cases: Array<Partial<DashParams>> = [
    {},
    { preset: '12m', survey: 'nps' },
    { team: 'Team 3', channel: 'email', tag: 'billing & refunds', survey: 'csat', q: 'late "refund" ~ (again)' },
    { agent: 'a1', comments: true, sentiment: 'negative', sort: 'score', dir: 'asc', page: 3 },
  ] as Array<Partial<DashParams>>;

  it('writes the same link as dashUrl with the range in place of the preset', () => {
    for (const p of cases) {
      const link = rangeUrl('/responses', p);
      for (const [from, to] of [['2026-01-01', '2026-01-01'], ['2025-12-29', '2026-01-04']] as const) {
        expect(link(from, to)).toBe(dashUrl('/responses', { ...p, preset: null, from, to }));
      }
    }
  });

  it('keeps the link parseable back to the same filters', () => {
    const url = new URL(rangeUrl('/responses', cases[2]!)('2026-03-01', '2026-03-31'), 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: '2026-03-01', to: '2026-03-31', team: 'Team 3', channel: 'email', tag: 'billing & refunds', survey: 'csat', q: 'late "refund" ~ (again)' });
  });
});
