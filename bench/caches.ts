// What each in-memory cache saves: the per-operation cost with and without it, and the saving as a
// share of the request it serves (a survey confirmation, an API ingest), all measured in one run.
//   npx tsx bench/caches.ts     (standalone; `npm run bench` calls benchCaches() last)
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { BoundedCache } from '../src/db/cache';
import { compiled } from '../src/db/compiled';
import { responseCells } from '../src/db/queries/rollupStatements';
import * as schema from '../src/db/schema';
import { openSqlite } from '../src/db/sqlite';
import { responses, surveyRequests } from '../src/db/schema';
import type { Db } from '../src/deps';
import { offsetSpans } from '../src/domain/timeZone';
import { hmac, sha256Hex } from '../src/security/crypto';
import { verifyLink } from '../src/security/links';
import { upsertText as cellUpsertText } from '../src/db/rollupDeltas';
import { makeTestApp } from '../test/helpers/deps';
import { deliveredSurvey } from '../test/helpers/survey';

const ROUNDS = Number(process.env.BENCH_CACHE_ROUNDS ?? 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Microseconds per call of `f`, over about `ms` milliseconds. */
async function perOp(f: (i: number) => unknown, ms = 150): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let k = 0; k < 20; k++) await f(n++);
  }
  return ((performance.now() - start) * 1000) / n;
}

interface Pair {
  name: string;
  without: (i: number) => unknown;
  with: (i: number) => unknown;
  /** The request whose server time the saving is compared with, and how often per request it runs. */
  per?: { request: 'confirm' | 'ingest'; times: number };
}

