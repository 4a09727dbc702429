import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { agents, interactions, suppressions, surveyRequests } from '../../src/db/schema';
import { revokeApiKey } from '../../src/services/apiKeys';
import { interaction, makeTestApp, T0 } from '../helpers/deps';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

async function setup() {
  const t = await makeTestApp();
  cleanup = t.deps.close;
  return t;
}

const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('POST /api/v1/interactions', () => {
  it('stores the interaction and schedules its survey after the configured delay', async () => {
    const { api } = await setup();
    const closedAt = new Date(T0 - 10 * 60_000).toISOString();
    const res = await api('/api/v1/interactions', post(interaction({ externalId: 'Z-1', closedAt, tags: ['billing'] })));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.interaction).toMatchObject({
      externalId: 'Z-1',
      customer: { email: 'maria@example.com', locale: 'es' },
      agent: { email: 'ana@support.example', name: 'Ana' },
      team: 'Tier 1',
      channel: 'chat',
      survey: 'csat',
      tags: ['billing'],
      closedAt,
    });
    expect(body.surveyRequest).toMatchObject({ status: 'scheduled', reason: null });
    expect(body.surveyRequest.sendAfter).toBe(new Date(T0 + 50 * 60_000).toISOString());
  });

  it('answers a repeated externalId with the stored record and changes nothing', async () => {
    const { api, deps } = await setup();
    const first = await api('/api/v1/interactions', post(interaction({ externalId: 'Z-2' })));
    const again = await api('/api/v1/interactions', post(interaction({ externalId: 'Z-2', survey: 'nps', channel: 'phone' })));
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const [n] = await deps.db.select({ n: count() }).from(surveyRequests);
    expect(n?.n).toBe(1);
  });

  it('answers a new interaction with what is stored: names and locale kept from earlier deliveries that gave them', async () => {
    const { api } = await setup();
    await api('/api/v1/interactions', post(interaction({ externalId: 'Z-3', customer: { email: 'lu@example.com', name: 'Lu', locale: 'zh' } })));
    const lean = interaction({ externalId: 'Z-4', customer: { email: 'lu@example.com' }, agent: { email: 'ana@support.example' } });
    const created = await api('/api/v1/interactions', post(lean));
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.interaction).toMatchObject({ customer: { email: 'lu@example.com', name: 'Lu', locale: 'zh' }, agent: { name: 'Ana' } });
    // A retry answers from the stored rows: the same document.
    expect(await (await api('/api/v1/interactions', post(lean))).json()).toEqual(body);
  });

  it('creates exactly one record when the same delivery races itself', async () => {
    const { api, deps } = await setup();
    const body = interaction({ externalId: 'Z-race' });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => api('/api/v1/interactions', post(body)).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const [n] = await deps.db.select({ n: count() }).from(interactions);
    expect(n?.n).toBe(1);
  });

  it('creates agents on first sight, keyed by email, case-insensitively', async () => {
    const { api, deps } = await setup();
    await api('/api/v1/interactions', post(interaction({ customer: { email: 'a@x.com' } })));
    await api('/api/v1/interactions', post(interaction({ customer: { email: 'b@x.com' }, agent: { email: 'ANA@support.example' } })));
    const rows = await deps.db.select().from(agents);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: 'ana@support.example', name: 'Ana' });
  });

  it('names every invalid field in a problem document and writes nothing', async () => {
    const { api, deps } = await setup();
    const res = await api(
      '/api/v1/interactions',
      post({ customer: { email: 'not-an-email' }, agent: {}, survey: 'stars', closedAt: 'yesterday' }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    const body = await res.json();
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['agent.email', 'closedAt', 'customer.email', 'externalId', 'survey']);
    // In words a person reads, not the validator's.
    const message = (field: string) => body.errors.find((e: { field: string }) => e.field === field).message;
    expect(message('agent.email')).toBe('This is required.');
    expect(message('customer.email')).toBe('Enter an email address.');
    expect(message('survey')).toBe('Choose one of: csat, nps, ces.');
    expect(message('closedAt')).toBe('Use a date and time such as 2026-03-02T10:00:00Z.');
    expect(JSON.stringify(body)).not.toMatch(/Invalid input|expected string/);
    const [n] = await deps.db.select({ n: count() }).from(interactions);
    expect(n?.n).toBe(0);
  });

  it('refuses a closedAt more than a few minutes ahead, with 422, and writes nothing', async () => {
    const { api, deps } = await setup();
    const res = await api('/api/v1/interactions', post(interaction({ closedAt: '2030-01-01T00:00:00Z' })));
    expect(res.status).toBe(422);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect((await res.json()).errors).toEqual([{ field: 'closedAt', message: 'closedAt is in the future; it may be at most 5 minutes ahead of now.' }]);
    const [n] = await deps.db.select({ n: count() }).from(interactions);
    expect(n?.n).toBe(0);
    // A clock a minute fast is fine.
    const ahead = await api('/api/v1/interactions', post(interaction({ closedAt: new Date(T0 + 60_000).toISOString() })));
    expect(ahead.status).toBe(201);
  });

  it('rejects malformed JSON with 400, other media types with 415, large bodies with 413', async () => {
    const { api } = await setup();
    const malformed = await api('/api/v1/interactions', { method: 'POST', body: '{"externalId": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('Content-Type')).toContain('application/problem+json');
    const form = await api('/api/v1/interactions', {
      method: 'POST',
      body: 'externalId=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const big = await api('/api/v1/interactions', post(interaction({ tags: ['x'], padding: 'y'.repeat(70_000) })));
    expect(big.status).toBe(413);
    // A declared length over the limit is refused from the header, before the body is read.
    const declared = await api('/api/v1/interactions', { ...post(interaction()), headers: { 'Content-Length': '70000' } });
    expect(declared.status).toBe(413);
    const honest = JSON.stringify(interaction());
    const fits = await api('/api/v1/interactions', { method: 'POST', body: honest, headers: { 'Content-Length': String(honest.length) } });
    expect(fits.status).toBe(201);
  });

  it('requires a known, unrevoked API key', async () => {
    const { app, api, deps } = await setup();
    const body = JSON.stringify(interaction());
    const none = await app.request('/api/v1/interactions', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(none.status).toBe(401);
    const wrong = await app.request('/api/v1/interactions', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer heard_nope' },
    });
    expect(wrong.status).toBe(401);
    expect((await api('/api/v1/responses')).status).toBe(200);
    const [key] = await deps.db.query.apiKeys.findMany();
    await revokeApiKey(deps, key!.id);
    expect((await api('/api/v1/responses')).status).toBe(401);
  });
});

describe('suppression at scheduling', () => {
  it('holds back surveys to unsubscribed, bounced or complaining addresses, with the reason', async () => {
    const { api, deps } = await setup();
    for (const [email, reason] of [
      ['u@x.com', 'unsubscribed'],
      ['b@x.com', 'bounced'],
      ['c@x.com', 'complained'],
    ] as const) {
      await deps.db.insert(suppressions).values({ email, reason, createdAt: T0 });
      const res = await api('/api/v1/interactions', post(interaction({ customer: { email } })));
      expect((await res.json()).surveyRequest).toMatchObject({ status: 'suppressed', reason, sendAfter: null });
    }
  });

  it('surveys a customer at most once within THROTTLE_DAYS, across channels and survey kinds', async () => {
    const { api, deps } = await setup();
    const first = await api('/api/v1/interactions', post(interaction({ channel: 'chat', survey: 'csat' })));
    expect((await first.json()).surveyRequest.status).toBe('scheduled');
    deps.advance(29 * 86_400_000);
    const second = await api('/api/v1/interactions', post(interaction({ channel: 'phone', survey: 'nps' })));
    expect((await second.json()).surveyRequest).toMatchObject({ status: 'suppressed', reason: 'throttled' });
    deps.advance(2 * 86_400_000);
    const third = await api('/api/v1/interactions', post(interaction({ channel: 'email' })));
    expect((await third.json()).surveyRequest.status).toBe('scheduled');
    const other = await api('/api/v1/interactions', post(interaction({ customer: { email: 'someone@else.com' } })));
    expect((await other.json()).surveyRequest.status).toBe('scheduled');
    const rows = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.status, 'suppressed'));
    expect(rows).toHaveLength(1);
  });
});
