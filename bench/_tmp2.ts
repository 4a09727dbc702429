import { openSqlite } from '../src/db/sqlite';
import { testConfig } from '../test/helpers/deps';
import { agentWeekCounts, NO_FILTER, splitWeeks } from '../src/services/dashboard/counts';
import { sumRollups } from '../src/db/queries/sumRollups';
import { sumResponses } from '../src/db/queries/sumResponses';
import { presetRange, dayNumber, rangeMs, offsetSpans, weekOf } from '../src/domain/period';
const h = openSqlite('/tmp/bench1/b.db');
const deps = { db: h.db, config: testConfig({ TIME_ZONE: 'UTC' }) };
const now = Date.parse('2026-11-24T08:00:00Z');
const today = dayNumber(now, 'UTC');
const year = presetRange('12m', today);
async function time(name: string, f: () => Promise<unknown>) { await f(); const ts: number[] = []; for (let i = 0; i < 5; i++) { const t = performance.now(); await f(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(name.padEnd(40), ts[2]!.toFixed(1), 'ms'); }
const sw = splitWeeks(year); console.log(sw);
await time('agentWeekCounts 12m', () => agentWeekCounts(deps, { scope: { kind: 'all' }, filter: NO_FILTER, range: year }));
await time('sumRollups weeks', () => sumRollups(deps.db, { cube: 3, grain: 7, channel: '', tag: '', teamIds: null, from: sw.weeks!.from, to: sw.weeks!.to, by: { period: true, key: 'agent_id' } }));
for (const d of sw.days) { const { start, end } = rangeMs(d, 'UTC'); await time('raw edge ' + (d.to - d.from + 1), () => sumResponses(deps.db, { start, end, spans: offsetSpans('UTC', start, end), teamIds: null, agentId: null, channel: null, tag: null, by: { day: true, key: 'agent_id' } })); }
console.log(h.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT agent_id, period, sum(csat_1) FROM response_rollups WHERE cube=3 AND grain=7 AND channel='' AND tag='' AND period BETWEEN 2900 AND 3000 GROUP BY period, agent_id`).all());
h.close();
