// Every workerd test starts from an empty D1 with the schema the drizzle/ migrations describe,
// as every Node test starts from a fresh SQLite file.
import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach } from 'vitest';

beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});
