// PLACEHOLDER: replaced by the connectors branch at merge
// Intake of one helpdesk webhook. Until the connectors land this only records the delivery, so the
// integration page's test button and delivery log can be exercised end to end.
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { connectionDeliveries, connections } from '../db/schema';
import { sha256Hex } from '../security/crypto';

export async function receiveHook(
  deps: Deps,
  provider: string,
  connectionId: string,
  hook: { headers: Headers; rawBody: string },
  _fetchImpl?: typeof fetch,
): Promise<{ status: number; body: string; contentType: string }> {
  const [conn] = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.provider, provider as never)));
  if (!conn) return { status: 404, body: '{"title":"Not found"}', contentType: 'application/problem+json' };
  let ticketId: string | null = null;
  try {
    const parsed: unknown = JSON.parse(hook.rawBody);
    if (parsed && typeof parsed === 'object' && 'ticket_id' in parsed) ticketId = String(parsed.ticket_id);
  } catch {
    // an unreadable body is still logged
  }
  await deps.db
    .insert(connectionDeliveries)
    .values({
      id: deps.newId(),
      connectionId,
      dedupeKey: await sha256Hex(hook.rawBody),
      event: 'test',
      outcome: 'ignored',
      reason: 'Connectors are not installed yet',
      ticketId,
      receivedAt: deps.clock(),
    })
    .onConflictDoNothing();
  return { status: 200, body: '{"ok":true}', contentType: 'application/json' };
}
