// GET /api/v1/themes and sentiment on GET /api/v1/responses, over comments in three languages.
import { afterEach, expect, it } from 'vitest';
import { makeTestApp, type TestDeps } from '../helpers/deps';
import { FIXTURES, NOW, seedComments } from '../helpers/insight';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  const t = await makeTestApp({ now: NOW });
  deps = t.deps;
  await seedComments(deps, FIXTURES);
  return t;
}

it('lists the period’s themes with shares, low scores and trend', async () => {
  const { api } = await setup();
  const res = await api('/api/v1/themes?from=2026-03-01&to=2026-03-31&survey=nps');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { comments: { now: number; before: number }; data: Array<Record<string, unknown>> };
  expect(body.comments).toMatchObject({ now: 10, before: 4 });
  const byName = new Map(body.data.map((t) => [t.name, t]));
  expect(byName.get('delivery')).toMatchObject({ responses: 4, share: 0.4, lowShare: 1, previous: 1, trend: 'up' });
  expect(byName.get('reembolso')).toMatchObject({ responses: 3 });
  expect(byName.get('客服')).toMatchObject({ responses: 3, negativeShare: 0, lowShare: 0, trend: 'new' });
  expect(String(byName.get('delivery')!.id)).toMatch(/^k:/);
});

it('narrows themes to an agent and explains bad parameters', async () => {
  const { api } = await setup();
  const none = (await (await api('/api/v1/themes?from=2026-03-01&to=2026-03-31&agent=nobody@support.example')).json()) as { errors: unknown[] };
  expect(none.errors).toEqual([{ field: 'agent', message: 'no agent has this email' }]);
  const bad = await api('/api/v1/themes?from=yesterday');
  expect(bad.status).toBe(400);
  expect(bad.headers.get('Content-Type')).toContain('application/problem+json');
  const mine = (await (await api('/api/v1/themes?from=2026-03-01&to=2026-03-31&agent=ana@support.example')).json()) as { data: unknown[] };
  expect(mine.data.length).toBeGreaterThan(0);
});

it('gives each response its sentiment, and filters by it', async () => {
  const { api } = await setup();
  const all = (await (await api('/api/v1/responses?limit=50')).json()) as { data: Array<{ comment: string; sentiment: { label: string; language: string } | null }> };
  const of = (comment: string) => all.data.find((r) => r.comment === comment)!.sentiment;
  expect(of('No me ayudaron con el reembolso')).toMatchObject({ label: 'negative', language: 'es' });
  expect(of('客服态度很好，很满意')).toMatchObject({ label: 'positive', language: 'zh' });
  const negative = (await (await api('/api/v1/responses?sentiment=negative&limit=50')).json()) as { data: Array<{ sentiment: { label: string } }> };
  expect(negative.data.length).toBeGreaterThan(2);
  expect(negative.data.every((r) => r.sentiment.label === 'negative')).toBe(true);
  expect((await api('/api/v1/responses?sentiment=angry')).status).toBe(400);
});

it('answers an empty period with no themes', async () => {
  const { api } = await setup();
  const body = (await (await api(`/api/v1/themes?from=2025-01-01&to=2025-01-31`)).json()) as { data: unknown[]; comments: { now: number } };
  expect(body).toMatchObject({ data: [], comments: { now: 0 } });
});

it('names themes as topics: inflections count together, actions alone are no theme', async () => {
  const t = await makeTestApp({ now: NOW });
  deps = t.deps;
  const at = Date.parse('2026-03-10T12:00:00Z');
  await seedComments(deps, [
    { text: 'Still not installed', score: 2, at },
    { text: 'They installed it late', score: 3, at },
    { text: 'The installation was a mess', score: 1, at },
    { text: 'Installation took ages', score: 4, at },
    { text: 'The installation engineer was late', score: 5, at },
    { text: 'I was told to call back', score: 2, at },
    { text: 'I was told nothing', score: 2, at },
    { text: 'Nobody told me', score: 1, at },
    { text: 'Waited three weeks', score: 2, at },
    { text: 'Three weeks of silence', score: 2, at },
    { text: 'Took weeks', score: 2, at },
  ]);
  const body = (await (await t.api('/api/v1/themes?from=2026-03-01&to=2026-03-31')).json()) as { data: Array<{ name: string; responses: number }> };
  const names = body.data.map((d) => d.name);
  expect(body.data.find((d) => d.name === 'installation')).toMatchObject({ responses: 5 });
  expect(names).not.toContain('told');
  expect(names).not.toContain('weeks');
});
