import { describe, expect, it } from 'vitest';
import { bucketsOf, parseIsoDate } from '../../src/domain/period';
import { bucketLabel, rangeLabel } from '../../src/domain/periodLabels';

const d = (iso: string) => parseIsoDate(iso)!;

describe('labels', () => {
  it('shows the year only when it is not the current one', () => {
    const today = d('2026-03-18');
    expect(rangeLabel({ from: d('2026-03-01'), to: today }, today)).toBe('Mar 1 – Mar 18');
    expect(rangeLabel({ from: d('2025-12-20'), to: d('2026-01-02') }, today)).toBe('Dec 20, 2025 – Jan 2, 2026');
    expect(rangeLabel({ from: d('2025-03-01'), to: d('2025-03-18') }, today)).toBe('Mar 1 – Mar 18, 2025');
    expect(rangeLabel({ from: today, to: today }, today)).toBe('Mar 18');
  });

  it('names month buckets by month and year', () => {
    const months = bucketsOf({ from: d('2025-12-15'), to: d('2026-02-10') }, 'month');
    expect(months.map((b) => bucketLabel('month', b))).toEqual(['Dec 2025', 'Jan 2026', 'Feb 2026']);
  });
});
