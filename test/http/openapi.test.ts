// The OpenAPI document describes the API that runs: every /api/v1 route is in it, and real answers
// parse with the schemas the document was generated from (strict objects: a field the document
// lacks fails). Shared with workerd, so the generator is proven on both runtimes.
import { afterEach, expect, test } from 'vitest';
import type { z } from 'zod';
import { createApp } from '../../src/http/app';
import { ZChurn, ZCustomerEventResult, ZCustomerExport, ZFollowup, ZFollowupsPage, ZIngestResult, ZMetrics, ZProblem, ZResponsesPage, ZThemes } from '../../src/http/api/shapes';
import { interaction, makeTestApp, type TestDeps } from '../helpers/deps';
import { answeredUnsent } from '../helpers/followups';

let deps: TestDeps;
afterEach(() => deps?.close());

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

async function setup() {
  const t = await makeTestApp();
  deps = t.deps;
  const res = await t.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  return { ...t, doc: (await res.json()) as Doc };
}

/**
 * Parses a real answer with the zod schema and checks that the document, for this path, method and
 * status, points at that very schema.
 */
async function conforms(doc: Doc, path: string, method: string, res: Response, schema: z.ZodType) {
  const status = String(res.status);
  const type = res.headers.get('Content-Type')!.split(';')[0]!;
  const described = doc.paths[path]?.[method]?.responses[status]?.content?.[type]?.schema;
  expect(described, `${method} ${path} ${status} ${type} is in the document`).toEqual({ $ref: `#/components/schemas/${schema.meta()?.id}` });
  const parsed = schema.safeParse(await res.json());
  expect(parsed.success ? [] : parsed.error.issues, `${method} ${path} ${status}`).toEqual([]);
}

test('the document is public OpenAPI 3.1 and lists every /api/v1 route', async () => {
  const { doc } = await setup();
  expect(doc.openapi).toBe('3.1.0');
  const routes = createApp(deps)
    .routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json')
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`);
  expect(routes.length).toBeGreaterThanOrEqual(5);
  const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
  expect(routes.filter((r) => !described.includes(r))).toEqual([]);
});

test('ingest answers match: created, repeated, invalid, unauthenticated', async () => {
  const { doc, api, app } = await setup();
  const body = JSON.stringify(interaction({ externalId: 'T-1', closedAt: '2026-03-02T09:00:00Z', tags: ['billing'] }));
  const first = await api('/api/v1/interactions', { method: 'POST', body });
  expect(first.status).toBe(201);
  await conforms(doc, '/api/v1/interactions', 'post', first, ZIngestResult);
  const again = await api('/api/v1/interactions', { method: 'POST', body });
  expect(again.status).toBe(200);
  await conforms(doc, '/api/v1/interactions', 'post', again, ZIngestResult);
  const invalid = await api('/api/v1/interactions', { method: 'POST', body: '{"externalId":""}' });
  await conforms(doc, '/api/v1/interactions', 'post', invalid, ZProblem);
  const anonymous = await app.request('/api/v1/interactions', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  await conforms(doc, '/api/v1/interactions', 'post', anonymous, ZProblem);
  const wrongType = await api('/api/v1/interactions', { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } });
  await conforms(doc, '/api/v1/interactions', 'post', wrongType, ZProblem);
});

test('responses, metrics and follow-up answers match, with data in them', async () => {
  const { doc, api } = await setup();
  await answeredUnsent(deps, { survey: 'csat', tags: ['billing'] }, 1);

  const responses = await api('/api/v1/responses?limit=1');
  await conforms(doc, '/api/v1/responses', 'get', responses.clone(), ZResponsesPage);
  expect(((await responses.json()) as { data: unknown[] }).data).toHaveLength(1);
  await conforms(doc, '/api/v1/responses', 'get', await api('/api/v1/responses?since=yesterday'), ZProblem);

  for (const groupBy of ['none', 'day', 'team', 'agent']) {
    await conforms(doc, '/api/v1/metrics', 'get', await api(`/api/v1/metrics?preset=30d&groupBy=${groupBy}`), ZMetrics);
  }
  await conforms(doc, '/api/v1/metrics', 'get', await api('/api/v1/metrics?preset=30d&groupBy=reason'), ZMetrics);
  await conforms(doc, '/api/v1/themes', 'get', await api('/api/v1/themes?preset=30d'), ZThemes);

  const tasks = await api('/api/v1/followups');
  const page = ZFollowupsPage.parse(await tasks.clone().json());
  expect(page.data).toHaveLength(1);
  await conforms(doc, '/api/v1/followups', 'get', tasks, ZFollowupsPage);
  const patched = await api(`/api/v1/followups/${page.data[0]!.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'resolved', note: 'Refunded' }) });
  expect(patched.status).toBe(200);
  await conforms(doc, '/api/v1/followups/{id}', 'patch', patched, ZFollowup);
  await conforms(doc, '/api/v1/followups/{id}', 'patch', await api('/api/v1/followups/nope', { method: 'PATCH', body: '{"note":"x"}' }), ZProblem);
});

test('data-rights answers match: a customer’s export, an unknown one, a bad address, and the erasure', async () => {
  const { doc, api, deps: d } = await setup();
  await answeredUnsent(d, { customer: { email: 'lu@example.com', name: 'Lu' } }, 1);
  await conforms(doc, '/api/v1/customers/{email}/export', 'get', await api('/api/v1/customers/lu@example.com/export'), ZCustomerExport);
  await conforms(doc, '/api/v1/customers/{email}/export', 'get', await api('/api/v1/customers/nobody@example.com/export'), ZProblem);
  await conforms(doc, '/api/v1/customers/{email}', 'delete', await api('/api/v1/customers/not-an-address', { method: 'DELETE' }), ZProblem);
  const erased = await api('/api/v1/customers/lu@example.com', { method: 'DELETE' });
  expect(erased.status).toBe(204);
  expect(Object.keys(doc.paths['/api/v1/customers/{email}']!.delete!.responses)).toEqual(expect.arrayContaining(['204', '202', '404']));
});

test('customer event and churn answers match', async () => {
  const { doc, api } = await setup();
  const path = '/api/v1/customers/{email}/events';
  const post = (body: unknown) => api('/api/v1/customers/lea%40example.com/events', { method: 'POST', body: JSON.stringify(body) });
  const event = { type: 'churned', at: '2026-02-01T10:00:00Z', reason: 'Too expensive' };
  await conforms(doc, path, 'post', await post(event), ZCustomerEventResult);
  await conforms(doc, path, 'post', await post(event), ZCustomerEventResult);
  await conforms(doc, path, 'post', await post({ type: 'gone' }), ZProblem);
  await conforms(doc, path, 'post', await post({ ...event, at: '2027-01-01T00:00:00Z' }), ZProblem);
  await conforms(doc, '/api/v1/churn', 'get', await api('/api/v1/churn?preset=90d&interval=month'), ZChurn);
  await conforms(doc, '/api/v1/churn', 'get', await api('/api/v1/churn?interval=year'), ZProblem);
});
