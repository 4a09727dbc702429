// FCR and the Reasons chart on the dashboards, their drill-downs, and the metrics API's `fcr` and groupBy=reason.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { authed, signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  let n = 0;
  const answer = async (score: number, fields: [string, string][], team = 'Tier 1') => {
    n++;
    const s = await deliveredSurvey(deps, { externalId: `T-${n}`, team, customer: { email: `c${n}@example.com` }, agent: { email: `agent-${team.replace(' ', '')}@support.example` } });
    await app.request(pathOf(s.links.scores.get(score)!).split('?')[0]!, {
      method: 'POST',
      body: new URLSearchParams([['score', String(score)], ...fields]),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  };
  return { app, answer };
}

describe('FCR and reasons', () => {
  it('show on the overview and per team, and drill down to their responses', async () => {
    const { app, answer } = await setup();
    await answer(1, [['reason.low', 'slow_response'], ['reason.low', 'repeat_myself'], ['resolved', 'no']]);
    await answer(2, [['reason.low', 'slow_response'], ['resolved', 'yes']]);
    await answer(5, [['reason.high', 'friendly'], ['resolved', 'yes']]);
    await answer(5, [['resolved', 'yes']], 'Tier 2');
    const admin = await signIn(deps, { role: 'admin', email: 'admin@staff.example' });
    const html = await (await authed(app, admin, '/?preset=30d')).text();
    expect(html).toMatch(/data-tile="fcr"[^]*?75\.0%[^]*?3 of 4 resolved/);
    expect(html).toMatch(/data-reason="slow_response"[^]*?100%/);
    expect(html).toMatch(/data-reason="repeat_myself"[^]*?50%/);
    expect(html).toContain('Had to repeat myself');
    const teams = await deps.db.all<{ id: string; name: string }>(sql`select id, name from teams`);
    const tier2 = teams.find((t) => t.name === 'Tier 2')!.id;
    const team = await (await authed(app, admin, `/?preset=30d&team=${tier2}`)).text();
    expect(team).toMatch(/data-tile="fcr"[^]*?100\.0%[^]*?1 of 1 resolved/);
    const drill = await (await authed(app, admin, '/responses?preset=30d&reason=repeat_myself')).text();
    expect(drill.match(/data-response=/g)).toHaveLength(1);
    const unresolved = await (await authed(app, admin, '/responses?preset=30d&resolved=no')).text();
    expect(unresolved.match(/data-response=/g)).toHaveLength(1);
    expect(unresolved).toContain('not resolved');
  });

  it('are in GET /api/v1/metrics as fcr and groupBy=reason', async () => {
    const { app, answer } = await setup();
    await answer(1, [['reason.low', 'slow_response'], ['resolved', 'no']]);
    await answer(4, [['reason.high', 'fast'], ['reason.high', 'clear'], ['resolved', 'yes']]);
    const { key } = await createApiKey(deps, 'reader');
    const get = async (q: string) => (await app.request(`/api/v1/metrics?${q}`, { headers: { Authorization: `Bearer ${key}` } })).json();
    const all = await get('preset=30d');
    expect(all.fcr).toMatchObject({ n: 2, score: 50 });
    expect(all.fcr.low).toBeLessThan(50);
    expect(all.fcr.high).toBeGreaterThan(50);
    const reasons = await get('preset=30d&groupBy=reason');
    expect(reasons.data).toEqual([
      { key: 'slow_response', label: 'Slow response', side: 'low', n: 1, count: 1, share: 100 },
      { key: 'clear', label: 'Clear explanation', side: 'high', n: 1, count: 1, share: 100 },
      { key: 'fast', label: 'Fast', side: 'high', n: 1, count: 1, share: 100 },
    ]);
  });
});
