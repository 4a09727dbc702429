// Zendesk: a trigger's webhook with the JSON body below, or the `ticket.status_changed` event
// webhook (ids only: people and the group are looked up with the API token). Both are signed with
// base64(HMAC-SHA256(secret, timestamp + body)).
import { err, ok } from '../domain/result';
import { cachedJson } from './lookups';
import { apiCall, basic, channelOf, obj, parseJson, person, seg, str, tags, time } from './read';
import { fresh, mac, matches } from './signatures';
import type { ClosedTicket, ConnectionInfo, Connector, FetchJson, PersonRef } from './types';

export const ZENDESK_SIGNATURE = 'X-Zendesk-Webhook-Signature';
export const ZENDESK_TIMESTAMP = 'X-Zendesk-Webhook-Signature-Timestamp';
const STATUS_EVENT = 'zen:event-type:ticket.status_changed';

const TRIGGER_BODY = `{
  "heard": "zendesk-trigger",
  "ticket_id": "{{ticket.id}}",
  "status": "{{ticket.status}}",
  "solved_at": "{{ticket.updated_at_with_timestamp}}",
  "requester": { "email": "{{ticket.requester.email}}", "name": "{{ticket.requester.name}}", "language": "{{ticket.requester.language}}" },
  "assignee": { "email": "{{ticket.assignee.email}}", "name": "{{ticket.assignee.name}}" },
  "group": "{{ticket.group.name}}",
  "via": "{{ticket.via}}",
  "tags": "{{ticket.tags}}"
}`;

