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
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/worker/globalSetup.ts'],
          setupFiles: ['test/worker/applyMigrations.ts'],
        },
      },
    ],
  },
});
