// What only the Workers entry does: D1 batches as the atomic write, wiring from env and bindings.
import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { d1Database } from '../../src/db/d1';
import { teams } from '../../src/db/schema';
import worker, { workerDeps } from '../../src/entry/worker';

it('writes all statements of an atomic batch or none', async () => {
  const { db, atomic } = d1Database(env.DB);
  const [kept, dropped] = [`kept-${crypto.randomUUID()}`, `dropped-${crypto.randomUUID()}`];
  const team = (name: string) => db.insert(teams).values({ id: crypto.randomUUID(), name, createdAt: 1 });
  await atomic([team(kept)]);

  // The second insert breaks the unique name, so the first must be rolled back with it.
  await expect(atomic([team(dropped), team(kept)])).rejects.toThrow();

  expect(await db.select().from(teams).where(eq(teams.name, dropped))).toEqual([]);
  expect(await db.select().from(teams).where(eq(teams.name, kept))).toHaveLength(1);
});

it('answers 500 naming the missing secret when APP_SECRET is not set in production', async () => {
  const res = await worker.fetch(new Request('https://heard.example.com/healthz'), { ...env, APP_SECRET: undefined }, createExecutionContext());
  expect(res.status).toBe(500);
  expect(await res.text()).toMatch(/APP_SECRET/);
});

it('keeps emails in the outbox when no Resend key is set', () => {
  const deps = workerDeps({ ...env, RESEND_API_KEY: undefined });
  expect(deps.ok && deps.value.mailer.kind).toBe('outbox');
});

it('refuses bodies over a route limit and unreadable forms before reading them, in workerd too', async () => {
  const post = (path: string, body: BodyInit, type: string) =>
    worker.fetch(new Request(`https://heard.example.com${path}`, { method: 'POST', body, headers: { 'Content-Type': type } }), env, createExecutionContext());
  const big = await post('/webhooks/resend', 'x'.repeat(300 * 1024), 'application/json');
  expect(big.status).toBe(413);
  expect(big.headers.get('Content-Type')).toBe('application/problem+json');
  const broken = await post('/s/any.token.here', 'not multipart', 'multipart/form-data; boundary=nothing');
  expect(broken.status).toBe(400);
});
