// Real dependencies for tests on Node: a fresh SQLite file per test, over the runtime-neutral kit
// in test/shared/testDeps.ts (which test/worker/helpers/deps.ts puts over D1 inside workerd).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/db/sqlite';
import { useSyncDigests } from '../../src/security/crypto';
import { nodeDigests } from '../../src/entry/nodeDigests';
import { testAppOver, testDepsOver, type TestDeps, type TestDepsOptions } from '../shared/testDeps';

export * from '../shared/testDeps';

// As the Node entry does; test/security/digests.test.ts checks they equal Web Crypto's.
useSyncDigests(nodeDigests);

export function makeTestDeps(
  opts: TestDepsOptions & {
    /** A database file to start from (a copy is used), e.g. one made once with VACUUM INTO. */
    template?: string;
  } = {},
): TestDeps {
  const dir = mkdtempSync(join(tmpdir(), 'heard-test-'));
  if (opts.template) copyFileSync(opts.template, join(dir, 'heard.db'));
  const handle = openSqlite(join(dir, 'heard.db'));
  const close = () => {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return testDepsOver({ db: handle.db, atomic: handle.atomic, dir, close }, opts);
}

export async function makeTestApp(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  return testAppOver(makeTestDeps(opts));
}
