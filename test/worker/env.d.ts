// Types for `env` and `exports` in workerd tests (what `wrangler types` would generate, kept small).
import type { D1Migration } from 'cloudflare:test';
import type { WorkerEnv } from '../../src/entry/worker';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../../src/entry/worker');
    }
  }
}
