// Front: rule webhooks for archived conversations (X-Front-Signature = base64 HMAC-SHA1 of the body
// with the API secret) and application webhooks (`conversation_archived`, base64 HMAC-SHA256 of
// `timestamp:body` with the app secret, timestamp in X-Front-Request-Timestamp, and a challenge
// Front sends when the webhook is saved).
import { err, ok } from '../domain/result';
import { apiCall, channelOf, obj, parseJson, person, seg, str, tags, time } from './read';
import { fresh, mac, matches } from './signatures';
import type { Connector } from './types';

export const FRONT_SIGNATURE = 'X-Front-Signature';
export const FRONT_TIMESTAMP = 'X-Front-Request-Timestamp';
export const FRONT_CHALLENGE = 'X-Front-Challenge';

const fullName = (p: Record<string, unknown> | undefined) => [str(p?.first_name), str(p?.last_name)].filter(Boolean).join(' ') || undefined;

export const front: Connector = {
  provider: 'front',
  label: 'Front',
  defaultApiUrl: 'https://api2.frontapp.com',
  ticketUrl: () => 'https://app.frontapp.com/open/{id}',
  setup: {
    steps: [
      'Either a rule: Settings → Rules → new rule "When a conversation is archived" → action "Send to a webhook" with the webhook URL above, and "Send full event data" on. Its signing key is the API secret (Settings → Developers → API secret), given to Heard as --secret.',
      'Or an app: Settings → Developers → your app → Webhooks, URL = the webhook URL above, event "Conversation archived". Give Heard the app secret (--secret) before saving: Front checks the URL with a signed challenge.',
      'Optional, for comments written back to the conversation: an API token (Settings → Developers → API tokens) as API token.',
    ],
  },

  async verify(conn, hook) {
    const signature = hook.headers.get(FRONT_SIGNATURE);
    const stamp = hook.headers.get(FRONT_TIMESTAMP);
    if (stamp === null) return matches(FRONT_SIGNATURE, signature, await mac('SHA-1', 'base64', conn.secret, hook.rawBody));
    // Application webhooks: the timestamp is in milliseconds and is part of what was signed.
    const freshness = fresh(FRONT_TIMESTAMP, /^\d+$/.test(stamp) ? Number(stamp) : undefined, hook.now);
    if (!freshness.ok) return freshness;
    return matches(FRONT_SIGNATURE, signature, await mac('SHA-256', 'base64', conn.secret, `${stamp}:${hook.rawBody}`));
  },

  parse(hook) {
    const challenge = hook.headers.get(FRONT_CHALLENGE);
    if (challenge) return ok({ kind: 'challenge', body: JSON.stringify({ challenge }), contentType: 'application/json' });
    const json = parseJson(hook.rawBody);
    if (!json.ok) return json;
    // An application webhook wraps the event: { type: 'conversation_archived', payload: event }.
    const app = obj(json.value.payload);
    const e = app ?? json.value;
    const type = str(app ? json.value.type : e.type);
    const id = str(e.id);
    if (!type || !id) return err('not a Front event (no type or id)');
    if (type !== 'archive' && type !== 'conversation_archived') {
      return ok({ kind: 'ignored', event: type, dedupeKey: id, reason: `event ${type} does not archive a conversation` });
    }
    const c = obj(e.conversation);
    const conversationId = str(c?.id);
    if (!c || !conversationId) return err('the event carries no conversation (turn on "Send full event data")');
    const assignee = obj(c.assignee);
    const teammate = assignee ?? (str(obj(obj(e.source)?._meta)?.type) === 'teammate' ? obj(obj(e.source)?.data) : undefined);
    return ok({
      kind: 'closed',
      event: type,
      dedupeKey: id,
      ticket: {
        ticketId: conversationId,
        closedAt: time(e.emitted_at) ?? hook.now,
        customer: person({ email: obj(c.recipient)?.handle }),
        agent: person({ id: teammate?.id, email: teammate?.email, name: fullName(teammate) }),
        channel: channelOf(obj(c.last_message)?.type),
        tags: tags(c.tags),
      },
    });
  },

  writeBack(conn, ticketId, note) {
    // Tags would be a second call; Heard's tags go in the comment only.
    return apiCall('POST', conn.apiUrl, `/conversations/${seg(ticketId)}/comments`, { Authorization: `Bearer ${conn.apiToken ?? ''}` }, {
      body: note.text,
    });
  },
};
