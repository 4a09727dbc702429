// Every workerd test starts from an empty D1 with the schema the drizzle/ migrations describe,
// as every Node test starts from a fresh SQLite file.
import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach } from 'vitest';

beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  // Files share one isolate: a write the previous file's last test left in flight can land after
  // the reset. Empty every table once more so no test starts with another's rows.
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  if (results.length === 0) return;
  await env.DB.batch([
    env.DB.prepare('PRAGMA defer_foreign_keys = on'),
    ...results.map((t) => env.DB.prepare(`DELETE FROM "${t.name.replaceAll('"', '""')}"`)),
  ]);
});
