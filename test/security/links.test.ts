import { expect, it } from 'vitest';
import { LINK_LIFETIME, signLink, verifyLink } from '../../src/security/links';

const SECRET = 'a'.repeat(40);
const T = Date.parse('2026-05-01T00:00:00Z');

it('a signed link verifies to its request until it expires', async () => {
  const token = await signLink(SECRET, 'survey', 'req-1', T);
  expect(await verifyLink(SECRET, 'survey', token, T + 1)).toMatchObject({ ok: true, value: { requestId: 'req-1' } });
  expect(await verifyLink(SECRET, 'survey', token, T + LINK_LIFETIME.survey)).toEqual({ ok: false, error: 'expired' });
});

it('rejects tampering, another purpose and another secret', async () => {
  const token = await signLink(SECRET, 'survey', 'req-2', T);
  const [id, exp, sig] = token.split('.') as [string, string, string];
  expect((await verifyLink(SECRET, 'survey', `req-3.${exp}.${sig}`, T)).ok).toBe(false);
  expect((await verifyLink(SECRET, 'survey', `${id}.${(parseInt(exp, 36) + 1000).toString(36)}.${sig}`, T)).ok).toBe(false);
  expect((await verifyLink(SECRET, 'unsubscribe', token, T)).ok).toBe(false);
  expect((await verifyLink('b'.repeat(40), 'survey', token, T)).ok).toBe(false);
  for (const junk of ['', 'a.b', 'a.b.c.d', `${id}.${exp}.!!!`]) {
    expect(await verifyLink(SECRET, 'survey', junk, T)).toEqual({ ok: false, error: 'invalid' });
  }
});

it('unsubscribe links outlive survey links', async () => {
  const token = await signLink(SECRET, 'unsubscribe', 'req-4', T);
  expect((await verifyLink(SECRET, 'unsubscribe', token, T + LINK_LIFETIME.survey + 1)).ok).toBe(true);
});

it('accepts only the canonical spelling of a signature', async () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const token = await signLink(SECRET, 'survey', 'req-5', T);
  expect((await verifyLink(SECRET, 'survey', token, T)).ok).toBe(true);
  // 16 bytes fill 22 characters; the last carries 4 unused bits, so 15 other spellings decode alike.
  const last = alphabet.indexOf(token.at(-1)!);
  for (const bits of [1, 2, 4, 8]) {
    const twin = token.slice(0, -1) + alphabet[last ^ bits];
    expect(await verifyLink(SECRET, 'survey', twin, T), twin).toEqual({ ok: false, error: 'invalid' });
  }
});
