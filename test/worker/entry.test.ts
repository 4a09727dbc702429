// What only the Workers entry does: D1 batches as the atomic write, static assets, wiring from env.
import { env, exports } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { d1Database } from '../../src/db/d1';
import { teams } from '../../src/db/schema';
import worker, { workerDeps } from '../../src/entry/worker';

it('writes all statements of an atomic batch or none', async () => {
  const { db, atomic } = d1Database(env.DB);
  const team = (name: string) => ({ id: crypto.randomUUID(), name, createdAt: 1 });
  await atomic([db.insert(teams).values(team('Tier 1'))]);

  // The second insert breaks the unique name, so the first must be rolled back with it.
  await expect(atomic([db.insert(teams).values(team('Tier 2')), db.insert(teams).values(team('Tier 1'))])).rejects.toThrow();

  expect(await db.select().from(teams).where(eq(teams.name, 'Tier 2'))).toEqual([]);
  expect(await db.select().from(teams).where(eq(teams.name, 'Tier 1'))).toHaveLength(1);
});

it('serves the vendored scripts from public/ as static assets', async () => {
  const res = await exports.default.fetch('https://heard.example.com/vendor/htmx.min.js');
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/javascript/);
  expect((await res.text()).length).toBeGreaterThan(1000);
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
