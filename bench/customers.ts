// The customers pages over the dashboards' benchmark database (1,000,000 answers, 200,000
// customers): the first fill of the health summaries, then each view through the real app, as
// medians of interleaved rounds beside a baseline measured in the same rounds (a full scan of the
// customers table, which any list without summaries would cost at least).
// `npm run bench:customers`; BENCH_CUSTOMERS_DB=path uses a copy of an existing benchmark database.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openSqlite } from '../src/db/sqlite';
import type { Deps } from '../src/deps';
import { isoDate } from '../src/domain/period';
import { dayNumber } from '../src/domain/timeZone';
import { createApp } from '../src/http/app';
import { createApiKey } from '../src/services/apiKeys';
import { getChurnReport } from '../src/services/customers/churn';
import { refreshAllCustomers } from '../src/services/customers/refresh';
import { createTestUser, sessionFor } from '../test/helpers/auth';
import { churnReportByLookups } from '../test/helpers/churnReference';
import { capturingMailer, testConfig } from '../test/helpers/deps';
import { benchPaths } from './dashboard';
import { benchDatabase } from './dashboardData';

const ROUNDS = Number(process.env.BENCH_CUSTOMERS_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The list's two queries as they were before: a manager's customers as an IN list, a search's counts read per summary. */
const listedBefore = (sqlite: ReturnType<typeof openSqlite>['sqlite'], teamIds: string[] | null, search: string | null) => async () => {
  const visible = teamIds ? `s.customer_id IN (SELECT customer_id FROM customer_teams WHERE team_id IN (SELECT value FROM json_each(@teams)))` : '1';
  const like = search ? `(c.email LIKE @like ESCAPE '\\' OR c.name LIKE @like ESCAPE '\\')` : '1';
  const params = { ...(teamIds ? { teams: JSON.stringify(teamIds) } : {}), ...(search ? { like: `%${search}%` } : {}) };
  sqlite
    .prepare(`SELECT s.customer_id, c.email, s.sort_recent AS k FROM customer_summaries s JOIN customers c ON c.id = s.customer_id
      WHERE ${visible} AND ${like} ${search ? '' : "AND s.health = 'at_risk'"} ORDER BY k DESC, s.customer_id DESC LIMIT 26`)
    .all(params);
  sqlite.prepare(`SELECT s.health, count(*) FROM customer_summaries s ${search ? 'JOIN customers c ON c.id = s.customer_id' : ''} WHERE ${visible} AND ${like} GROUP BY s.health`).all(params);
};

async function main() {
  const source = process.env.BENCH_CUSTOMERS_DB;
  let path: string;
  if (source) {
    path = join(tmpdir(), `heard-bench-customers-${process.pid}.db`);
    copyFileSync(source, path);
  } else {
    const paths = benchPaths(1_000_000);
    path = paths.dashboard;
    if (!existsSync(path)) (await benchDatabase(paths, Date.now())).handle.close();
  }
  const handle = openSqlite(path);
  const maxAt = (handle.sqlite.prepare('SELECT max(created_at) AS t FROM responses').get() as { t: number }).t;
  const now = maxAt + 3_600_000;
  const deps: Deps = { db: handle.db, atomic: handle.atomic, mailer: capturingMailer(), clock: () => now, newId: () => crypto.randomUUID(), config: testConfig({ TIME_ZONE: 'UTC' }) };
  const customers = (handle.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  // A few churn events, a believable share, so the churn queries have work to do.
  handle.sqlite.exec(`INSERT OR IGNORE INTO customer_events (id, customer_id, type, at, reason, source, created_at)
    SELECT 'bench-' || id, id, 'churned', ${now} - (abs(random()) % 300) * 86400000, NULL, 'import', ${now} FROM customers WHERE abs(random()) % 100 < 4`);
  const t0 = performance.now();
  const filled = await refreshAllCustomers(deps, now);
  console.log(`Health summaries of ${filled.toLocaleString('en-US')} of ${customers.toLocaleString('en-US')} customers filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  handle.sqlite.exec('ANALYZE');

  const app = createApp(deps);
  const { key } = await createApiKey(deps, `bench ${now}`);
  const teamRows = handle.sqlite.prepare('SELECT id, name FROM teams ORDER BY id LIMIT 3').all() as Array<{ id: string; name: string }>;
  const teams = teamRows.map((t) => t.name);
  const teamIds = teamRows.map((t) => t.id);
  const suffix = crypto.randomUUID().slice(0, 8);
  const admin = await sessionFor(deps, (await createTestUser(deps, { role: 'admin', email: `bench-admin-${suffix}@staff.example` })).id);
  const manager = await sessionFor(deps, (await createTestUser(deps, { role: 'manager', teams, email: `bench-manager-${suffix}@staff.example` })).id);
  const someone = (handle.sqlite.prepare('SELECT customer_id AS id FROM customer_summaries ORDER BY contacts_30 DESC LIMIT 1').get() as { id: string }).id;
  const get = (cookie: string | null, path: string) => async () => {
    const res = await app.request(path, { headers: cookie ? { Cookie: cookie } : { Authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return res.text();
  };
  const page2 = async () => {
    const first = await get(admin.cookie, '/customers?health=all&sort=score')();
    const next = /href="(\/customers\?[^"]*cursor=[^"]+)"/.exec(first)![1]!.replaceAll('&amp;', '&');
    await get(admin.cookie, next)();
  };
  const today = dayNumber(now, 'UTC');
  // The churn counts alone, as the report reads them now and by the look-up per customer per instant it replaced.
  const year = { from: today - 364, to: today };
  const churnCounts = (count: typeof getChurnReport, interval: 'month' | 'quarter') => () => count(deps, { range: year, interval, teamId: null, scope: null });
  const views: Array<[string, () => Promise<unknown>]> = [
    ['Baseline: full scan of customers', async () => handle.sqlite.prepare("SELECT count(*) FROM customers WHERE email LIKE '%zz%'").get()],
    ['Customers, at risk (default)', get(admin.cookie, '/customers')],
    ['Customers, all, lowest score first', get(admin.cookie, '/customers?health=all&sort=score')],
    ['Customers, at risk, most contacts', get(admin.cookie, '/customers?sort=contacts')],
    ['Customers, at risk, overdue first', get(admin.cookie, '/customers?sort=overdue')],
    ['Customers, page 1 then 2', page2],
    ['Customers, manager of 3 teams', get(manager.cookie, '/customers')],
    ['  its queries as an IN list (before)', listedBefore(handle.sqlite, teamIds, null)],
    ['Customers, search', get(admin.cookie, '/customers?health=all&q=customer12')],
    ['  its queries, counts per summary (before)', listedBefore(handle.sqlite, null, 'customer12')],
    ['One customer', get(admin.cookie, `/customers/${someone}`)],
    ['Churn counts by month, look-ups (before)', churnCounts(churnReportByLookups, 'month')],
    ['Churn counts by month, one pass', churnCounts(getChurnReport, 'month')],
    ['Churn counts by quarter, look-ups (before)', churnCounts(churnReportByLookups, 'quarter')],
    ['Churn counts by quarter, one pass', churnCounts(getChurnReport, 'quarter')],
    ['Churn page, 12 months by month', get(admin.cookie, '/customers/churn')],
    ['Churn API, 12 months by quarter', get(null, `/api/v1/churn?from=${isoDate(today - 364)}&to=${isoDate(today)}&interval=quarter`)],
  ];
  const times = new Map<string, number[]>(views.map(([name]) => [name, []]));
  for (const [, f] of views) await f();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, f] of views) {
      const t = performance.now();
      await f();
      times.get(name)!.push(performance.now() - t);
    }
  }
  const base = median(times.get(views[0]![0])!);
  console.log(`\n${'View'.padEnd(40)} ${'median ms'.padStart(10)} ${'range ms'.padStart(16)} ${'÷ baseline'.padStart(11)}`);
  for (const [name, xs] of times) {
    const m = median(xs);
    console.log(`${name.padEnd(40)} ${m.toFixed(1).padStart(10)} ${`${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`.padStart(16)} ${(m / base).toFixed(2).padStart(11)}`);
  }
  handle.close();
}

await main();
