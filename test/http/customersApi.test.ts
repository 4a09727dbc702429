// POST /api/v1/customers/{email}/events: churn from a billing system, idempotent, with clear errors.
// Shared with workerd (vitest.config.ts), so D1 answers the same.
import { afterEach, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { ZCustomerEventResult, ZProblem } from '../../src/http/api/shapes';
import { makeTestApp, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  const t = await makeTestApp();
  deps = t.deps;
  const post = (email: string, body: unknown, headers: Record<string, string> = {}) =>
    t.api(`/api/v1/customers/${encodeURIComponent(email)}/events`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
  return { ...t, post };
}

const count = async (table: string) => Number((await deps.db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)))[0]!.n);

test('a churn event is stored once: the retry answers 200 with the same body', async () => {
  const { post } = await setup();
  const event = { type: 'churned', at: '2026-02-20T09:00:00+01:00', reason: 'Moved to a competitor' };
  const first = await post('Maria@Example.com', event);
  expect(first.status).toBe(201);
  const body = ZCustomerEventResult.parse(await first.json());
  expect(body).toMatchObject({
    event: { type: 'churned', at: '2026-02-20T08:00:00.000Z', reason: 'Moved to a competitor' },
    customer: { email: 'maria@example.com', state: 'churned', churnedAt: '2026-02-20T08:00:00.000Z' },
  });
  const again = await post('maria@example.com', { ...event, reason: 'Sent twice' });
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual(body);
  expect(await count('customer_events')).toBe(1);
  // The customer was new to Heard: created, once.
  expect(await count('customers')).toBe(1);
});

test('a later reactivation makes the customer active again; an earlier one does not', async () => {
  const { post } = await setup();
  await post('li@example.com', { type: 'churned', at: '2026-02-01T00:00:00Z' });
  const earlier = ZCustomerEventResult.parse(await (await post('li@example.com', { type: 'reactivated', at: '2026-01-15T00:00:00Z' })).json());
  expect(earlier.customer.state).toBe('churned');
  const later = ZCustomerEventResult.parse(await (await post('li@example.com', { type: 'reactivated', at: '2026-02-25T00:00:00Z' })).json());
  expect(later.customer).toMatchObject({ state: 'active', churnedAt: null });
});

test('bad input is a problem naming the field, and stores nothing', async () => {
  const { post, app } = await setup();
  const cases: Array<[string, unknown, number, string]> = [
    ['maria@example.com', { type: 'left', at: '2026-02-01T00:00:00Z' }, 400, 'type'],
    ['maria@example.com', { type: 'churned', at: 'yesterday' }, 400, 'at'],
    ['maria@example.com', { type: 'churned', at: '2026-02-01T00:00:00' }, 400, 'at'],
    ['maria@example.com', { type: 'churned' }, 400, 'at'],
    ['maria@example.com', { type: 'churned', at: '2026-02-01T00:00:00Z', plan: 'pro' }, 400, '(body)'],
    ['maria@example.com', { type: 'churned', at: '2026-02-01T00:00:00Z', reason: 'x'.repeat(501) }, 400, 'reason'],
    ['not-an-email', { type: 'churned', at: '2026-02-01T00:00:00Z' }, 400, 'email'],
    ['maria@example.com', { type: 'churned', at: '2026-03-03T00:00:00Z' }, 422, 'at'],
  ];
  for (const [email, body, status, field] of cases) {
    const res = await post(email, body);
    expect(res.status, JSON.stringify(body)).toBe(status);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    const p = ZProblem.parse(await res.json());
    expect(p.errors?.map((e) => e.field)).toContain(field);
  }
  expect((await post('maria@example.com', '{"type":', {})).status).toBe(400);
  expect((await post('maria@example.com', { type: 'churned', at: '2026-02-01T00:00:00Z' }, { 'Content-Type': 'text/plain' })).status).toBe(415);
  const anonymous = await app.request('/api/v1/customers/maria%40example.com/events', {
    method: 'POST',
    body: JSON.stringify({ type: 'churned', at: '2026-02-01T00:00:00Z' }),
    headers: { 'Content-Type': 'application/json' },
  });
  expect(anonymous.status).toBe(401);
  expect(await count('customer_events')).toBe(0);
  expect(await count('customers')).toBe(0);
});

test('six concurrent deliveries of one event store it once', async () => {
  const { post } = await setup();
  const event = { type: 'churned', at: '2026-02-10T12:00:00Z' };
  const statuses = (await Promise.all(Array.from({ length: 6 }, () => post('burst@example.com', event)))).map((r) => r.status).sort();
  expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
  expect(await count('customer_events')).toBe(1);
});
