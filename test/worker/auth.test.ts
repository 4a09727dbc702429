// People and access inside workerd over D1: PBKDF2 at Heard's cost runs there, and setup, sign-in and
// the session cookie work end to end. (The deployed platform refuses more than 100,000 iterations;
// the local workerd does not enforce that cap, so it cannot be shown here.)
import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import worker from '../../src/entry/worker';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../src/security/passwords';

const BASE = 'https://heard.example.com';

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return worker.fetch(
    new Request(BASE + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin', ...headers },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    }),
    env,
    createExecutionContext(),
  );
}

const get = (path: string, cookie?: string) =>
  worker.fetch(new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' }), env, createExecutionContext());

it('hashes and verifies at the full cost inside workerd', async () => {
  const stored = await hashPassword('correct horse battery staple');
  expect(stored.startsWith(`pbkdf2-sha256$${PBKDF2_ITERATIONS}$`)).toBe(true);
  expect((await verifyPassword('correct horse battery staple', stored)).ok).toBe(true);
  expect((await verifyPassword('wrong horse battery staple', stored)).ok).toBe(false);
});


it('sets up the first admin, signs in and out with a Secure __Host- cookie', async () => {
  expect((await get('/admin/users')).headers.get('Location')).toBe('/setup');
  const setup = await post('/setup', { email: 'ada@example.com', password: 'a long enough passphrase' });
  expect(setup.status).toBe(303);
  const cookie = setup.headers.get('Set-Cookie')!;
  expect(cookie).toMatch(/^__Host-heard_session=[\w-]+;.*HttpOnly.*Secure.*SameSite=Lax/);
  const session = cookie.split(';')[0]!;
  expect((await get('/admin/users', session)).status).toBe(200);

  const signedIn = await post('/login', { email: 'ada@example.com', password: 'a long enough passphrase' });
  expect(signedIn.status).toBe(303);
  expect((await post('/login', { email: 'ada@example.com', password: 'not the password' })).status).toBe(401);
});
