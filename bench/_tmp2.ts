import { openSqlite } from '../src/db/sqlite';
import { testConfig } from '../test/helpers/deps';
import { sumRollups } from '../src/db/queries/sumRollups';
import { sumResponses } from '../src/db/queries/sumResponses';
import { sumDelivered } from '../src/db/queries/sumDelivered';
import { presetRange, dayNumber, rangeMs, offsetSpans, splitRange } from '../src/domain/period';
const h = openSqlite('/tmp/bench1/b.db');
const db = h.db;
const now = Date.parse('2026-11-24T08:00:00Z');
const today = dayNumber(now, 'UTC');
const year = presetRange('12m', today);
async function time(name: string, f: () => Promise<unknown>) { await f(); const ts: number[] = []; for (let i = 0; i < 5; i++) { const t = performance.now(); await f(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(name.padEnd(40), ts[2]!.toFixed(1), 'ms'); }
const p = splitRange(year, true); console.log(JSON.stringify(p));
await time('months cube 3', () => sumRollups(db, { cube: 3, grain: 30, channel: '', tag: '', teamIds: null, from: p.months!.from, to: p.months!.to, by: { period: true, key: 'agent_id' } }));
for (const w of p.weeks) await time('weeks cube 3', () => sumRollups(db, { cube: 3, grain: 7, channel: '', tag: '', teamIds: null, from: w.from, to: w.to, by: { period: true, key: 'agent_id' } }));
for (const d of p.days) { const { start, end } = rangeMs(d, 'UTC'); await time('raw ' + (d.to - d.from + 1), () => sumResponses(db, { start, end, spans: offsetSpans('UTC', start, end), teamIds: null, agentId: null, channel: null, tag: null, by: { day: true, key: 'agent_id' } })); }
const { start, end } = rangeMs({ from: year.from - 365, to: year.to }, 'UTC');
const sel = { start, end, spans: offsetSpans('UTC', start, end), teamIds: null, agentId: 'ag0000007', channel: null, tag: null, by: { day: true, key: null } } as const;
await time('agent raw responses 2y', () => sumResponses(db, sel));
await time('agent raw delivered 2y', () => sumDelivered(db, sel));
await time('offsetSpans 2y', async () => offsetSpans('UTC', start, end));
await time('offsetSpans 2y NY', async () => offsetSpans('America/New_York', start, end));
const q = (sql: string) => console.log(h.sqlite.prepare('EXPLAIN QUERY PLAN ' + sql).all().map((r: any) => r.detail).join(' | '));
q(`SELECT count(*) FROM responses r WHERE r.flagged = 0 AND r.created_at >= 1 AND r.created_at < 2 AND r.agent_id = 'x'`);
q(`SELECT count(*) FROM interactions i JOIN survey_requests sr ON sr.interaction_id = i.id WHERE i.agent_id = 'x' AND sr.purpose = 'survey' AND sr.status = 'sent' AND sr.sent_at >= 1 AND sr.sent_at < 2`);
h.close();