export async function benchCaches(): Promise<void> {
  const { deps, app, api } = await makeTestApp();
  const tokens: string[] = [];
  for (let i = 0; i < 200; i++) {
    const { links } = await deliveredSurvey(deps, { survey: 'csat', customer: { email: `c${i}@bench.example`, locale: 'en' } });
    tokens.push(links.scores.get(5)!.split('?')[0]!.split('/s/')[1]!);
  }
  const secret = deps.config.appSecret;
  const db = deps.db;
  const tz = 'Europe/Madrid';
  const ids = (await db.select({ id: surveyRequests.id }).from(surveyRequests)).map((r) => r.id);
  // The same database file through drizzle without the statement cache of src/db/sqlite.ts.
  const bare = drizzle(new Database(join(deps.dir, 'heard.db')), { schema }) as unknown as Db;
  const byId = (d: Db, id: string) => d.select({ status: surveyRequests.status }).from(surveyRequests).where(eq(surveyRequests.id, id)).all();
  const byIdCompiled = compiled((d) => d.select({ status: surveyRequests.status }).from(surveyRequests).where(eq(surveyRequests.id, sql.placeholder('id'))));
  const cellsOf = (): ReturnType<typeof responseCells> => responseCells(db, tz, 1, { where: sql`r.request_id = ${sql.placeholder('requestId')}` });
  // The text of the rollup upsert that every answer runs, prepared by a bare connection and by Heard's.
  const upsertText = (cellsOf() as unknown as { toSQL(): { sql: string } }).toSQL().sql;
  const bareSqlite = new Database(join(deps.dir, 'heard.db'));
  const heardSqlite = openSqlite(join(deps.dir, 'heard.db'), { groupCommit: false }).sqlite;
  const sevenRows = () =>
    db.insert(responses).values(
      Array.from({ length: 7 }, (_, i) => {
        const p = (f: string) => sql.placeholder(`r${i}_${f}`);
        return { id: p('id'), requestId: p('requestId'), interactionId: p('interactionId'), score: p('score'), comment: p('comment'), source: p('source'), createdAt: p('at'), updatedAt: p('at') } as never;
      }),
    );
  const hit = <V>(value: V) => {
    const cache = new BoundedCache<string, V>(1000);
    for (let i = 0; i < 200; i++) cache.set(`k${i}`, value);
    return (i: number) => cache.get(`k${i % 200}`);
  };
  const cachedCells = cellsOf().prepare();
  const cachedInsert = sevenRows().prepare();
  const spans = offsetSpans(tz, Date.UTC(1990, 0, 1), Date.UTC(2060, 0, 1));
  const link = { requestId: 'x', expiresAt: 0 };
  const pairs: Pair[] = [
    { name: 'SQLite statements by text (src/db/sqlite.ts)', without: (i) => byId(bare, ids[i % ids.length]!), with: (i) => byId(db, ids[i % ids.length]!) },
    { name: 'SQLite statements, the rollup upsert', without: () => bareSqlite.prepare(upsertText), with: () => heardSqlite.prepare(upsertText) },
    { name: 'compiled query (src/db/compiled.ts)', without: (i) => byId(db, ids[i % ids.length]!), with: (i) => byIdCompiled(db).all({ id: ids[i % ids.length]! }) },
    { name: 'rollup cells per zone (dashboard/rollups.ts)', without: () => cellsOf().prepare(), with: hit(cachedCells), per: { request: 'confirm', times: 2 } },
    { name: 'import insert of 7 rows (services/import.ts)', without: () => sevenRows().prepare(), with: hit(cachedInsert) },
    { name: '888-cell upsert text (db/rollupDeltas)', without: () => cellUpsertText(888), with: hit(cellUpsertText(888)) },
    { name: 'offset spans 1990-2060 (queries/localDay.ts)', without: () => offsetSpans(tz, Date.UTC(1990, 0, 1), Date.UTC(2060, 0, 1)), with: hit(spans) },
    { name: 'verified link (security/links.ts)', without: (i) => verifyLink(secret, 'survey', tokens[i % tokens.length]!, deps.clock()), with: hit(link), per: { request: 'confirm', times: 1 } },
    { name: 'IP hash (services/respond.ts)', without: (i) => hmac(secret, `ip:203.0.113.${i % 200}`), with: hit('hash'), per: { request: 'confirm', times: 1 } },
    { name: 'API key hash (services/apiKeys.ts)', without: (i) => sha256Hex(`heard_${'k'.repeat(43)}${i % 200}`), with: hit('hash'), per: { request: 'ingest', times: 1 } },
  ];

  let confirms = 0;
  let ingests = 0;
  const requests = {
    confirm: async () => {
      const res = await app.request(`/s/${tokens[confirms++ % tokens.length]}/confirm`, {
        method: 'POST',
        body: `score=${4 + (confirms % 2)}`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true', 'CF-Connecting-IP': '203.0.113.7' },
      });
      if (res.status !== 200) throw new Error(`confirm answered ${res.status}`);
    },
    ingest: async () => {
      const res = await api('/api/v1/interactions', {
        method: 'POST',
        body: JSON.stringify({ externalId: `bench-${ingests++}`, customer: { email: `c${ingests}@bench.example` }, agent: { email: 'a@bench.example' }, survey: 'csat' }),
      });
      if (res.status !== 201) throw new Error(`ingest answered ${res.status}`);
    },
  };

  const samples = new Map<string, number[]>();
  const add = (key: string, v: number) => samples.set(key, [...(samples.get(key) ?? []), v]);
  // Rounds interleave everything, so a busy neighbour on the machine weighs on all figures alike.
  for (let round = 0; round < ROUNDS; round++) {
    add('confirm', await perOp(requests.confirm, 300));
    add('ingest', await perOp(requests.ingest, 300));
    for (const p of pairs) {
      add(`${p.name}/without`, await perOp(p.without));
      add(`${p.name}/with`, await perOp(p.with));
    }
  }
  const request = { confirm: median(samples.get('confirm')!), ingest: median(samples.get('ingest')!) };
  console.log(`In-memory caches, median of ${ROUNDS} interleaved rounds (machine shared, so read the ratios)`);
  console.log(`server time in-process: confirm ${request.confirm.toFixed(0)} µs, ingest ${request.ingest.toFixed(0)} µs`);
  console.log('cache                                           without µs   with µs   without/with   saving per request');
  for (const p of pairs) {
    const without = samples.get(`${p.name}/without`)!;
    const withs = samples.get(`${p.name}/with`)!;
    const ratio = median(without.map((w, i) => w / withs[i]!));
    // Paired by round: the saving and the request it is set against were measured side by side.
    const per = p.per;
    const reqs = per ? samples.get(per.request)! : [];
    const saving = per
      ? `${median(without.map((w, i) => (100 * per.times * (w - withs[i]!)) / reqs[i]!)).toFixed(1)}% of a ${per.request} (if every one hits)`
      : '';
    console.log(
      `${p.name.padEnd(46)}${median(without).toFixed(2).padStart(12)}${median(withs).toFixed(2).padStart(10)}${ratio.toFixed(1).padStart(15)}   ${saving}`,
    );
  }
  deps.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchCaches();
