// Outgoing webhooks: an event is queued once per subscribed webhook right after the change it
// reports, then delivered by runDueWork with an HMAC-SHA256 signature over the timestamp and body,
// retried with backoff, and each delivery's latest answer kept for admins to read.
import { and, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { webhookDeliveries, webhooks } from '../../db/schema';
import { afterAttempt, type AttemptOutcome, isRetryableStatus, type WebhookEvent, type WebhookFormat } from '../../domain/webhooks';
import { hmac, randomToken } from '../../security/crypto';
import { drain } from '../drain';

export const SIGNATURE_HEADER = 'X-Heard-Signature';
export const TIMESTAMP_HEADER = 'X-Heard-Timestamp';
const TIMEOUT_MS = 10_000;
const CLAIM_TTL = 2 * 60_000;
const BATCH = 10;
const MAX_PER_RUN = 200;

export interface OutgoingEvent {
  /** Stable per happening (`followup.opened/<id>`): queuing it twice for a webhook does nothing. */
  key: string;
  type: WebhookEvent;
  at: number;
  data: Record<string, unknown>;
  /** One line for chat tools (the Slack-compatible format). */
  text: string;
}

const p = sql.placeholder;
const subscribed = sql`w.active = 1 and exists (select 1 from json_each(w.events) j where j.value = ${p('type')})`;

// Both compiled once: they run after every task an answer opens.
const queueQuery = compiled((db) =>
  db
    .insert(webhookDeliveries)
    // Columns in table order, as insert ... select requires.
    .select(
      sql`select ${p('key')} || '/' || w.id, w.id, ${p('type')}, case w.format when 'slack' then ${p('slack')} else ${p('json')} end,
        'pending', 0, ${p('at')}, null, null, null, ${p('at')}, null, null
      from ${webhooks} w where ${subscribed}`,
    )
    .onConflictDoNothing(),
);
const listenersQuery = compiled((db) => db.select({ id: sql<string>`w.id` }).from(sql`${webhooks} w`).where(subscribed).limit(1));

/** Whether an active webhook subscribes to events of this type. */
export async function listens(deps: Pick<Deps, 'db'>, type: WebhookEvent): Promise<boolean> {
  return (await listenersQuery(deps.db).all({ type })).length > 0;
}

/** Queues the event for every active webhook that subscribes to it; nothing when there is none. */
export function queueEvent(deps: Pick<Deps, 'db'>, e: OutgoingEvent): Statement {
  const json = JSON.stringify({ id: e.key, type: e.type, createdAt: new Date(e.at).toISOString(), data: e.data });
  return bind(queueQuery(deps.db), { key: e.key, type: e.type, slack: JSON.stringify({ text: e.text }), json, at: e.at });
}

/** The signature receivers recompute: hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret. */
export async function signature(secret: string, timestamp: number, body: string): Promise<string> {
  const mac = await hmac(secret, `${timestamp}.${body}`);
  return `v1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

type Fetch = typeof fetch;

async function claimDue(deps: Pick<Deps, 'db'>, now: number) {
  const due = or(
    and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)),
    and(eq(webhookDeliveries.status, 'sending'), lte(webhookDeliveries.claimedUntil, now)),
  );
  const ids = deps.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(due).orderBy(webhookDeliveries.nextAttemptAt).limit(BATCH);
  return deps.db
    .update(webhookDeliveries)
    .set({ status: 'sending', claimedUntil: now + CLAIM_TTL, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(and(inArray(webhookDeliveries.id, ids), due))
    .returning({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
    });
}

type Claim = Awaited<ReturnType<typeof claimDue>>[number];
type Outcome = AttemptOutcome;

/**
 * POSTs a JSON body without following redirects; the answer's status, or why there was none. Every
 * outgoing HTTP delivery (these webhooks, alerts) goes through here.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, fetchImpl: Fetch): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Heard-Webhooks/1', ...headers },
    });
    // The body is not needed; reading it frees the connection.
    await res.body?.cancel();
    return { status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (error) {
    return { status: null, error: fetchFailure(error, url).slice(0, 300) };
  }
}

async function post(target: { url: string; secret: string }, c: Claim, now: number, fetchImpl: Fetch) {
  const timestamp = Math.floor(now / 1000);
  return postJson(
    target.url,
    c.payload,
    {
      'X-Heard-Event': c.event,
      'X-Heard-Delivery': c.id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: await signature(target.secret, timestamp, c.payload),
    },
    fetchImpl,
  );
}

// What the network errors of fetch mean, for the delivery log (undici puts the reason in `cause`).
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the name could not be looked up',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name',
};

/** "Could not connect to hooks.example.com (connection refused)" instead of "TypeError: fetch failed". */
export function fetchFailure(error: unknown, url: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // The stored URL was checked when saved; show it as it is.
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `${host} did not answer within ${TIMEOUT_MS / 1000} seconds`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const reason = (code && NETWORK_REASONS[code]) ?? (typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error));
  return `Could not connect to ${host} (${reason})`;
}

async function deliverOne(deps: Pick<Deps, 'db'>, c: Claim, now: number, fetchImpl: Fetch): Promise<Outcome> {
  const [target] = await deps.db
    .select({ url: webhooks.url, secret: webhooks.secret, active: webhooks.active })
    .from(webhooks)
    .where(eq(webhooks.id, c.webhookId));
  const result = target?.active ? await post(target, c, now, fetchImpl) : { status: null, error: 'webhook disabled' };
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const next = afterAttempt({ ok, retryable: target?.active === true && isRetryableStatus(result.status), attempts: c.attempts, now });
  await deps.db
    .update(webhookDeliveries)
    .set({ ...next.set, responseStatus: result.status, error: result.error })
    .where(and(eq(webhookDeliveries.id, c.id), eq(webhookDeliveries.status, 'sending')));
  return next.outcome;
}

export interface WebhookReport {
  delivered: number;
  retried: number;
  failed: number;
}

/** Delivers what is due. Safe to run from several places at once: each delivery is claimed first. */
export async function deliverWebhooks(deps: Pick<Deps, 'db'>, now: number, fetchImpl: Fetch = fetch): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retried: 0, failed: 0 };
  return drain(() => claimDue(deps, now), (c) => deliverOne(deps, c, now, fetchImpl), report, MAX_PER_RUN);
}

// ---- administration ----

export interface NewWebhook {
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
}

export async function createWebhook(deps: Pick<Deps, 'db' | 'clock' | 'newId'>, actorId: string, w: NewWebhook) {
  const id = deps.newId();
  await deps.db.insert(webhooks).values({
    id,
    url: w.url,
    events: JSON.stringify(w.events),
    format: w.format,
    secret: `whsec_${randomToken(24)}`,
    createdBy: actorId,
    createdAt: deps.clock(),
  });
  return id;
}

export interface WebhookRow {
  id: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  secret: string;
  active: boolean;
  createdAt: number;
}

const toRow = (r: typeof webhooks.$inferSelect): WebhookRow => ({ ...r, events: JSON.parse(r.events) as WebhookEvent[] });

export async function listWebhooks(deps: Pick<Deps, 'db'>): Promise<WebhookRow[]> {
  return (await deps.db.select().from(webhooks).orderBy(desc(webhooks.createdAt))).map(toRow);
}

export async function getWebhook(deps: Pick<Deps, 'db'>, id: string): Promise<WebhookRow | null> {
  const [row] = await deps.db.select().from(webhooks).where(eq(webhooks.id, id));
  return row ? toRow(row) : null;
}

export async function setWebhookActive(deps: Pick<Deps, 'db'>, id: string, active: boolean): Promise<boolean> {
  const rows = await deps.db.update(webhooks).set({ active }).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return rows.length > 0;
}

/** Removes a webhook and its delivery log. */
export async function deleteWebhook(deps: Pick<Deps, 'db' | 'atomic'>, id: string): Promise<void> {
  await deps.atomic([
    deps.db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)),
    deps.db.delete(webhooks).where(eq(webhooks.id, id)),
  ]);
}

export async function recentDeliveries(deps: Pick<Deps, 'db'>, webhookId: string, limit = 50) {
  return deps.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}
