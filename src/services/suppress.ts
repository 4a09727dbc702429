// Addresses that must not get surveys: unsubscribes, bounces, complaints.
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { customers, suppressions, surveyRequests, type SuppressionReason } from '../db/schema';
import { verifyLink, type LinkError } from '../security/links';
import { err, ok, type Result } from '../domain/result';

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
