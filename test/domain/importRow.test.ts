import { describe, expect, it } from 'vitest';
import { checkRow, mapHeader, parseTimestamp } from '../../src/domain/importRow';

describe('mapHeader', () => {
  it('finds columns whatever their case or spacing, in any order', () => {
    const map = mapHeader(['Score', 'SURVEY', 'customer email', 'Agent_Email', 'External-ID', 'responded_at', 'extra']);
    expect(map).toEqual({ ok: true, value: { score: 0, survey: 1, customer_email: 2, agent_email: 3, external_id: 4, responded_at: 5 } });
  });

  it('names what is missing', () => {
    expect(mapHeader(['external_id', 'score'])).toEqual({ ok: false, error: 'missing columns: agent_email, customer_email, survey, closed_at or responded_at' });
  });
});

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

describe('checkRow', () => {
  const map = mapHeader(['external_id', 'closed_at', 'agent_email', 'customer_email', 'survey', 'score', 'channel', 'comment']);
  const row = (over: Partial<Record<string, string>>) => {
    const r = { external_id: 'T-1', closed_at: '2025-03-02', agent_email: 'Ana@Old.Example', customer_email: 'c@example.com', survey: 'NPS', score: '0', channel: 'Chat', comment: ' ok ', ...over };
    return checkRow(Object.values(r), map.ok ? map.value : {}, ['email', 'chat', 'other'], 'UTC', Date.parse('2026-03-02T10:00:00Z'));
  };

  it('normalises a good row', () => {
    expect(row({})).toEqual({
      ok: true,
      value: expect.objectContaining({ externalId: 'T-1', agentEmail: 'ana@old.example', survey: 'nps', score: 0, channel: 'chat', comment: 'ok', team: null }),
    });
    expect(row({ channel: '' })).toMatchObject({ ok: true, value: { channel: 'other' } });
  });

  it('gives the reason a row cannot be used', () => {
    expect(row({ score: '11' })).toEqual({ ok: false, error: 'score: not a whole number on the nps scale' });
    expect(row({ score: '4.5', survey: 'csat' })).toEqual({ ok: false, error: 'score: not a whole number on the csat scale' });
    expect(row({ closed_at: '' })).toEqual({ ok: false, error: 'closed_at: empty (and no responded_at)' });
    expect(row({ customer_email: 'nobody' })).toEqual({ ok: false, error: 'customer_email: not an email address' });
    expect(row({ closed_at: '2030-01-01T00:00:00Z' })).toEqual({
      ok: false,
      error: 'closed_at: is in the future; it may be at most 5 minutes ahead of now',
    });
    expect(row({ closed_at: '2026-03-02T10:04:00Z' })).toMatchObject({ ok: true });
  });
});
