import { describe, expect, it } from 'vitest';
import { channelOf, person, str, tags, time } from '../../src/connectors/read';

describe('reading helpdesk payloads', () => {
  it('maps each helpdesk’s channel words to Heard’s channels', () => {
    const cases: [unknown, string][] = [
      ['email', 'email'], ['Outbound Email', 'email'], ['Phone call (incoming)', 'phone'], ['voice', 'phone'],
      ['chat', 'chat'], ['conversation', 'chat'], ['Chat', 'chat'], ['twitter', 'social'], ['facebook', 'social'],
      ['whatsapp', 'messaging'], ['sms', 'messaging'], ['Web form', 'other'], ['web_service', 'other'], [null, 'other'], [42, 'other'],
    ];
    for (const [v, want] of cases) expect([v, channelOf(v)]).toEqual([v, want]);
  });

  it('reads times as ISO dates or epoch seconds', () => {
    expect(time('2026-03-02T09:55:00Z')).toBe(Date.parse('2026-03-02T09:55:00Z'));
    expect(time(1772441700)).toBe(1772441700000);
    expect(time(1518307966.678)).toBe(1518307966678);
    expect(time('1772441700')).toBe(1772441700000);
    expect(time('Tuesday')).toBeUndefined();
    expect(time(null)).toBeUndefined();
  });

  it('reads tags from text or lists, unique, clipped and at most 20', () => {
    expect(tags('refund vip, refund')).toEqual(['refund', 'vip']);
    expect(tags([{ name: 'a' }, { name: '' }, 'b', 3])).toEqual(['a', 'b']);
    expect(tags(Array.from({ length: 30 }, (_, i) => `t${i}`))).toHaveLength(20);
    expect(tags(['x'.repeat(80)])[0]).toHaveLength(50);
    expect(tags({ not: 'a list' })).toEqual([]);
  });

  it('treats blanks, placeholders left unrendered and addresses without @ as missing', () => {
    expect(str('  ')).toBeUndefined();
    expect(str('{{ticket.group.name}}')).toBeUndefined();
    expect(str(5158)).toBe('5158');
    expect(person({ id: 7, email: 'not-an-address', name: ' Ana ' })).toEqual({ id: '7', name: 'Ana' });
  });
});
