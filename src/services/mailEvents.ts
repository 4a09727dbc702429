// Delivery events from the mail provider: bounces and complaints suppress the address, every
// event updates the survey request's delivery status, and a redelivered event changes nothing.
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { surveyRequests, webhookEvents } from '../db/schema';
import { suppressStatement } from './suppress';

export interface MailEvent {
  /** The provider's delivery id, unique per event. */
  id: string;
  type: string;
  messageId: string | null;
  recipients: string[];
  /** For bounces: 'Permanent', 'Transient' or 'Undetermined'. */
  bounceType?: string;
}

const STATUS_BY_TYPE: Record<string, string> = {
  'email.delivered': 'delivered',
  'email.delivery_delayed': 'delivery_delayed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.failed': 'failed',
  'email.suppressed': 'suppressed',
  'email.opened': 'opened',
  'email.clicked': 'clicked',
};

export async function handleMailEvent(
  deps: Pick<Deps, 'db' | 'clock' | 'atomic'>,
  e: MailEvent,
): Promise<'processed' | 'duplicate'> {
  const now = deps.clock();
  const seen = await deps.db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, e.id));
  if (seen.length > 0) return 'duplicate';

  const status = STATUS_BY_TYPE[e.type];
  const hardBounce = e.type === 'email.bounced' && e.bounceType !== 'Transient';
  const reason = e.type === 'email.complained' ? 'complained' : hardBounce || e.type === 'email.suppressed' ? 'bounced' : null;
  try {
    // The event id is recorded in the same atomic write as its effects: a failure leaves it unseen
    // so the provider's retry is processed, and a concurrent duplicate fails on the primary key.
    await deps.atomic([
      deps.db.insert(webhookEvents).values({ id: e.id, type: e.type, createdAt: now }),
      ...(status && e.messageId
        ? [
            deps.db
              .update(surveyRequests)
              .set({ deliveryStatus: status, deliveryUpdatedAt: now })
              .where(eq(surveyRequests.messageId, e.messageId)),
          ]
        : []),
      ...(reason ? e.recipients.map((to) => suppressStatement(deps, to, reason)) : []),
    ]);
  } catch (error) {
    const again = await deps.db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, e.id));
    if (again.length > 0) return 'duplicate';
    throw error;
  }
  return 'processed';
}
