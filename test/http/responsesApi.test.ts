import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const { key } = await createApiKey(deps, 'reader');
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { Authorization: `Bearer ${key}` } });
    return { status: res.status, body: await res.json() };
  };
  const answer = async (over: Record<string, unknown>, score: number, comment = '') => {
    const s = await deliveredSurvey(deps, over);
    await app.request(pathOf(s.links.scores.get(score)!).split('?')[0]!, {
      method: 'POST',
      body: new URLSearchParams({ score: String(score), comment }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    deps.advance(31 * 86_400_000); // past the throttle window, so the next customer visit is surveyed
    return s;
  };
  return { get, answer };
}

describe('GET /api/v1/responses', () => {
  it('lists responses newest first with their interaction, agent and customer', async () => {
    const { get, answer } = await setup();
    await answer({ externalId: 'A', survey: 'csat' }, 2, 'slow');
    await answer({ externalId: 'B', survey: 'nps', channel: 'phone', agent: { email: 'bo@support.example', name: 'Bo' } }, 9);
    const { status, body } = await get('/api/v1/responses');
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toMatchObject({
      survey: 'nps',
      score: 9,
      comment: null,
      flagged: false,
      interaction: { externalId: 'B', channel: 'phone' },
      agent: { email: 'bo@support.example', name: 'Bo' },
      customer: { email: 'maria@example.com' },
    });
    expect(body.data[1]).toMatchObject({ survey: 'csat', score: 2, comment: 'slow', interaction: { externalId: 'A' } });
    expect(Date.parse(body.data[0].createdAt)).toBeGreaterThan(Date.parse(body.data[1].createdAt));
  });

  it('filters by survey, agent and since, and pages with a cursor', async () => {
    const { get, answer } = await setup();
    for (let i = 0; i < 5; i++) await answer({ externalId: `P${i}`, survey: i % 2 ? 'nps' : 'csat' }, i % 2 ? 10 : 5);
    await answer({ externalId: 'Other', agent: { email: 'cy@support.example' } }, 4);
    expect((await get('/api/v1/responses?survey=nps')).body.data).toHaveLength(2);
    expect((await get('/api/v1/responses?agent=CY@support.example')).body.data).toHaveLength(1);
    const all = (await get('/api/v1/responses')).body.data;
    const since = all[2].createdAt;
    expect((await get(`/api/v1/responses?since=${encodeURIComponent(since)}`)).body.data).toHaveLength(3);
    const page1 = (await get('/api/v1/responses?limit=4')).body;
    const page2 = (await get(`/api/v1/responses?limit=4&cursor=${page1.nextCursor}`)).body;
    expect(page1.data).toHaveLength(4);
    expect(page2.data).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.data, ...page2.data].map((r: { id: string }) => r.id)).toEqual(all.map((r: { id: string }) => r.id));
  });

  it('answers bad query parameters with a problem document naming them', async () => {
    const { get } = await setup();
    const { status, body } = await get('/api/v1/responses?survey=stars&cursor=zzz&since=monday');
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cursor', 'since', 'survey']);
  });
});
