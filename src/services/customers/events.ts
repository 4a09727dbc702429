// Churned and reactivated: what a billing system (the API) or a history import says about a
// customer. Idempotent by customer, type and instant, so a retried delivery stores nothing new.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps, RawWrite } from '../../deps';
import { CUSTOMER_EVENT_TYPES, customerEvents, customers, type CustomerEventType } from '../../db/schema';
import { churnedAt } from '../../domain/churn';

export const ZCustomerEventInput = z
  .object({
    type: z.enum(CUSTOMER_EVENT_TYPES),
    at: z.iso.datetime({ offset: true }).meta({ description: 'When it happened, ISO 8601 with a time zone; at most 5 minutes ahead of now.' }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'CustomerEventInput' });
export type TCustomerEventInput = z.infer<typeof ZCustomerEventInput>;

export const ZCustomerEmail = z.string().trim().max(320).email().transform((v) => v.toLowerCase());

export interface NewEvent {
  email: string;
  type: CustomerEventType;
  at: number;
  reason: string | null;
  source: 'api' | 'import';
}

/**
 * The event for the customer with this address, unless the same one is stored already: one
 * statement, so the importer can add it beside a row's writes.
 */
export function eventStatement(id: string, e: NewEvent, now: number): RawWrite {
  return {
    sql: `INSERT INTO customer_events (id, customer_id, type, at, reason, source, created_at)
      SELECT ?, id, ?, ?, ?, ?, ? FROM customers WHERE email = ? ON CONFLICT DO NOTHING`,
    params: [id, e.type, e.at, e.reason, e.source, now, e.email],
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Records the event, creating the customer when Heard has not met them yet (a billing system
 * reports every cancellation, also of people who never contacted support). `created` is false
 * when the same event was stored before; the answer is then the stored one.
 */
export async function recordCustomerEvent(deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>, e: NewEvent) {
  const now = deps.clock();
  const id = deps.newId();
  await deps.atomic([
    deps.db.insert(customers).values({ id: deps.newId(), email: e.email, createdAt: now }).onConflictDoNothing({ target: customers.email }),
    eventStatement(id, e, now),
  ]);
  const rows = await deps.db
    .select({ id: customerEvents.id, type: customerEvents.type, at: customerEvents.at, reason: customerEvents.reason, name: customers.name })
    .from(customerEvents)
    .innerJoin(customers, eq(customers.id, customerEvents.customerId))
    .where(eq(customers.email, e.email))
    .orderBy(asc(customerEvents.at));
  const stored = rows.find((r) => r.type === e.type && r.at === e.at)!;
  const churned = churnedAt(rows);
  return {
    created: stored.id === id,
    body: {
      event: { id: stored.id, type: stored.type, at: iso(stored.at)!, reason: stored.reason },
      customer: { email: e.email, name: stored.name, state: churned === null ? ('active' as const) : ('churned' as const), churnedAt: iso(churned) },
    },
  };
}

/** A customer's churn events, oldest first, for their page. */
export async function eventsOf(deps: Pick<Deps, 'db'>, customerId: string) {
  return deps.db
    .select({ id: customerEvents.id, type: customerEvents.type, at: customerEvents.at, reason: customerEvents.reason, source: customerEvents.source })
    .from(customerEvents)
    .where(eq(customerEvents.customerId, customerId))
    .orderBy(asc(customerEvents.at));
}
