import Database from 'better-sqlite3';
const db = new Database('/tmp/bench1/b.db', { readonly: true });
const cols = ['csat_1','csat_2','csat_3','csat_4','csat_5','nps_0','nps_1','nps_2','nps_3','nps_4','nps_5','nps_6','nps_7','nps_8','nps_9','nps_10','ces_1','ces_2','ces_3','ces_4','ces_5','ces_6','ces_7','sent_csat','sent_nps','sent_ces','direct_csat','direct_nps','direct_ces'];
function time(name: string, f: () => unknown) { f(); const ts: number[] = []; let n: any; for (let i = 0; i < 7; i++) { const t = performance.now(); n = f(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(name.padEnd(44), ts[3]!.toFixed(1), 'ms', Array.isArray(n) ? n.length : n); }
const sumQ = db.prepare(`SELECT agent_id, period, ${cols.map(c => `sum(${c})`).join(',')} FROM response_rollups WHERE cube=3 AND grain=30 AND channel='' AND tag='' AND period BETWEEN 24311 AND 24321 GROUP BY period, agent_id`).raw();
const rawQ = db.prepare(`SELECT agent_id, period, ${cols.join(',')} FROM response_rollups WHERE cube=3 AND grain=30 AND channel='' AND tag='' AND period BETWEEN 24311 AND 24321`).raw();
time('month cube grouped in SQL', () => sumQ.all());
time('month cube rows, summed in JS', () => { const m = new Map<string, number[]>(); for (const r of rawQ.all() as any[]) { const k = r[0] + '|' + r[1]; const a = m.get(k); if (a) for (let i = 2; i < r.length; i++) a[i - 2] += r[i]; else m.set(k, r.slice(2)); } return m.size; });
const start = Date.parse('2025-11-25T00:00:00Z'), end = start + 6 * 86400000;
const condQ = db.prepare(`SELECT r.agent_id, r.created_at / 86400000, ${cols.slice(0, 23).map((c) => { const [k, s] = c.split('_'); return `sum(r.survey='${k}' AND r.score=${s})`; }).join(',')}, sum(r.survey='csat' AND r.source<>'import'), sum(r.survey='nps' AND r.source<>'import'), sum(r.survey='ces' AND r.source<>'import') FROM responses r WHERE r.flagged = 0 AND r.created_at >= ? AND r.created_at < ? GROUP BY 1, 2`).raw();
const pivotQ = db.prepare(`SELECT r.agent_id, r.created_at / 86400000, r.survey, r.score, r.source = 'import', count(*) FROM responses r WHERE r.flagged = 0 AND r.created_at >= ? AND r.created_at < ? GROUP BY 1, 2, 3, 4, 5`).raw();
const rowsQ = db.prepare(`SELECT r.agent_id, r.created_at / 86400000, r.survey, r.score, r.source = 'import' FROM responses r WHERE r.flagged = 0 AND r.created_at >= ? AND r.created_at < ?`).raw();
time('raw 6d conditional sums', () => condQ.all(start, end));
time('raw 6d group+count, pivot', () => pivotQ.all(start, end));
time('raw 6d rows to JS', () => rowsQ.all(start, end));
console.log(db.prepare('EXPLAIN QUERY PLAN SELECT r.agent_id, r.created_at / 86400000, r.survey, r.score, r.source = \'import\' FROM responses r WHERE r.flagged = 0 AND r.created_at >= ? AND r.created_at < ?').all(1, 2));
