import { describe, expect, it } from 'vitest';
import { hmac, hmacKeys, toHex } from '../../src/security/crypto';

describe('HMAC key cache', () => {
  it('keeps at most its bound of secrets, the least recently used leaving first', async () => {
    const first = 'secret-kept-in-use';
    const signed = toHex(await hmac(first, 'message'));
    for (let i = 0; i < hmacKeys.max * 3; i++) {
      await hmac(`rotated-secret-${i}`, 'message');
      // The secret still in use stays; the ones rotated away do not pile up.
      if (i % 10 === 0) await hmac(first, 'message');
    }
    expect(hmacKeys.size).toBe(hmacKeys.max);
    expect(hmacKeys.get('rotated-secret-0')).toBeUndefined();
    expect(hmacKeys.get(first)).toBeDefined();
    expect(toHex(await hmac(first, 'message'))).toBe(signed);
  });

  it('signs the same after a key was dropped and imported again', async () => {
    const before = toHex(await hmac('dropped-secret', 'm'));
    for (let i = 0; i < hmacKeys.max; i++) await hmac(`filler-${i}`, 'm');
    expect(hmacKeys.get('dropped-secret')).toBeUndefined();
    expect(toHex(await hmac('dropped-secret', 'm'))).toBe(before);
  });
});
