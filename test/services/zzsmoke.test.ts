import { test, expect } from 'vitest';
import { makeTestDeps } from '../helpers/deps';
import { recordHistory } from '../../src/services/import';
import { dailyCounts, NO_FILTER, countsBy } from '../../src/services/dashboard/counts';
import { sql } from 'drizzle-orm';
test('smoke', async () => {
  const deps = makeTestDeps({ env: { TIME_ZONE: 'Europe/Madrid' } });
  const t = Date.parse('2026-03-01T10:00:00Z');
  await recordHistory(deps, [
    { externalId: 'a', closedAt: t, sentAt: t, agent: { email: 'a@x.com', name: 'A' }, team: 'T1', channel: 'chat', customer: { email: 'c@x.com', name: null, locale: null }, survey: 'csat', tags: ['x', 'y', 'x'], response: { score: 5, comment: 'hi', at: t + 1000, source: 'explicit' } },
    { externalId: 'b', closedAt: t, sentAt: t, agent: { email: 'a@x.com', name: 'A' }, team: 'T1', channel: 'email', customer: { email: 'd@x.com', name: null, locale: null }, survey: 'nps', tags: [], response: null },
  ]);
  const rows = await deps.db.all(sql`select cube, grain, channel, tag, period, team_id, agent_id, csat_5, sent_csat, sent_nps, direct_csat from response_rollups order by cube, grain`);
  console.log(rows);
  const day = Math.floor((t + 3600000) / 86400000);
  console.log(await dailyCounts(deps, { scope: { kind: 'all' }, filter: NO_FILTER, range: { from: day - 1, to: day + 1 } }));
  console.log(await countsBy(deps, { scope: { kind: 'all' }, filter: NO_FILTER, range: { from: day - 10, to: day + 10 } }, 'agent'));
  deps.close();
});
