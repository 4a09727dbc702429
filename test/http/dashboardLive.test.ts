// Exact at once: the dashboards read rollups, and a survey sent, a score confirmed, changed or
// flagged as a link scanner's shows in the very next read, through the real survey flow.
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

it('shows each change to an answer in the next read', async () => {
  deps = makeTestDeps({ env: { TIME_ZONE: 'America/New_York' } });
  const app = createApp(deps);
  const { key } = await createApiKey(deps, 'dashboards');
  const metrics = async () => {
    const res = await app.request('/api/v1/metrics?survey=csat&preset=today', { headers: { Authorization: `Bearer ${key}` } });
    return ((await res.json()) as { data: Array<{ n: number; score: number | null; delivered: number; responseRate: number | null }> }).data[0]!;
  };
  const form = (path: string, fields: Record<string, string>) =>
    app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

  const survey = await deliveredSurvey(deps, { survey: 'csat' });
  expect(await metrics()).toMatchObject({ n: 0, delivered: 1, responseRate: 0 });

  // The customer clicks 5 in the email; the page confirms it.
  const five = pathOf(survey.links.scores.get(5)!);
  await app.request(five);
  deps.advance(5_000);
  await form(`${five.split('?')[0]}/confirm`, { score: '5' });
  expect(await metrics()).toMatchObject({ n: 1, score: 100, delivered: 1, responseRate: 100 });

  // They change their mind and submit a 2.
  deps.advance(60_000);
  await form(five.split('?')[0]!, { score: '2', comment: 'Actually it broke again' });
  expect(await metrics()).toMatchObject({ n: 1, score: 0 });

  // A second survey confirmed inside a link scanner's burst of clicks is flagged and never counts.
  const other = await deliveredSurvey(deps, { survey: 'csat', customer: { email: 'scanned@example.com' } });
  const link = (s: number) => pathOf(other.links.scores.get(s)!);
  await app.request(link(4));
  deps.advance(2_000);
  await form(`${link(4).split('?')[0]}/confirm`, { score: '4' });
  expect((await metrics()).n).toBe(2);
  for (const s of [1, 2, 3, 5]) await app.request(link(s));
  expect(await metrics()).toMatchObject({ n: 1, delivered: 2 });
});
