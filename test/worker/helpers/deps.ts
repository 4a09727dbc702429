// The D1 twin of test/helpers/deps.ts. Inside workerd, vitest.config.ts resolves that module to
// this one, so the same test modules run against D1. The database is emptied and migrated again
// before every test (applyMigrations.ts), which makes each makeTestDeps() a fresh database.
import { env } from 'cloudflare:workers';
import { d1Database } from '../../../src/db/d1';
import { testAppOver, testDepsOver, type TestDeps, type TestDepsOptions } from '../../shared/testDeps';

export * from '../../shared/testDeps';

export function makeTestDeps(opts: TestDepsOptions = {}): TestDeps {
  return testDepsOver({ ...d1Database(env.DB), dir: '', close: () => {} }, opts);
}

export async function makeTestApp(opts: TestDepsOptions = {}) {
  return testAppOver(makeTestDeps(opts));
}
