// Alert deliveries: one row per rule × answer, queued by the alert check, then posted by runDueWork
// to the rule's Slack or Teams webhook, or emailed to its list, with the outgoing webhooks' backoff
// and claims. Each row keeps its latest answer for the Alerts page.
import { and, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { alertDeliveries, alertRules } from '../../db/schema';
import { alertTitle, slackMessage, teamsMessage, type AlertMessage } from '../../domain/alertMessages';
import { afterAttempt, type AttemptOutcome, isRetryableStatus } from '../../domain/webhooks';
import { renderAlertEmail } from '../../mail/templates/AlertEmail';
import { drain } from '../drain';
import { postJson } from '../followups/webhooks';

const CLAIM_TTL = 2 * 60_000;
const BATCH = 10;
const MAX_PER_RUN = 200;

type Fetch = typeof fetch;

/** Queues one alert; `id` is stable per rule and answer, so queuing it again does nothing. */
export function queueAlert(deps: Pick<Deps, 'db'>, a: { id: string; ruleId: string; responseId: string | null; message: AlertMessage; now: number }): Statement {
  return deps.db
    .insert(alertDeliveries)
    .values({ id: a.id, ruleId: a.ruleId, responseId: a.responseId, message: JSON.stringify(a.message), status: 'pending', nextAttemptAt: a.now, createdAt: a.now })
    .onConflictDoNothing();
}

async function claimDue(deps: Pick<Deps, 'db'>, now: number, only?: string) {
  const due = and(
    or(
      and(eq(alertDeliveries.status, 'pending'), lte(alertDeliveries.nextAttemptAt, now)),
      and(eq(alertDeliveries.status, 'sending'), lte(alertDeliveries.claimedUntil, now)),
    ),
    only ? eq(alertDeliveries.id, only) : undefined,
  );
  const ids = deps.db.select({ id: alertDeliveries.id }).from(alertDeliveries).where(due).orderBy(alertDeliveries.nextAttemptAt).limit(BATCH);
  return deps.db
    .update(alertDeliveries)
    .set({ status: 'sending', claimedUntil: now + CLAIM_TTL, attempts: sql`${alertDeliveries.attempts} + 1` })
    .where(and(inArray(alertDeliveries.id, ids), due))
    .returning({
      id: alertDeliveries.id,
      ruleId: alertDeliveries.ruleId,
      responseId: alertDeliveries.responseId,
      message: alertDeliveries.message,
      attempts: alertDeliveries.attempts,
    });
}

type Claim = Awaited<ReturnType<typeof claimDue>>[number];
type Rule = typeof alertRules.$inferSelect;
interface Sent {
  status: number | null;
  error: string | null;
  retryable: boolean;
}

/** The list's addresses, each its own email with its own idempotency key, so a retry never doubles one. */
async function email(deps: Pick<Deps, 'mailer' | 'config'>, rule: Rule, c: Claim, m: AlertMessage): Promise<Sent> {
  const rendered = await renderAlertEmail(m);
  const failures: { error: string; retryable: boolean }[] = [];
  for (const to of JSON.parse(rule.target) as string[]) {
    const r = await deps.mailer.send({ to, from: deps.config.mailFrom, ...rendered, headers: {}, idempotencyKey: `${c.id}/${to}` });
    if (!r.ok) failures.push(r);
  }
  if (failures.length === 0) return { status: null, error: null, retryable: false };
  return { status: null, error: failures.map((f) => f.error).join('; ').slice(0, 300), retryable: failures.some((f) => f.retryable) };
}

async function send(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, c: Claim, fetchImpl: Fetch): Promise<Sent> {
  const [rule] = await deps.db.select().from(alertRules).where(eq(alertRules.id, c.ruleId));
  if (!rule) return { status: null, error: 'the alert rule no longer exists', retryable: false };
  // Disabling a noisy rule stops what it still had queued; a test alert goes out regardless.
  if (!rule.active && c.responseId !== null) return { status: null, error: 'alert disabled', retryable: false };
  const m = JSON.parse(c.message) as AlertMessage;
  if (rule.destination === 'email') return email(deps, rule, c, m);
  const body = JSON.stringify(rule.destination === 'slack' ? slackMessage(m) : teamsMessage(m));
  const r = await postJson(rule.target, body, {}, fetchImpl);
  const ok = r.status !== null && r.status >= 200 && r.status < 300;
  return { status: r.status, error: ok ? null : r.error, retryable: isRetryableStatus(r.status) };
}

type Outcome = AttemptOutcome;

async function deliverOne(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, c: Claim, now: number, fetchImpl: Fetch): Promise<Outcome> {
  const r = await send(deps, c, fetchImpl).catch((error: unknown): Sent => ({ status: null, error: String(error).slice(0, 300), retryable: true }));
  const next = afterAttempt({ ok: r.error === null, retryable: r.retryable, attempts: c.attempts, now });
  await deps.db
    .update(alertDeliveries)
    .set({ ...next.set, responseStatus: r.status, error: r.error })
    .where(and(eq(alertDeliveries.id, c.id), eq(alertDeliveries.status, 'sending')));
  return next.outcome;
}

export interface AlertDeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
}

/** Delivers what is due (or only the delivery `only`). Safe to run from several places at once: each row is claimed first. */
export async function deliverAlerts(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, now: number, fetchImpl: Fetch = fetch, only?: string): Promise<AlertDeliveryReport> {
  const report: AlertDeliveryReport = { delivered: 0, retried: 0, failed: 0 };
  return drain(() => claimDue(deps, now, only), (c) => deliverOne(deps, c, now, fetchImpl), report, MAX_PER_RUN);
}

export async function recentAlertDeliveries(deps: Pick<Deps, 'db'>, ruleId: string, limit = 20) {
  const rows = await deps.db
    .select()
    .from(alertDeliveries)
    .where(eq(alertDeliveries.ruleId, ruleId))
    .orderBy(desc(alertDeliveries.createdAt), desc(alertDeliveries.id))
    .limit(limit);
  return rows.map(({ message, ...d }) => ({ ...d, title: alertTitle(JSON.parse(message) as AlertMessage) }));
}
export type AlertDeliveryRow = Awaited<ReturnType<typeof recentAlertDeliveries>>[number];

/** A sample alert through the rule's destination, delivered at once; the row shows in the log like any other. */
export async function sendTestAlert(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, rule: { id: string; name: string; description: string }, now: number, fetchImpl: Fetch = fetch) {
  const message: AlertMessage = {
    test: true,
    rule: rule.name,
    condition: rule.description,
    survey: 'csat',
    score: 1,
    comment: 'This is a test alert from Heard. <Nothing> happened & no customer is waiting.',
    customer: 'A. Customer (test)',
    agent: 'An Agent',
    team: null,
    link: `${deps.config.publicUrl}/alerts/${encodeURIComponent(rule.id)}`,
    linkLabel: 'Open the alert rule',
  };
  const id = `test/${rule.id}/${now}`;
  await queueAlert(deps, { id, ruleId: rule.id, responseId: null, message, now });
  await deliverAlerts(deps, now, fetchImpl, id);
}
