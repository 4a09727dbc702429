// GET /api/v1/themes and sentiment on GET /api/v1/responses, over comments in three languages.
import { afterEach, expect, it } from 'vitest';
import { makeTestApp, type TestDeps } from '../helpers/deps';
import { seedComments, type CommentFixture } from '../helpers/insight';

let deps: TestDeps;
afterEach(() => deps?.close());

const NOW = Date.parse('2026-03-31T12:00:00Z');
const march = (day: number) => Date.parse(`2026-03-${String(day).padStart(2, '0')}T12:00:00Z`);
const february = (day: number) => Date.parse(`2026-02-${String(day).padStart(2, '0')}T12:00:00Z`);

const FIXTURES: CommentFixture[] = [
  // March: late deliveries, mostly unhappy, in English; refunds in Spanish; 客服 praised in Chinese.
  { text: 'The delivery was late again', score: 2, at: march(2) },
  { text: 'Late delivery, nobody called me', score: 3, at: march(3) },
  { text: 'Delivery late but the agent was kind', score: 6, at: march(4) },
  { text: 'Deliveries are always late', score: 1, at: march(5) },
  { text: 'Todavía espero mi reembolso', score: 2, at: march(6), locale: 'es' },
  { text: 'El reembolso llegó rápido, gracias', score: 9, at: march(7), locale: 'es' },
  { text: 'No me ayudaron con el reembolso', score: 3, at: march(8), locale: 'es' },
  { text: '客服态度很好，很满意', score: 10, at: march(9), locale: 'zh' },
  { text: '客服很耐心，非常满意', score: 10, at: march(10), locale: 'zh' },
  { text: '客服回复很快', score: 9, at: march(11), locale: 'zh' },
  // February: one late delivery only, so deliveries trend up.
  { text: 'Delivery late', score: 5, at: february(10) },
  { text: 'Great agent', score: 10, at: february(11) },
  { text: 'Friendly agent', score: 10, at: february(12) },
  { text: 'Quick answer', score: 9, at: february(13) },
];

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
