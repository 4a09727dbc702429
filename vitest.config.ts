// One `vitest run` covers both runtimes: Node tests, and the Workers tests inside workerd.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/worker/**'],
          // Browser tests start Chromium and wait out the survey page's confirmation delay.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [
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
          // One module graph for all workerd files: importing the app into a fresh isolate per file
          // costs seconds on a 2-core runner. Tests name their own rows, so a shared D1 is safe.
          isolate: false,
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/shared/resendGlobalSetup.ts'],
          setupFiles: ['test/worker/applyMigrations.ts'],
        },
      },
    ],
  },
});
