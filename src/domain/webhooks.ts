// Outgoing webhooks, the pure part: events, formats, and when a failed delivery is tried again.
import { HOUR } from './followups';

export const WEBHOOK_EVENTS = ['response.created', 'followup.opened', 'followup.closed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Attempts before a delivery is given up as failed (about a day of trying). */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** Backoff after failed attempt n: 30 s, 2 min, 8 min, 32 min ... capped at six hours. */
export const webhookRetryDelay = (attempt: number): number => Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 6 * HOUR);

/** Answers worth trying again: no answer at all, a timeout, rate limiting, or the receiver's own trouble. */
export const isRetryableStatus = (status: number | null): boolean =>
  status === null || status === 408 || status === 429 || status >= 500;

/**
 * What a delivery row (outgoing webhook, alert) becomes after an attempt: delivered, due again after
 * the backoff while tries remain and trying again can help, or failed.
 */
export type AttemptOutcome = 'delivered' | 'retried' | 'failed';

export function afterAttempt(a: { ok: boolean; retryable: boolean; attempts: number; now: number }) {
  const retry = !a.ok && a.retryable && a.attempts < WEBHOOK_MAX_ATTEMPTS;
  const outcome: AttemptOutcome = a.ok ? 'delivered' : retry ? 'retried' : 'failed';
  return {
    outcome,
    set: {
      status: a.ok ? 'delivered' : retry ? 'pending' : 'failed',
      claimedUntil: null,
      lastAttemptAt: a.now,
      ...(a.ok ? { deliveredAt: a.now } : {}),
      ...(retry ? { nextAttemptAt: a.now + webhookRetryDelay(a.attempts) } : {}),
    },
  } as const;
}
