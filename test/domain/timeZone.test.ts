import { describe, expect, it } from 'vitest';
import { isoDate, parseIsoDate, rangeMs } from '../../src/domain/period';
import { dayNumber, dayStartMs, intlOffsetAt, offsetAt, offsetSpans } from '../../src/domain/timeZone';

const d = (iso: string) => parseIsoDate(iso)!;
const at = (iso: string) => Date.parse(iso);

describe('time zones', () => {
  it('puts an instant on the local calendar day', () => {
    // 03:00 UTC is still the previous evening in New York (UTC-5 in winter).
    expect(isoDate(dayNumber(at('2026-03-02T03:00:00Z'), 'America/New_York'))).toBe('2026-03-01');
    expect(isoDate(dayNumber(at('2026-03-02T03:00:00Z'), 'UTC'))).toBe('2026-03-02');
    expect(isoDate(dayNumber(at('2026-03-01T17:00:00Z'), 'Asia/Shanghai'))).toBe('2026-03-02');
  });

  it('knows offsets on both sides of a daylight-saving change', () => {
    // Europe/Madrid moves from +01:00 to +02:00 at 01:00 UTC on 2026-03-29.
    expect(offsetAt('Europe/Madrid', at('2026-03-29T00:59:59Z'))).toBe(3_600_000);
    expect(offsetAt('Europe/Madrid', at('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(offsetAt('Asia/Kolkata', at('2026-03-29T01:00:00Z'))).toBe(19_800_000);
  });

  it('finds local midnight, which moves with daylight saving', () => {
    expect(dayStartMs(d('2026-03-28'), 'Europe/Madrid')).toBe(at('2026-03-27T23:00:00Z'));
    expect(dayStartMs(d('2026-03-30'), 'Europe/Madrid')).toBe(at('2026-03-29T22:00:00Z'));
    expect(dayStartMs(d('2026-03-02'), 'Asia/Kolkata')).toBe(at('2026-03-01T18:30:00Z'));
  });

  it('starts every day at its first instant, in zones whose clocks change at midnight or by half an hour', () => {
    for (const tz of ['UTC', 'Europe/Madrid', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati']) {
      for (let day = d('2025-01-01'); day <= d('2027-12-31'); day++) {
        const start = dayStartMs(day, tz);
        expect([tz, isoDate(day), dayNumber(start, tz), dayNumber(start - 1, tz)]).toEqual([tz, isoDate(day), day, day - 1]);
      }
    }
  });

  it('gives a day that loses an hour 23 hours', () => {
    const r = rangeMs({ from: d('2026-03-29'), to: d('2026-03-29') }, 'Europe/Madrid');
    expect(r.end - r.start).toBe(23 * 3_600_000);
  });

  it('lists the offset changes inside a span, to the millisecond', () => {
    const spans = offsetSpans('Europe/Madrid', at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'));
    expect(spans).toEqual([
      { from: -Infinity, offset: 3_600_000 },
      { from: at('2026-03-29T01:00:00Z'), offset: 7_200_000 },
      { from: at('2026-10-25T01:00:00Z'), offset: 3_600_000 },
    ]);
    expect(offsetSpans('UTC', 0, at('2027-01-01T00:00:00Z'))).toEqual([{ from: -Infinity, offset: 0 }]);
  });
});

describe('remembered offsets', () => {
  // Zones with an hour's change, a half hour's (Lord Howe), none (Kolkata), a skipped calendar day
  // (Apia, end of 2011) and a southern-hemisphere change (Santiago).
  const zones = ['Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Apia', 'America/Santiago'];
  const spans = [
    [at('2026-03-26T00:00:00Z'), at('2026-04-08T00:00:00Z')],
    [at('2026-09-30T00:00:00Z'), at('2026-11-05T00:00:00Z')],
    [at('2011-12-27T00:00:00Z'), at('2012-01-02T00:00:00Z')],
  ] as const;

  it('match what Intl says at every instant, across daylight-saving changes, asked twice', () => {
    for (const tz of zones) {
      for (const [from, to] of spans) {
        // Every 7 minutes and 13 seconds, plus the milliseconds around each whole hour.
        const instants: number[] = [];
        for (let t = from; t < to; t += 433_000) instants.push(t);
        for (let t = from; t < to; t += 3_600_000) instants.push(t - 1, t, t + 1);
        for (const pass of [1, 2]) {
          const wrong = instants.filter((t) => offsetAt(tz, t) !== intlOffsetAt(tz, t));
          expect(wrong.map((t) => `${tz} ${new Date(t).toISOString()} pass ${pass}`)).toEqual([]);
        }
      }
    }
  });

  it('give the change to the millisecond after the days around it were remembered', () => {
    // Fill the days on both sides first, then ask at the change itself.
    offsetAt('Europe/Madrid', at('2026-03-28T12:00:00Z'));
    offsetAt('Europe/Madrid', at('2026-03-30T12:00:00Z'));
    expect(offsetAt('Europe/Madrid', at('2026-03-29T00:59:59.999Z'))).toBe(3_600_000);
    expect(offsetAt('Europe/Madrid', at('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(dayStartMs(d('2026-03-30'), 'Europe/Madrid')).toBe(at('2026-03-29T22:00:00Z'));
  });
});
