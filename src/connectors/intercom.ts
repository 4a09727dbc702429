// Intercom: `conversation.admin.closed` notifications, signed `X-Hub-Signature: sha1=<hex HMAC-SHA1
// of the body>` with the app's client secret. Conversations name their contact by id: the email is
// looked up through the API when the payload lacks it.
import { err, ok } from '../domain/result';
import { cachedJson } from './lookups';
import { apiCall, channelOf, list, obj, parseJson, person, seg, str, tags, time, type Json } from './read';
import { mac, matches } from './signatures';
import type { ConnectionInfo, Connector, FetchJson, PersonRef } from './types';

export const INTERCOM_SIGNATURE = 'X-Hub-Signature';
const CLOSED = 'conversation.admin.closed';

const headers = (c: ConnectionInfo) => ({ Authorization: `Bearer ${c.apiToken ?? ''}`, 'Intercom-Version': '2.11' });

/** Who the conversation is with: the source's author when a person, else the first contact. */
function customerOf(item: Json): PersonRef {
  const author = obj(obj(item.source)?.author);
  if (author && ['user', 'lead', 'contact'].includes(str(author.type) ?? '') && str(author.email)) return person(author);
  const user = obj(item.user);
  if (user && str(user.email)) return person(user);
  const contact = obj(list(obj(item.contacts)?.contacts)[0]) ?? author ?? user;
  return contact ? person({ id: contact.id, email: contact.email, name: contact.name }) : {};
}

/** Who closed it: the close part's admin, else the assignee. */
function agentOf(item: Json): PersonRef {
  const parts = list(obj(item.conversation_parts)?.conversation_parts).map(obj);
  const close = parts.filter((p) => str(p?.part_type) === 'close').pop();
  const author = obj(close?.author);
  if (author && str(author.type) === 'admin') return person(author);
  const assignee = obj(item.assignee);
  if (assignee && str(assignee.type) === 'admin') return person(assignee);
  return person({ id: item.admin_assignee_id });
}

async function lookup(conn: ConnectionInfo, path: string, fetchJson: FetchJson): Promise<Json> {
  return obj(await cachedJson(conn, apiCall('GET', conn.apiUrl, path, headers(conn)), fetchJson)) ?? {};
}

async function fill(conn: ConnectionInfo, p: PersonRef, kind: 'contacts' | 'admins', fetchJson: FetchJson): Promise<PersonRef> {
  if (p.email || !p.id) return p;
  const found = await lookup(conn, `/${kind}/${seg(p.id)}`, fetchJson);
  return { ...p, ...person({ id: p.id, email: found.email, name: found.name ?? p.name }) };
}

export const intercom: Connector = {
  provider: 'intercom',
  label: 'Intercom',
  defaultApiUrl: 'https://api.intercom.io',
  apiUser: 'the id of the admin the notes are written as (Settings → Teammates, or GET /me)',
  setup: {
    steps: [
      'In the Developer Hub (app.intercom.com/a/apps/_/developer-hub), open your app (or create one for Heard).',
      'Under Webhooks, set the endpoint URL to the webhook URL above and subscribe to the topic conversation.admin.closed.',
      "Give Heard the app's client secret from Basic information (--secret): Intercom signs every notification with it.",
      "For email look-ups (conversations name contacts by id) and notes written back: the app's access token (Authentication) as API token, and the admin id the notes are written as as API user.",
    ],
  },

  async verify(conn, hook) {
    const expected = `sha1=${await mac('SHA-1', 'hex', conn.secret, hook.rawBody)}`;
    return matches(INTERCOM_SIGNATURE, hook.headers.get(INTERCOM_SIGNATURE)?.toLowerCase() ?? null, expected);
  },

  parse(hook) {
    const json = parseJson(hook.rawBody);
    if (!json.ok) return json;
    const body = json.value;
    const topic = str(body.topic);
    const id = str(body.id);
    if (!topic || !id) return err('not an Intercom notification (no topic or id)');
    if (topic !== CLOSED) return ok({ kind: 'ignored', event: topic, dedupeKey: id, reason: `topic ${topic} does not close a conversation` });
    const item = obj(obj(body.data)?.item);
    const conversationId = str(item?.id);
    if (!item || !conversationId) return err('the notification carries no conversation');
    const teamId = str(item.team_assignee_id);
    const closedAt = time(obj(item.statistics)?.last_close_at) ?? time(body.created_at) ?? hook.now;
    return ok({
      kind: 'closed',
      event: topic,
      dedupeKey: id,
      ticket: {
        ticketId: conversationId,
        closedAt,
        customer: customerOf(item),
        agent: agentOf(item),
        ...(teamId && teamId !== '0' ? { team: { id: teamId } } : {}),
        channel: channelOf(obj(item.source)?.type),
        tags: tags(obj(item.tags)?.tags),
      },
    });
  },

  async lookup(conn, ticket, fetchJson) {
    const customer = await fill(conn, ticket.customer, 'contacts', fetchJson);
    const agent = await fill(conn, ticket.agent, 'admins', fetchJson);
    let team = ticket.team;
    if (team?.id && !team.name) {
      const name = str((await lookup(conn, `/teams/${seg(team.id)}`, fetchJson)).name);
      team = name ? { ...team, name } : team;
    }
    return { ...ticket, customer, agent, ...(team ? { team } : {}) };
  },

  writeBack(conn, ticketId, note) {
    // Tagging a conversation takes tag ids, not names: Heard's tags go in the note only.
    return apiCall('POST', conn.apiUrl, `/conversations/${seg(ticketId)}/reply`, headers(conn), {
      message_type: 'note',
      type: 'admin',
      admin_id: conn.apiUser,
      body: note.html,
    });
  },
};
