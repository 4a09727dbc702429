// One side of bench/dashboardCompare.ts: the dashboard benchmark's views served by the checkout at
// argv[2] (its own code, loaded from there) over the database at argv[3]. Answers `{ view }`
// messages with the view's wall and CPU milliseconds, measured in this process.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dashboardViews } from './dashboardViews';

const [root, path] = process.argv.slice(2) as [string, string];
const load = (file: string) => import(pathToFileURL(join(root, file)).href);
const [{ openSqlite }, { createApp }, { createApiKey }, auth, helpers, { isoDate }, { dayNumber }] = await Promise.all([
  load('src/db/sqlite.ts'),
  load('src/http/app.ts'),
  load('src/services/apiKeys.ts'),
  load('test/helpers/auth.ts'),
  load('test/helpers/deps.ts'),
  load('src/domain/period.ts'),
  load('src/domain/timeZone.ts'),
]);

const handle = openSqlite(path);
const maxAt = (handle.sqlite.prepare('SELECT max(created_at) AS t FROM responses').get() as { t: number }).t;
const now = maxAt + 3_600_000;
const deps = { db: handle.db, atomic: handle.atomic, mailer: helpers.capturingMailer(), clock: () => now, newId: () => crypto.randomUUID(), config: helpers.testConfig({ TIME_ZONE: 'UTC' }) };
const app = createApp(deps);
const { key } = await createApiKey(deps, `compare ${now} ${crypto.randomUUID()}`);
const firstTeams = (handle.sqlite.prepare('SELECT name FROM teams ORDER BY id LIMIT 3').all() as Array<{ name: string }>).map((t) => t.name);
const agentId = (handle.sqlite.prepare('SELECT id FROM agents ORDER BY id LIMIT 1 OFFSET 7').get() as { id: string }).id;
const suffix = crypto.randomUUID().slice(0, 8);
const session = async (role: string, teams?: string[]) =>
  (await auth.sessionFor(deps, (await auth.createTestUser(deps, { role, teams, email: `compare-${role}-${suffix}@staff.example` })).id)).cookie as string;
const cookieOf = { admin: await session('admin'), manager: await session('manager', firstTeams), api: null };
const views = dashboardViews(dayNumber(now, 'UTC'), agentId, isoDate);

process.on('message', async ({ view }: { view: number }) => {
  const [, who, url] = views[view]!;
  const cookie = cookieOf[who];
  const cpu = process.cpuUsage();
  const t = performance.now();
  const res = await app.request(url, { headers: cookie ? { Cookie: cookie } : { Authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  process.send!({ wall, cpu: (used.user + used.system) / 1000, status: res.status });
});
process.send!({ ready: views.length });
