// Sign-in is limited per account (5 tries per 15 minutes) and per address (30 per 15 minutes).
import { eq } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import { auditLog } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from '../../src/services/signIn';
import { createTestUser } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const login = (email: string, password: string, ip = '203.0.113.7') =>
    app.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': ip },
      body: new URLSearchParams({ email, password }),
    });
  return { app, login };
}

test('after five wrong passwords the account pauses, even for the right one, and says for how long', async () => {
  const { login } = setup();
  const u = await createTestUser(deps, { role: 'agent' });
  for (let i = 0; i < ACCOUNT_LIMIT.limit; i++) expect((await login(u.email, 'wrong password!')).status).toBe(401);
  const blocked = await login(u.email, u.password);
  expect(blocked.status).toBe(429);
  expect(blocked.headers.get('Retry-After')).toBe(String(ACCOUNT_LIMIT.windowMs / 1000));
  expect(await blocked.text()).toContain('Too many sign-in attempts. For your security, sign-in is paused: try again in 15 minutes.');

  deps.advance(ACCOUNT_LIMIT.windowMs - 60_000);
  const later = await login(u.email, u.password);
  expect(later.status).toBe(429);
  expect(await later.text()).toContain('try again in a minute');

  deps.advance(60_000);
  expect((await login(u.email, u.password)).status).toBe(303);
});

test('the pause is per account: other people can still sign in from elsewhere', async () => {
  const { login } = setup();
  const victim = await createTestUser(deps, { role: 'agent' });
  const other = await createTestUser(deps, { role: 'agent' });
  for (let i = 0; i <= ACCOUNT_LIMIT.limit; i++) await login(victim.email, 'wrong password!', '198.51.100.1');
  expect((await login(other.email, other.password, '198.51.100.2')).status).toBe(303);
});

test('a successful sign-in forgives earlier typos', async () => {
  const { login } = setup();
  const u = await createTestUser(deps, { role: 'agent' });
  for (let i = 0; i < ACCOUNT_LIMIT.limit - 1; i++) await login(u.email, 'wrong password!');
  expect((await login(u.email, u.password)).status).toBe(303);
  for (let i = 0; i < ACCOUNT_LIMIT.limit; i++) expect((await login(u.email, 'wrong password!')).status).toBe(401);
  expect((await login(u.email, u.password)).status).toBe(429);
});

test('one address trying many accounts is paused too, while other addresses are not', async () => {
  const { login } = setup();
  const u = await createTestUser(deps, { role: 'agent' });
  for (let i = 0; i < ADDRESS_LIMIT.limit; i++) {
    expect((await login(`guess-${i}@example.com`, 'wrong password!', '192.0.2.9')).status).toBe(401);
  }
  expect((await login(u.email, u.password, '192.0.2.9')).status).toBe(429);
  expect((await login(u.email, u.password, '192.0.2.10')).status).toBe(303);
});

test('a filled window is audited once, not once per refused attempt', async () => {
  const { login } = setup();
  const u = await createTestUser(deps, { role: 'agent' });
  for (let i = 0; i < ACCOUNT_LIMIT.limit + 4; i++) await login(u.email, 'wrong password!');
  const limited = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'sign-in.limited'));
  expect(limited.map((a) => a.target)).toEqual([u.email]);
  const failed = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'sign-in.failed'));
  expect(failed).toHaveLength(ACCOUNT_LIMIT.limit);
});
