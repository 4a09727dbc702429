import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config';

const FALLBACK = 'f'.repeat(40);

it('has documented defaults', () => {
  const c = parseConfig({}, FALLBACK);
  expect(c).toMatchObject({
    ok: true,
    value: {
      port: 3000,
      databasePath: './data/heard.db',
      publicUrl: 'http://localhost:3000',
      appSecret: FALLBACK,
      surveyDelayMinutes: 60,
      throttleDays: 30,
      dispatchIntervalSeconds: 15,
      resendApiKey: undefined,
    },
  });
});

it('names the variable that is wrong', () => {
  expect(parseConfig({ THROTTLE_DAYS: '-1' }, FALLBACK)).toEqual({ ok: false, error: 'THROTTLE_DAYS: must be a whole number from 0 to 3650' });
  expect(parseConfig({ PUBLIC_URL: 'heard.example.com' }, FALLBACK)).toMatchObject({ ok: false, error: expect.stringMatching(/^PUBLIC_URL/) });
  expect(parseConfig({ APP_SECRET: 'short' }, FALLBACK)).toMatchObject({ ok: false, error: expect.stringMatching(/^APP_SECRET/) });
  expect(parseConfig({ RESEND_API_KEY: 're_x' }, FALLBACK)).toMatchObject({ ok: false, error: expect.stringMatching(/^MAIL_FROM/) });
});

it('requires APP_SECRET in production and never falls back to a generated one there', () => {
  expect(parseConfig({ NODE_ENV: 'production' }, FALLBACK)).toMatchObject({ ok: false, error: expect.stringMatching(/^APP_SECRET/) });
  expect(parseConfig({ NODE_ENV: 'production', APP_SECRET: 's'.repeat(32) }, FALLBACK)).toMatchObject({ ok: true, value: { appSecret: 's'.repeat(32), production: true } });
});

it('drops a trailing slash from PUBLIC_URL so links join cleanly', () => {
  expect(parseConfig({ PUBLIC_URL: 'https://heard.example.com/' }, FALLBACK)).toMatchObject({ value: { publicUrl: 'https://heard.example.com' } });
});
