// Times a few dashboard views on the kept benchmark database, for profiling one at a time:
//   npx tsx bench/viewTimes.ts '/agents?preset=12m' ...
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '../src/db/sqlite';
import type { Deps } from '../src/deps';
import { createApp } from '../src/http/app';
import { createApiKey } from '../src/services/apiKeys';
import { createTestUser, sessionFor } from '../test/helpers/auth';
import { capturingMailer, testConfig } from '../test/helpers/deps';

const dir = fileURLToPath(new URL('../data/bench', import.meta.url));
const file = readdirSync(dir).find((f) => f.startsWith(`dashboard-${process.env.BENCH_SIZE ?? '1'}m-`) && f.endsWith('.db'))!;
const handle = openSqlite(join(dir, file));
const maxAt = (handle.sqlite.prepare('SELECT max(created_at) AS t FROM responses').get() as { t: number }).t;
const now = maxAt + 3_600_000;
const deps: Deps = { db: handle.db, atomic: handle.atomic, mailer: capturingMailer(), clock: () => now, newId: () => crypto.randomUUID(), config: testConfig({ TIME_ZONE: 'UTC' }) };
const app = createApp(deps);
const timings = new Map<string, number>();
if (process.env.TRACE_SQL) {
  const prepare = handle.sqlite.prepare.bind(handle.sqlite);
  handle.sqlite.prepare = ((source: string) => {
    const stmt = prepare(source);
    for (const m of ['all', 'get', 'run'] as const) {
      const f = (stmt as any)[m];
      if ((f as any).__traced) continue;
      const w = function (this: unknown, ...args: unknown[]) {
        const t = performance.now();
        try { return f.apply(stmt, args); } finally { timings.set(source, (timings.get(source) ?? 0) + performance.now() - t); }
      };
      (w as any).__traced = true;
      (stmt as any)[m] = w;
    }
    return stmt;
  }) as typeof handle.sqlite.prepare;
}
const { key } = await createApiKey(deps, `t ${Math.random()}`);
const admin = await sessionFor(deps, (await createTestUser(deps, { role: 'admin', email: `t-${crypto.randomUUID()}@staff.example` })).id);
for (const path of process.argv.slice(2)) {
  const runs: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const res = await app.request(path, { headers: path.startsWith('/api') ? { Authorization: `Bearer ${key}` } : { Cookie: admin.cookie } });
    await res.arrayBuffer();
    runs.push(performance.now() - t);
  }
  console.log(path, runs.map((r) => r.toFixed(0)).join(' '));
}
for (const [sql, ms] of [...timings].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(ms.toFixed(0).padStart(6), sql.replace(/\s+/g, ' ').slice(0, 400));
handle.close();
