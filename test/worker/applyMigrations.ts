// Each test file gets its own local D1; bring it to the schema the drizzle/ migrations describe.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
