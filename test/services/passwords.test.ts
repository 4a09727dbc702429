// Password hashing and the password rules.
import { describe, expect, test } from 'vitest';
import { passwordProblem } from '../../src/domain/passwordPolicy';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../src/security/passwords';

describe('hashPassword / verifyPassword', () => {
  test('stores the scheme, cost and a fresh salt, never the password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  test('accepts the password and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('correct horse battery stapl', stored)).ok).toBe(false);
    expect((await verifyPassword('', stored)).ok).toBe(false);
  });

  test('a hash made at a lower cost still verifies, and asks to be redone', async () => {
    const cheap = await hashPassword('correct horse battery staple', 1000);
    expect(cheap).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword('correct horse battery staple', cheap)).toEqual({ ok: true, needsRehash: true });
    expect(PBKDF2_ITERATIONS).toBe(100_000);
  });

  test('a damaged or foreign hash never verifies', async () => {
    for (const stored of ['', 'plain', 'bcrypt$10$abc$def', 'pbkdf2-sha256$0$AAAA$AAAA', 'pbkdf2-sha256$1000$$', 'pbkdf2-sha256$1000$a+b$c']) {
      expect((await verifyPassword('x', stored)).ok, stored).toBe(false);
    }
  });

  test('the same password typed in a different Unicode form still matches', async () => {
    const stored = await hashPassword('café au lait please');
    expect((await verifyPassword('cafe\u0301 au lait please', stored)).ok).toBe(true);
  });
});

describe('passwordProblem', () => {
  test('wants 12 to 256 characters, counted as characters, not bytes', () => {
    expect(passwordProblem('elevenchars', 'a@b.c')).toBe('Use at least 12 characters.');
    expect(passwordProblem('twelve chars', 'a@b.c')).toBeNull();
    expect(passwordProblem('密码密码密码密码密码密码', 'a@b.c')).toBeNull();
    expect(passwordProblem('x'.repeat(257), 'a@b.c')).toBe('Use at most 256 characters.');
  });

  test('refuses the email address as the password', () => {
    expect(passwordProblem('Someone@Example.com', 'someone@example.com')).toBe('Do not use your email address as your password.');
  });
});
