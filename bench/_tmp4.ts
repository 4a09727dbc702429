import { readFileSync, rmSync } from 'node:fs';
import { openSqlite } from '../src/db/sqlite';
import { importCsv } from '../src/services/import';
import { testConfig } from '../test/helpers/deps';
rmSync('/tmp/imp/db3', { recursive: true, force: true });
const h = openSqlite('/tmp/imp/db3/h.db'); h.sqlite.exec('DROP INDEX responses_created_idx; DROP INDEX responses_agent_idx; DROP INDEX responses_dash_agent_idx; DROP INDEX responses_dash_time_idx'); 
const times = new Map<string, number>();
const atomic = async (stmts: readonly unknown[]) => {
  h.sqlite.transaction(() => {
    for (const s of stmts) {
      const q = (s as any).toSQL().sql as string;
      const key = q.slice(0, 40) + (q.includes('json_each(i.tags)') ? ' [cells]' : '');
      const t = performance.now();
      (s as any).run();
      times.set(key, (times.get(key) ?? 0) + performance.now() - t);
    }
  })();
};
const t = performance.now();
await importCsv({ db: h.db, atomic, config: testConfig(), clock: Date.now, newId: () => crypto.randomUUID() }, readFileSync('/tmp/imp/20k.csv', 'utf8'), { maxParams: 99 });
console.log('total', performance.now() - t);
for (const [k, v] of [...times].sort((a, b) => b[1] - a[1])) console.log(v.toFixed(0).padStart(6), k);
