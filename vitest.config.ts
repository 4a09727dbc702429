// One `vitest run` covers both runtimes: every test on Node, and inside workerd the Workers tests
// plus the behavioural modules that can run there unchanged (listed in WORKERD_SHARED).
import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig, type Plugin } from 'vitest/config';

/** Test modules written against test/helpers/deps.ts that also run on D1 (no Node-only imports). */
const WORKERD_SHARED = [
  ...['auth', 'ingest', 'respond', 'responsesApi', 'unsubscribe', 'followups', 'openapi', 'ticketLinks', 'integrations'].map((name) => `test/http/${name}.test.ts`),
  'test/services/followups.test.ts',
  // follow-ups: a task's webhook events survive a failed write or a crash after the task commits.
  'test/services/followupsWebhooksDurable.test.ts',
  'test/services/metricsRuntimes.test.ts',
  'test/services/commentCells.test.ts',
  'test/http/hooks.test.ts',

  'test/analysers/lexicon.test.ts',
  'test/services/insight.test.ts',
  'test/http/themesApi.test.ts',

  // score digest: the PNG charts (CompressionStream) and the once-per-period claim on D1 too.
  'test/services/scoreDigest.test.ts',
  // data rights: erasure of a customer with more rows than D1 binds in one statement
  'test/http/customerData.test.ts',
  'test/http/erasureUnderWay.test.ts',
  'test/http/customersApi.test.ts',
  'test/http/churnApi.test.ts',
];

/** Inside workerd, the SQLite test dependencies are replaced by their D1 twin. */
function d1TestDeps(): Plugin {
  const sqlite = resolve('test/helpers/deps.ts');
  const d1 = resolve('test/worker/helpers/deps.ts');
  return {
    name: 'heard:d1-test-deps',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === sqlite ? d1 : null;
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/worker/**'],
          // The helpdesk API stand-in, shared with the workerd run below.
          globalSetup: ['test/shared/helpdeskGlobalSetup.ts'],
          // Browser tests start Chromium and wait out the survey page's confirmation delay. A cold
          // Chromium start beside the other test files on a 2-core machine once took over 30 s.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          d1TestDeps(),
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Test-only values beside the vars in wrangler.toml; the Resend stand-in runs in Node.
              bindings: {
                APP_SECRET: 'workerd-test-secret-'.padEnd(40, 'x'),
                RESEND_API_KEY: 're_test',
                RESEND_BASE_URL: inject('resendUrl'),
                TEST_MIGRATIONS: await readD1Migrations('./drizzle'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/worker/**/*.test.ts', ...WORKERD_SHARED],
          globalSetup: ['test/shared/resendGlobalSetup.ts', 'test/shared/helpdeskGlobalSetup.ts'],
          setupFiles: ['test/worker/applyMigrations.ts'],
          // One module graph for all workerd files: importing the app into a fresh isolate per file
          // costs seconds on a 2-core runner. Files take turns, as each test resets the one D1.
          isolate: false,
          fileParallelism: false,
        },
      },
    ],
  },
});
