import Database from 'better-sqlite3';
const db = new Database('/tmp/bench1/b.db');
function time(name: string, sql: string, ...p: unknown[]) { const st = db.prepare(sql); st.all(...p); const ts: number[] = []; let n = 0; for (let i = 0; i < 5; i++) { const t = performance.now(); n = st.all(...p).length; ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(name.padEnd(40), ts[2]!.toFixed(1), 'ms', n); }
time('weeks 26 sums', `SELECT agent_id, period, ${Array.from({length: 26}, (_, i) => 'sum(csat_1)').join(',')} FROM response_rollups WHERE cube=3 AND grain=7 AND channel='' AND tag='' AND period BETWEEN 2918 AND 2968 GROUP BY period, agent_id`);
time('weeks count', `SELECT agent_id, period, count(*) FROM response_rollups WHERE cube=3 AND grain=7 AND channel='' AND tag='' AND period BETWEEN 2918 AND 2968 GROUP BY period, agent_id`);
time('weeks no group', `SELECT agent_id, period, csat_1 FROM response_rollups WHERE cube=3 AND grain=7 AND channel='' AND tag='' AND period BETWEEN 2918 AND 2968`);
time('weeks index only', `SELECT agent_id, period FROM response_rollups WHERE cube=3 AND grain=7 AND channel='' AND tag='' AND period BETWEEN 2918 AND 2968`);
db.pragma('cache_size = -200000');
time('weeks 26 sums bigcache', `SELECT agent_id, period, ${Array.from({length: 26}, (_, i) => 'sum(csat_1)').join(',')} FROM response_rollups WHERE cube=3 AND grain=7 AND channel='' AND tag='' AND period BETWEEN 2918 AND 2968 GROUP BY period, agent_id`);
