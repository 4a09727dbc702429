import { describe, expect, it } from 'vitest';
import { parseRetention, retentionCutoff } from '../../src/domain/retention';

describe('retentionCutoff', () => {
  it('goes back whole calendar months, keeping the time of day', () => {
    expect(new Date(retentionCutoff(Date.parse('2026-12-06T20:15:00Z'), 6)).toISOString()).toBe('2026-06-06T20:15:00.000Z');
    expect(new Date(retentionCutoff(Date.parse('2026-03-02T10:00:00Z'), 24)).toISOString()).toBe('2024-03-02T10:00:00.000Z');
  });

  it('lands on the last day of a shorter month', () => {
    expect(new Date(retentionCutoff(Date.parse('2026-05-31T08:00:00Z'), 3)).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(new Date(retentionCutoff(Date.parse('2026-03-31T00:00:00Z'), 1 + 12 * 2)).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('parseRetention', () => {
  it('accepts a mode and a whole number of months in range', () => {
    expect(parseRetention({ mode: 'comments', months: ' 18 ' })).toEqual({ ok: true, value: { mode: 'comments', months: 18 } });
    expect(parseRetention({ mode: 'off', months: '24' })).toEqual({ ok: true, value: { mode: 'off', months: 24 } });
  });

  it('refuses too few months, fractions and unknown modes with the reason', () => {
    expect(parseRetention({ mode: 'responses', months: '2' })).toEqual({ ok: false, error: 'Enter a whole number of months from 3 to 240.' });
    expect(parseRetention({ mode: 'responses', months: '6.5' }).ok).toBe(false);
    expect(parseRetention({ mode: 'everything', months: '6' })).toEqual({ ok: false, error: 'Choose what to delete.' });
  });
});
