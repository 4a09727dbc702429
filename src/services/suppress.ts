// Addresses that must not get surveys: unsubscribes, bounces, complaints, and (kept as a keyed
// hash only) customers who asked to be erased.
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { customers, suppressions, surveyRequests, type SuppressionReason } from '../db/schema';
import { verifyLink, type LinkError } from '../security/links';
import { err, ok, type Result } from '../domain/result';
import { hashedSuppression, normaliseAddress } from './customers/addressHash';

/** The write that suppresses an address, to run alone or inside `atomic`. */
export function suppressStatement(deps: Pick<Deps, 'db' | 'clock'>, email: string, reason: SuppressionReason) {
  const insert = deps.db
    .insert(suppressions)
    .values({ email: email.trim().toLowerCase(), reason, createdAt: deps.clock() });
  // A complaint outranks an earlier unsubscribe or bounce; otherwise the first reason stays.
  return reason === 'complained'
    ? insert.onConflictDoUpdate({ target: suppressions.email, set: { reason } })
    : insert.onConflictDoNothing();
}

/**
 * Why an address is suppressed, from both lists: its plain suppression, else 'erased' when its
 * owner asked to be forgotten (the erasure keeps only the address's hash). Null when it may be emailed.
 */
export async function suppressionOf(deps: Pick<Deps, 'db' | 'config'>, email: string): Promise<SuppressionReason | 'erased' | null> {
  const [plain] = await deps.db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.email, normaliseAddress(email)));
  if (plain) return plain.reason;
  return (await hashedSuppression(deps, email)) ? 'erased' : null;
}

/** The address behind an unsubscribe link, if the link is genuine and current. */
export async function unsubscribeTarget(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  token: string,
): Promise<Result<{ email: string; locale: string | null }, LinkError>> {
  const link = await verifyLink(deps.config.appSecret, 'unsubscribe', token, deps.clock());
  if (!link.ok) return link;
  const [row] = await deps.db
    .select({ email: customers.email, locale: customers.locale })
    .from(surveyRequests)
    .innerJoin(customers, eq(customers.id, surveyRequests.customerId))
    .where(eq(surveyRequests.id, link.value.requestId));
  return row ? ok(row) : err('invalid');
}
