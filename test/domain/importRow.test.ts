import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/domain/importRow';

describe('parseTimestamp', () => {
  it('reads UTC, offsets and local times in the reporting zone', () => {
    expect(parseTimestamp('2025-03-02T14:05:00Z', 'Europe/Madrid')).toBe(Date.parse('2025-03-02T14:05:00Z'));
    expect(parseTimestamp('2025-03-02T14:05:00-0500', 'UTC')).toBe(Date.parse('2025-03-02T19:05:00Z'));
    expect(parseTimestamp('2025-03-02 14:05', 'Europe/Madrid')).toBe(Date.parse('2025-03-02T13:05:00Z'));
    expect(parseTimestamp('2025-07-02 14:05:30.250', 'Europe/Madrid')).toBe(Date.parse('2025-07-02T12:05:30.250Z'));
    expect(parseTimestamp('2025-03-02', 'America/New_York')).toBe(Date.parse('2025-03-02T05:00:00Z'));
  });

  it('refuses what it cannot read without guessing', () => {
    for (const bad of ['02/03/2025', '2025-02-30', '2025-03-02T25:00', 'yesterday', '']) expect(parseTimestamp(bad, 'UTC')).toBeNull();
  });
});
