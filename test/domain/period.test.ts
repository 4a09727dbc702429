import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketsOf, defaultBucket, isoDate, parseIsoDate, presetRange, previousRange, rangeMs, monthIndexStart, monthOf, resolveRange, weekOf, weekStart, chooseBucket, isPartial, fittingBucket } from '../../src/domain/period';
import { dayNumber, dayStartMs, offsetAt, offsetSpans } from '../../src/domain/timeZone';

const d = (iso: string) => parseIsoDate(iso)!;
const at = (iso: string) => Date.parse(iso);

describe('day numbers', () => {
  it('counts days from 1970-01-01 and back', () => {
    expect(d('1970-01-01')).toBe(0);
    expect(d('2026-03-02')).toBe(20514);
    expect(isoDate(20514)).toBe('2026-03-02');
  });

  it('rejects dates that do not exist', () => {
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('02/03/2026')).toBeNull();
    expect(parseIsoDate('2028-02-29')).toBe(d('2028-02-28') + 1);
  });

  it('weeks start on Monday', () => {
    // 2026-03-02 is a Monday; the Sunday before belongs to the previous week.
    expect(weekStart(weekOf(d('2026-03-02')))).toBe(d('2026-03-02'));
    expect(weekStart(weekOf(d('2026-03-08')))).toBe(d('2026-03-02'));
    expect(weekOf(d('2026-03-01'))).toBe(weekOf(d('2026-03-02')) - 1);
  });
});

describe('presets', () => {
  const today = d('2026-03-18'); // a Wednesday

  it('counts "last N days" including today', () => {
    expect(presetRange('7d', today)).toEqual({ from: d('2026-03-12'), to: today });
    expect(presetRange('30d', today)).toEqual({ from: d('2026-02-17'), to: today });
    expect(presetRange('today', today)).toEqual({ from: today, to: today });
  });

  it('has calendar presets', () => {
    expect(presetRange('month', today)).toEqual({ from: d('2026-03-01'), to: today });
    expect(presetRange('last-month', today)).toEqual({ from: d('2026-02-01'), to: d('2026-02-28') });
    expect(presetRange('quarter', d('2026-05-10'))).toEqual({ from: d('2026-04-01'), to: d('2026-05-10') });
    expect(presetRange('year', today)).toEqual({ from: d('2026-01-01'), to: today });
    expect(presetRange('12m', today)).toEqual({ from: d('2025-03-19'), to: today });
  });

  it('takes last month across a year boundary', () => {
    expect(presetRange('last-month', d('2026-01-05'))).toEqual({ from: d('2025-12-01'), to: d('2025-12-31') });
  });
});

describe('resolveRange', () => {
  const now = at('2026-03-18T02:00:00Z');

  it('uses the time zone to decide what "today" is', () => {
    const ny = resolveRange({ preset: 'today' }, now, 'America/New_York');
    expect(ny.ok && isoDate(ny.value.from)).toBe('2026-03-17');
    const utc = resolveRange({ preset: 'today' }, now, 'UTC');
    expect(utc.ok && isoDate(utc.value.from)).toBe('2026-03-18');
  });

  it('defaults to the last 30 days', () => {
    const r = resolveRange({}, now, 'UTC');
    expect(r).toEqual({ ok: true, value: { from: d('2026-02-17'), to: d('2026-03-18'), preset: '30d' } });
  });

  it('prefers a custom range, to defaulting to today', () => {
    expect(resolveRange({ preset: '7d', from: '2026-01-01', to: '2026-01-31' }, now, 'UTC')).toEqual({
      ok: true,
      value: { from: d('2026-01-01'), to: d('2026-01-31'), preset: 'custom' },
    });
    const open = resolveRange({ from: '2026-03-01' }, now, 'UTC');
    expect(open.ok && open.value.to).toBe(d('2026-03-18'));
  });

  it('explains a bad custom range', () => {
    expect(resolveRange({ from: '2026-02-30' }, now, 'UTC')).toEqual({ ok: false, error: 'from: must be a date like 2026-01-31' });
    expect(resolveRange({ from: '2026-03-05', to: '2026-03-01' }, now, 'UTC')).toEqual({
      ok: false,
      error: 'from: must not be after to',
    });
    expect(resolveRange({ from: '1900-01-01', to: '2026-01-01' }, now, 'UTC').ok).toBe(false);
  });

  it('starts "all time" at the first answer, in the reporting time zone', () => {
    const first = at('2019-06-30T23:30:00Z');
    expect(resolveRange({ preset: 'all' }, now, 'Europe/Madrid', first)).toEqual({ ok: true, value: { from: d('2019-07-01'), to: d('2026-03-18'), preset: 'all' } });
    expect(resolveRange({ preset: 'all' }, now, 'UTC', null)).toEqual({ ok: true, value: { from: d('2026-03-18'), to: d('2026-03-18'), preset: 'all' } });
    // Six years of imported history can be asked for as dates too.
    expect(resolveRange({ from: '2020-01-01', to: '2026-01-01' }, now, 'UTC').ok).toBe(true);
  });
});

