// Admins hear when a helpdesk connection starts to need attention (its credentials refused): one
// email each, once per entering the state. attentionStatement queues it with the state change
// (`attention_email_at`); runDueWork sends it, holding the connection first so two runs never both
// send, with an idempotency key per spell and address so a retry after a crash sends nothing twice.
import { and, eq, lte } from 'drizzle-orm';
import { connectorFor } from '../connectors';
import { connections, users } from '../db/schema';
import type { Deps } from '../deps';
import { renderAttentionEmail } from '../mail/templates/AttentionEmail';

/** How long a run holds a connection it is emailing about, and waits before trying a failed send again. */
const HOLD = 5 * 60_000;
const BATCH = 20;

/** Sends the due emails; returns how many went out. */
export async function emailConnectionAttention(deps: Deps, now: number): Promise<number> {
  const due = await deps.db
    .select({ id: connections.id, since: connections.attentionSince })
    .from(connections)
    .where(lte(connections.attentionEmailAt, now))
    .limit(BATCH);
  let sent = 0;
  for (const d of due) {
    if (d.since === null) continue;
    const mine = and(eq(connections.id, d.id), eq(connections.attentionSince, d.since));
    const [held] = await deps.db
      .update(connections)
      .set({ attentionEmailAt: now + HOLD })
      .where(and(mine, lte(connections.attentionEmailAt, now)))
      .returning();
    if (!held?.attention) continue;
    const admins = await deps.db.select({ email: users.email }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)));
    const email = await renderAttentionEmail({
      helpdesk: connectorFor(held.provider)?.label ?? held.provider,
      name: held.name,
      reason: held.attention,
      url: `${deps.config.publicUrl}/admin/integrations/${encodeURIComponent(held.id)}`,
    });
    const results = await Promise.all(
      admins.map((a) =>
        deps.mailer.send({ to: a.email, from: deps.config.mailFrom, ...email, headers: {}, idempotencyKey: `connection-attention/${held.id}/${d.since}/${a.email}` }),
      ),
    );
    sent += results.filter((r) => r.ok).length;
    // Retried after HOLD; addresses already sent to are covered by their idempotency keys.
    if (results.some((r) => !r.ok && r.retryable)) continue;
    await deps.db.update(connections).set({ attentionEmailAt: null }).where(mine);
  }
  return sent;
}
