// Configuration from environment variables, shared by both runtimes. Parsing is pure: entries
// decide where the values come from (process.env, Worker vars and secrets) and what to do on failure.
import { z } from 'zod';
import { isTimeZone } from './domain/timeZone';
import { err, ok, type Result } from './domain/result';

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const url = (name: string) =>
  optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    message: `${name} must be an http(s) URL`,
  });

const EnvSchema = z.object({
  NODE_ENV: optionalText,
  PORT: int(3000, 0, 65535),
  DATABASE_PATH: optionalText,
  PUBLIC_URL: url('PUBLIC_URL'),
  APP_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: url('RESEND_BASE_URL'),
  RESEND_WEBHOOK_SECRET: optionalText,
  MAIL_FROM: optionalText,
  BRAND_NAME: optionalText,
  SURVEY_DELAY_MINUTES: int(60, 0, 60 * 24 * 30),
  THROTTLE_DAYS: int(30, 0, 3650),
  DISPATCH_INTERVAL_SECONDS: int(15, 1, 3600),
  MIN_SAMPLE: int(10, 1, 10000),
  TIME_ZONE: optionalText.refine((v) => v === undefined || isTimeZone(v), {
    message: 'must be an IANA time zone such as Europe/Madrid or America/New_York',
  }),
});

export interface Config {
  production: boolean;
  port: number;
  databasePath: string;
  /** Base of every link in emails, without a trailing slash. */
  publicUrl: string;
  appSecret: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  resendWebhookSecret: string | undefined;
  mailFrom: string;
  /** The company name customers know, used in emails; without it they speak of "the support team". */
  brandName: string | undefined;
  surveyDelayMinutes: number;
  throttleDays: number;
  dispatchIntervalSeconds: number;
  /** IANA zone whose calendar days the dashboards count in (day ranges, trend buckets, rollups). */
  timeZone: string;
  /** Responses a score needs before it is shown as reliable and ranked. */
  minSample: number;
}

export type Env = Record<string, string | undefined>;

/**
 * Reads the environment. `fallbackSecret` is what a development install uses when APP_SECRET
 * is unset (Node keeps one in the data directory); production must set APP_SECRET.
 */
export function parseConfig(env: Env, fallbackSecret?: string): Result<Config, string> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err(`${String(issue.path[0] ?? 'configuration')}: ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const appSecret = e.APP_SECRET ?? (production ? undefined : fallbackSecret);
  if (!appSecret) return err('APP_SECRET: required when NODE_ENV=production (at least 32 characters)');
  if (e.RESEND_API_KEY && !e.MAIL_FROM) return err('MAIL_FROM: required when RESEND_API_KEY is set');
  return ok({
    production,
    port: e.PORT,
    databasePath: e.DATABASE_PATH ?? './data/heard.db',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    appSecret,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    mailFrom: e.MAIL_FROM ?? 'Heard <surveys@heard.localhost>',
    brandName: e.BRAND_NAME,
    surveyDelayMinutes: e.SURVEY_DELAY_MINUTES,
    throttleDays: e.THROTTLE_DAYS,
    dispatchIntervalSeconds: e.DISPATCH_INTERVAL_SECONDS,
    timeZone: e.TIME_ZONE ?? 'UTC',
    minSample: e.MIN_SAMPLE,
  });
}
