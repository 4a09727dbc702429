// A correctly signed, realistic closing event for each helpdesk: what "send a test event" posts to
// a connection's own webhook URL, and what tests replay. The customer and agent are named inline,
// so a sample maps without API look-ups.
import type { Provider } from '../db/schema';
import { FRESHDESK_SECRET_HEADER } from './freshdesk';
import { FRONT_SIGNATURE, FRONT_TIMESTAMP } from './front';
import { HELPSCOUT_EVENT, HELPSCOUT_SIGNATURE } from './helpscout';
import { INTERCOM_SIGNATURE } from './intercom';
import { mac } from './signatures';
import type { ConnectionInfo } from './types';
import { ZENDESK_SIGNATURE, ZENDESK_TIMESTAMP } from './zendesk';

export const SAMPLE_CUSTOMER = { email: 'test.customer@example.com', first: 'Test', last: 'Customer' };
export const SAMPLE_AGENT = { email: 'test.agent@example.com', first: 'Test', last: 'Agent' };
const customerName = `${SAMPLE_CUSTOMER.first} ${SAMPLE_CUSTOMER.last}`;
const agentName = `${SAMPLE_AGENT.first} ${SAMPLE_AGENT.last}`;

type Sample = (id: string, now: number) => Record<string, unknown>;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const BODIES: Record<Provider, Sample> = {
  zendesk: (id, now) => ({
    heard: 'zendesk-trigger',
    ticket_id: id,
    status: 'Solved',
    solved_at: iso(now),
    requester: { email: SAMPLE_CUSTOMER.email, name: customerName, language: 'English' },
    assignee: { email: SAMPLE_AGENT.email, name: agentName },
    group: 'Support',
    via: 'Web form',
    tags: 'heard_test',
  }),
  freshdesk: (id, now) => ({
    heard: 'freshdesk-automation',
    ticket_id: id,
    status: 'Resolved',
    resolved_at: iso(now),
    contact: { email: SAMPLE_CUSTOMER.email, name: customerName, language: 'en' },
    agent: { email: SAMPLE_AGENT.email, name: agentName },
    group: 'Support',
    source: 'Email',
    tags: 'heard_test',
  }),
  intercom: (id, now) => {
    const at = Math.floor(now / 1000);
    return {
      type: 'notification_event',
      app_id: 'heardtest',
      data: {
        type: 'notification_event_data',
        item: {
          type: 'conversation',
          id,
          created_at: at - 600,
          updated_at: at,
          source: { type: 'conversation', author: { type: 'user', id: 'heard-test-contact', name: customerName, email: SAMPLE_CUSTOMER.email } },
          contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: 'heard-test-contact' }] },
          admin_assignee_id: 1,
          conversation_parts: {
            type: 'conversation_part.list',
            conversation_parts: [{ type: 'conversation_part', id: `${id}-close`, part_type: 'close', created_at: at, author: { type: 'admin', id: '1', name: agentName, email: SAMPLE_AGENT.email } }],
            total_count: 1,
          },
          state: 'closed',
          open: false,
          statistics: { last_close_at: at },
          tags: { type: 'tag.list', tags: [{ type: 'tag', id: '1', name: 'heard_test' }] },
        },
      },
      id: `notif_heard-test-${id}`,
      topic: 'conversation.admin.closed',
      delivery_status: 'pending',
      delivery_attempts: 1,
      created_at: at,
    };
  },
  helpscout: (id, now) => ({
    id: Number(id),
    number: Number(id) % 100_000,
    type: 'email',
    status: 'closed',
    state: 'published',
    subject: 'Heard test event',
    mailboxId: 1,
    closedAt: iso(now),
    closedByUser: { id: 1, type: 'user', first: SAMPLE_AGENT.first, last: SAMPLE_AGENT.last, email: SAMPLE_AGENT.email },
    assignee: { id: 1, type: 'user', first: SAMPLE_AGENT.first, last: SAMPLE_AGENT.last, email: SAMPLE_AGENT.email },
    primaryCustomer: { id: 2, type: 'customer', first: SAMPLE_CUSTOMER.first, last: SAMPLE_CUSTOMER.last, email: SAMPLE_CUSTOMER.email },
    tags: [{ id: 1, color: '#929499', tag: 'heard_test' }],
  }),
  front: (id, now) => ({
    _links: { self: `https://api2.frontapp.com/events/evt_heard${id}` },
    id: `evt_heard${id}`,
    type: 'archive',
    emitted_at: now / 1000,
    conversation: {
      id: `cnv_heard${id}`,
      subject: 'Heard test event',
      status: 'archived',
      assignee: { id: 'tea_heard', email: SAMPLE_AGENT.email, username: 'test.agent', first_name: SAMPLE_AGENT.first, last_name: SAMPLE_AGENT.last },
      recipient: { handle: SAMPLE_CUSTOMER.email, role: 'to' },
      tags: [{ id: 'tag_heard', name: 'heard_test' }],
      last_message: { id: `msg_heard${id}`, type: 'email', is_inbound: false },
      created_at: now / 1000 - 600,
    },
    source: { _meta: { type: 'teammate' }, data: { id: 'tea_heard', email: SAMPLE_AGENT.email } },
  }),
};

/** The headers each helpdesk signs its request with, for a body and a moment. */
export async function signedHeaders(conn: ConnectionInfo, rawBody: string, now: number): Promise<Record<string, string>> {
  const json = { 'Content-Type': 'application/json' };
  switch (conn.provider) {
    case 'zendesk': {
      const stamp = iso(now);
      return { ...json, [ZENDESK_TIMESTAMP]: stamp, [ZENDESK_SIGNATURE]: await mac('SHA-256', 'base64', conn.secret, stamp + rawBody) };
    }
    case 'freshdesk':
      return { ...json, [FRESHDESK_SECRET_HEADER]: conn.secret };
    case 'intercom':
      return { ...json, [INTERCOM_SIGNATURE]: `sha1=${await mac('SHA-1', 'hex', conn.secret, rawBody)}` };
    case 'helpscout':
      return { ...json, [HELPSCOUT_EVENT]: 'convo.status', [HELPSCOUT_SIGNATURE]: await mac('SHA-1', 'base64', conn.secret, rawBody) };
    case 'front':
      return { ...json, [FRONT_SIGNATURE]: await mac('SHA-1', 'base64', conn.secret, rawBody) };
  }
}

/** A correctly signed closing event for the connection's helpdesk; each moment makes a new ticket. */
export async function sampleHook(conn: ConnectionInfo, now: number): Promise<{ headers: Record<string, string>; rawBody: string }> {
  const id = String(now % 1_000_000_000);
  const rawBody = JSON.stringify(BODIES[conn.provider](id, now));
  return { headers: await signedHeaders(conn, rawBody, now), rawBody };
}