/** `{{ticket.requester.language}}` renders the language's name; Heard's survey languages by name. */
const LANGUAGES: Record<string, string> = { english: 'en', spanish: 'es', español: 'es', chinese: 'zh', 简体中文: 'zh', 中文: 'zh' };
const languageOf = (v: unknown) => {
  const s = str(v)?.toLowerCase();
  if (!s) return undefined;
  return LANGUAGES[s] ?? LANGUAGES[s.split(/[\s(]/)[0]!] ?? (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(s) ? s : undefined);
};

const auth = (c: ConnectionInfo) => ({ Authorization: `Basic ${basic(`${c.apiUser ?? ''}/token:${c.apiToken ?? ''}`)}` });

async function lookupPerson(conn: ConnectionInfo, p: PersonRef, fetchJson: FetchJson): Promise<PersonRef> {
  if (p.email || !p.id) return p;
  const user = obj(obj(await cachedJson(conn, apiCall('GET', conn.apiUrl, `/api/v2/users/${seg(p.id)}.json`, auth(conn)), fetchJson))?.user);
  return { ...p, ...person({ id: p.id, email: user?.email, name: user?.name, locale: user?.locale }) };
}

export const zendesk: Connector = {
  provider: 'zendesk',
  label: 'Zendesk',
  apiUser: 'the email address of the agent who owns the API token',
  ticketUrl: (apiUrl) => (apiUrl ? `${apiUrl}/agent/tickets/{id}` : null),
  setup: {
    steps: [
      'In Admin Center → Apps and integrations → Webhooks, create a webhook: "Trigger or automation", endpoint URL = the webhook URL above, method POST, format JSON, no authentication.',
      'Open the new webhook, reveal its signing secret and give it to Heard (--secret when adding the connection).',
      'In Admin Center → Objects and rules → Triggers, create a trigger on "Ticket is updated" with the condition "Status category changed to Solved" (or "Status is Solved").',
      'Add the action "Notify by → Active webhook", choose the webhook, and paste the JSON body below.',
      'Or, instead of the trigger: a webhook subscribed to the event "Ticket status changed" (zen:event-type:ticket.status_changed). It names people and the group by id only, so Heard needs the API token below to look them up.',
      'Optional, for look-ups of event webhooks and for ratings written back to tickets: an API token (Admin Center → Apps and integrations → Zendesk API), with the agent email as API user and https://YOUR-SUBDOMAIN.zendesk.com as API URL.',
    ],
    body: TRIGGER_BODY,
  },

  async verify(conn, hook) {
    const stamp = hook.headers.get(ZENDESK_TIMESTAMP);
    const freshness = fresh(ZENDESK_TIMESTAMP, stamp ? Date.parse(stamp) : undefined, hook.now);
    if (!freshness.ok) return freshness;
    return matches(ZENDESK_SIGNATURE, hook.headers.get(ZENDESK_SIGNATURE), await mac('SHA-256', 'base64', conn.secret, `${stamp}${hook.rawBody}`));
  },

  parse(hook) {
    const json = parseJson(hook.rawBody);
    if (!json.ok) return json;
    const body = json.value;
    const type = str(body.type);
    if (type === STATUS_EVENT) {
      const d = obj(body.detail) ?? {};
      const id = str(body.id);
      const ticketId = str(d.id);
      if (!id || !ticketId) return err('the status event has no event id or ticket id');
      const status = (str(obj(body.event)?.current) ?? str(d.status) ?? '').toUpperCase();
      // Zendesk closes solved tickets by itself days later: the survey went out when it was solved.
      if (status !== 'SOLVED') return ok({ kind: 'ignored', event: type, dedupeKey: id, reason: `status changed to ${status || 'unknown'}, not solved` });
      const ticket: ClosedTicket = {
        ticketId,
        closedAt: time(body.time) ?? time(d.updated_at) ?? hook.now,
        customer: person({ id: d.requester_id }),
        agent: person({ id: d.assignee_id }),
        ...(str(d.group_id) ? { team: { id: str(d.group_id) } } : {}),
        channel: channelOf(obj(d.via)?.channel),
        tags: tags(d.tags),
      };
      return ok({ kind: 'closed', event: type, dedupeKey: id, ticket });
    }
    if (type?.startsWith('zen:event-type:')) return ok({ kind: 'ignored', event: type, dedupeKey: str(body.id) ?? type, reason: `${type} does not close a ticket` });
    const ticketId = str(body.ticket_id);
    if (!ticketId) return err('neither a Zendesk event nor the trigger body from the setup text (no ticket_id)');
    const event = 'trigger';
    const closedAt = time(body.solved_at);
    const dedupeKey = `trigger:${ticketId}:${str(body.solved_at) ?? ''}`;
    const status = str(body.status)?.toLowerCase();
    if (status && status !== 'solved' && status !== 'closed') {
      return ok({ kind: 'ignored', event, dedupeKey, reason: `ticket status is ${status}, not solved` });
    }
    const requester = obj(body.requester) ?? {};
    const assignee = obj(body.assignee) ?? {};
    const group = str(body.group);
    return ok({
      kind: 'closed',
      event,
      dedupeKey,
      ticket: {
        ticketId,
        closedAt: closedAt ?? hook.now,
        customer: person({ email: requester.email, name: requester.name, locale: languageOf(requester.language) }),
        agent: person({ email: assignee.email, name: assignee.name }),
        ...(group ? { team: { name: group } } : {}),
        channel: channelOf(body.via),
        tags: tags(body.tags),
      },
    });
  },

  async lookup(conn, ticket, fetchJson) {
    const [customer, agent] = [await lookupPerson(conn, ticket.customer, fetchJson), await lookupPerson(conn, ticket.agent, fetchJson)];
    let team = ticket.team;
    if (team?.id && !team.name) {
      const group = obj(obj(await cachedJson(conn, apiCall('GET', conn.apiUrl, `/api/v2/groups/${seg(team.id)}.json`, auth(conn)), fetchJson))?.group);
      team = { ...team, ...(str(group?.name) ? { name: str(group?.name) } : {}) };
    }
    return { ...ticket, customer, agent, ...(team ? { team } : {}) };
  },

  writeBack(conn, ticketId, note) {
    return apiCall('PUT', conn.apiUrl, `/api/v2/tickets/${seg(ticketId)}.json`, auth(conn), {
      ticket: { comment: { body: note.text, public: false }, additional_tags: note.tags, remove_tags: note.removeTags },
    });
  },
};
