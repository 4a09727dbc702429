// Runs one server for the benchmark in its own process, so the load generator does not share
// its event loop. Prints "READY <url> <json>" once listening.
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config';
import { startServer } from '../src/entry/node';
import { createApiKey } from '../src/services/apiKeys';
import { ingestInteraction, ZInteractionInput } from '../src/services/ingest';
import { signLink } from '../src/security/links';
import { sql } from 'drizzle-orm';
import { surveyRequests } from '../src/db/schema';

const mode = process.argv[2];
// The runner asks for this process's CPU time before and after each figure (user + system, every
// thread): CPU per request is steadier than requests per second on a machine shared with others.
process.on('message', () => {
  const { user, system } = process.cpuUsage();
  process.send?.(user + system);
});
const dir = mkdtempSync(join(tmpdir(), 'heard-bench-'));

if (mode === 'baseline') {
  // The floor any real endpoint stands on: HTTP in, one prepared insert into a WAL SQLite file, JSON out.
  const db = new Database(join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table items (id text primary key, body text not null, created_at integer not null)');
  const insert = db.prepare('insert into items (id, body, created_at) values (?, ?, ?)');
  const app = new Hono().post('/items', async (c) => {
    const body = await c.req.text();
    const id = crypto.randomUUID();
    insert.run(id, body, Date.now());
    return c.json({ id }, 201);
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    console.log(`READY http://127.0.0.1:${info.port} {}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const count = Number(process.argv[3] ?? 0);
  // `dispatch`: the dispatcher runs every second, sending what the load ingests, as in production.
  const dispatcher = process.argv[4] === 'dispatch';
  const parsed = parseConfig(
    { DATABASE_PATH: join(dir, 'heard.db'), PORT: '0', SURVEY_DELAY_MINUTES: '0', THROTTLE_DAYS: '0', DISPATCH_INTERVAL_SECONDS: '1' },
    'bench-secret-'.padEnd(40, 'x'),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  // BENCH_GROUP_COMMIT=off gives each write its own transaction; "N,ms" sets the batch size and wait.
  const group = process.env.BENCH_GROUP_COMMIT;
  const [maxBatch, maxWaitMs] = (group ?? '').split(',').map(Number);
  const groupCommit = group === 'off' ? false : group ? { maxBatch: maxBatch!, maxWaitMs: maxWaitMs ?? 0 } : undefined;
  const server = await startServer(parsed.value, { dispatcher, hostname: '127.0.0.1', groupCommit });
  const deps = server.deps;
  // BENCH_DROP_INDEXES=a,b: the same server without those indexes, to weigh what each costs a write.
  for (const name of (process.env.BENCH_DROP_INDEXES ?? '').split(',').filter((n) => /^\w+$/.test(n))) await deps.db.run(sql.raw(`DROP INDEX ${name}`));
  const { key } = await createApiKey(deps, 'bench');
  // For the confirm benchmark: surveys already handed out (link delivery, so none waits on the
  // dispatcher), enough that each confirmation a run counts can be a link's first answer. Seeded in
  // groups so that the group commit shares their transactions.
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, j) =>
        ingestInteraction(
          deps,
          ZInteractionInput.parse({
            externalId: `seed-${i + j}`,
            customer: { email: `c${i + j}@bench.example` },
            agent: { email: `agent${(i + j) % 40}@bench.example`, name: `Agent ${(i + j) % 40}` },
            survey: 'nps',
            delivery: 'link',
          }),
        ),
      ),
    );
  }
  for (const r of await deps.db.select({ id: surveyRequests.id }).from(surveyRequests)) {
    tokens.push(await signLink(deps.config.appSecret, 'survey', r.id, deps.clock()));
  }
  console.log(`READY ${server.url} ${JSON.stringify({ key, tokens })}`);
  process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
}
