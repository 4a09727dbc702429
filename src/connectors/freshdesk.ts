// Freshdesk: an automation rule's webhook with the JSON body below. Freshdesk cannot sign, so the
// request carries the connection's secret: in the X-Heard-Secret header, or as the Basic auth password.
import { err, ok } from '../domain/result';
import { constantTimeEqual } from '../security/crypto';
import { apiCall, basic, channelOf, obj, parseJson, person, seg, str, tags, time } from './read';
import type { ConnectionInfo, Connector } from './types';

export const FRESHDESK_SECRET_HEADER = 'X-Heard-Secret';

const AUTOMATION_BODY = `{
  "heard": "freshdesk-automation",
  "ticket_id": "{{ticket.id}}",
  "status": "{{ticket.status}}",
  "resolved_at": "{{ticket.updated_at}}",
  "contact": { "email": "{{ticket.contact.email}}", "name": "{{ticket.contact.name}}", "language": "{{ticket.contact.language}}" },
  "agent": { "email": "{{ticket.agent.email}}", "name": "{{ticket.agent.name}}" },
  "group": "{{ticket.group.name}}",
  "source": "{{ticket.source}}",
  "tags": "{{ticket.tags}}"
}`;

/** The secret from the custom header, or the password of Basic auth (any user name). */
function presented(headers: Headers): string | null {
  const header = headers.get(FRESHDESK_SECRET_HEADER);
  if (header) return header.trim();
  const basic = /^Basic\s+(\S+)$/i.exec(headers.get('Authorization') ?? '')?.[1];
  if (!basic) return null;
  try {
    const decoded = atob(basic);
    return decoded.slice(decoded.indexOf(':') + 1);
  } catch {
    return null;
  }
}

const auth = (c: ConnectionInfo) => ({ Authorization: `Basic ${basic(`${c.apiToken ?? ''}:X`)}` });

export const freshdesk: Connector = {
  provider: 'freshdesk',
  label: 'Freshdesk',
  ticketUrl: (apiUrl) => (apiUrl ? `${apiUrl}/a/tickets/{id}` : null),
  setup: {
    steps: [
      'In Admin → Workflows → Automations → Ticket updates, create a rule: "When an action performed by Agent or System", event "Status is changed from Any status to Resolved".',
      'Add the action "Trigger webhook": request type POST, URL = the webhook URL above, encoding JSON, content "Advanced", and paste the JSON body below.',
      `Under "Custom headers" add ${FRESHDESK_SECRET_HEADER}: the connection's secret (or turn on "Requires authentication" with any user name and the secret as password).`,
      'Optional, for ratings written back as private notes: your API key (Profile settings → View API key) as API token and https://YOUR-DOMAIN.freshdesk.com as API URL.',
    ],
    body: AUTOMATION_BODY,
  },

  async verify(conn, hook) {
    const secret = presented(hook.headers);
    if (!secret) return err(`missing ${FRESHDESK_SECRET_HEADER} header (or Basic auth password)`);
    return constantTimeEqual(secret, conn.secret) ? ok(undefined) : err(`the ${FRESHDESK_SECRET_HEADER} secret does not match`);
  },

  parse(hook) {
    const json = parseJson(hook.rawBody);
    if (!json.ok) return json;
    const body = json.value;
    const ticketId = str(body.ticket_id);
    if (!ticketId) return err('not the automation body from the setup text (no ticket_id)');
    const event = 'automation';
    const dedupeKey = `automation:${ticketId}:${str(body.resolved_at) ?? ''}`;
    const status = str(body.status)?.toLowerCase();
    if (status && status !== 'resolved' && status !== 'closed') {
      return ok({ kind: 'ignored', event, dedupeKey, reason: `ticket status is ${status}, not resolved or closed` });
    }
    const contact = obj(body.contact) ?? {};
    const agent = obj(body.agent) ?? {};
    const group = str(body.group);
    return ok({
      kind: 'closed',
      event,
      dedupeKey,
      ticket: {
        ticketId,
        closedAt: time(body.resolved_at) ?? hook.now,
        customer: person({ email: contact.email, name: contact.name, locale: /^[a-z]{2}(-[A-Za-z]{2})?$/.test(str(contact.language) ?? '') ? contact.language : undefined }),
        agent: person({ email: agent.email, name: agent.name }),
        ...(group ? { team: { name: group } } : {}),
        channel: channelOf(body.source),
        tags: tags(body.tags),
      },
    });
  },

  writeBack(conn, ticketId, note) {
    // Freshdesk's tag field replaces all of a ticket's tags, so Heard's tags go in the note only.
    return apiCall('POST', conn.apiUrl, `/api/v2/tickets/${seg(ticketId)}/notes`, auth(conn), { body: note.html, private: true });
  },
};