describe('fittingBucket', () => {
  it('widens a bucket that would draw too many points, and keeps one that fits', () => {
    const years = { from: d('2019-01-01'), to: d('2026-03-18') };
    expect(fittingBucket(years, undefined)).toBe('month');
    expect(fittingBucket(years, 'day')).toBe('week');
    expect(fittingBucket({ from: d('2010-01-01'), to: d('2026-03-18') }, 'day')).toBe('month');
    expect(fittingBucket({ from: d('2025-01-01'), to: d('2026-03-18') }, 'day')).toBe('week');
    expect(fittingBucket({ from: d('2026-01-01'), to: d('2026-03-18') }, 'day')).toBe('day');
  });
});

describe('previousRange', () => {
  it('is the same number of days right before', () => {
    expect(previousRange({ from: d('2026-03-01'), to: d('2026-03-18') })).toEqual({
      from: d('2026-02-11'),
      to: d('2026-02-28'),
    });
    expect(previousRange({ from: 100, to: 100 })).toEqual({ from: 99, to: 99 });
  });
});

describe('buckets', () => {
  it('picks days, weeks or months by length', () => {
    expect(defaultBucket({ from: 0, to: 30 })).toBe('day');
    expect(defaultBucket({ from: 0, to: 31 })).toBe('week');
    expect(defaultBucket({ from: 0, to: 182 })).toBe('week');
    expect(defaultBucket({ from: 0, to: 183 })).toBe('month');
  });

  it('clips the first and last week to the range', () => {
    const r = { from: d('2026-03-04'), to: d('2026-03-18') }; // Wednesday to Wednesday
    expect(bucketsOf(r, 'week').map((b) => [isoDate(b.from), isoDate(b.to)])).toEqual([
      ['2026-03-04', '2026-03-08'],
      ['2026-03-09', '2026-03-15'],
      ['2026-03-16', '2026-03-18'],
    ]);
    expect(bucketIndex(r, 'week', d('2026-03-08'))).toBe(0);
    expect(bucketIndex(r, 'week', d('2026-03-09'))).toBe(1);
    expect(bucketIndex(r, 'week', d('2026-03-18'))).toBe(2);
  });

  it('splits months on calendar boundaries', () => {
    const r = { from: d('2025-12-15'), to: d('2026-02-10') };
    const months = bucketsOf(r, 'month');
    expect(months.map((b) => b.key)).toEqual(['2025-12-15', '2026-01-01', '2026-02-01']);
    expect(bucketIndex(r, 'month', d('2026-01-31'))).toBe(1);
    expect(bucketIndex(r, 'month', d('2026-02-10'))).toBe(2);
  });

  it('has one bucket per day', () => {
    const r = { from: d('2026-03-01'), to: d('2026-03-03') };
    expect(bucketsOf(r, 'day').map((b) => b.key)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(bucketIndex(r, 'day', d('2026-03-03'))).toBe(2);
  });
});

describe('chooseBucket', () => {
  const month = { from: d('2026-03-01'), to: d('2026-03-30') };
  it('keeps days when there are answers enough for them', () => {
    expect(chooseBucket(month, 150)).toBe('day');
  });

  it('takes weeks, then months, as answers get fewer, but keeps two points where it can', () => {
    expect(chooseBucket(month, 40)).toBe('week');
    expect(chooseBucket(month, 3)).toBe('week');
    expect(chooseBucket({ from: d('2026-02-10'), to: d('2026-03-11') }, 12)).toBe('month');
  });

  it('never goes finer than the range allows', () => {
    expect(chooseBucket({ from: d('2025-03-01'), to: d('2026-02-28') }, 100_000)).toBe('month');
  });
});

describe('isPartial', () => {
  const today = d('2026-03-18');
  it('marks buckets cut by the range and the one still running', () => {
    expect(isPartial('month', { from: d('2026-02-01'), to: d('2026-02-28') }, today)).toBe(false);
    expect(isPartial('month', { from: d('2026-03-01'), to: d('2026-03-01') }, today)).toBe(true);
    expect(isPartial('week', { from: d('2026-03-04'), to: d('2026-03-08') }, today)).toBe(true);
    expect(isPartial('day', { from: d('2026-03-17'), to: d('2026-03-17') }, today)).toBe(false);
    expect(isPartial('day', { from: today, to: today }, today)).toBe(true);
  });
});

