// PLACEHOLDER: replaced by the connectors branch at merge
// A signed, closing webhook as the connection's helpdesk would send it, for the "Send a test event" button.
import type { ConnectionInfo } from './types';

export async function sampleHook(conn: ConnectionInfo, now: number): Promise<{ headers: Record<string, string>; rawBody: string }> {
  const rawBody = JSON.stringify({
    ticket_id: `heard-test-${now}`,
    status: 'solved',
    requester_email: 'test.customer@example.com',
    provider: conn.provider,
  });
  return { headers: { 'Content-Type': 'application/json' }, rawBody };
}
