// Help Scout: `convo.status` webhooks (the event name in X-HelpScout-Event), kept when the
// conversation is closed; signed X-HelpScout-Signature = base64(HMAC-SHA1(secret, body)) with the
// secret the admin chose when creating the webhook.
import { err, ok } from '../domain/result';
import { apiCall, channelOf, obj, parseJson, person, seg, str, tags, time } from './read';
import { mac, matches } from './signatures';
import type { Connector } from './types';

export const HELPSCOUT_SIGNATURE = 'X-HelpScout-Signature';
export const HELPSCOUT_EVENT = 'X-HelpScout-Event';

const fullName = (p: Record<string, unknown> | undefined) =>
  [str(p?.first) ?? str(p?.firstName), str(p?.last) ?? str(p?.lastName)].filter(Boolean).join(' ') || undefined;

export const helpscout: Connector = {
  provider: 'helpscout',
  label: 'Help Scout',
  defaultApiUrl: 'https://api.helpscout.net',
  ticketUrl: () => 'https://secure.helpscout.net/conversation/{id}',
  setup: {
    steps: [
      'In Help Scout, open Manage → Apps → Webhooks (or your profile → Your Profile → Webhooks) and create a webhook.',
      'Callback URL = the webhook URL above; Secret Key = the connection secret (Heard made one if you gave none; up to 40 characters).',
      'Select the event "Conversation → Status Updated" (convo.status) and save. Heard keeps only conversations whose status became closed.',
      'Optional, for notes written back to the conversation: an OAuth access token of a Help Scout app (Your Profile → My Apps) as API token.',
    ],
  },

  async verify(conn, hook) {
    return matches(HELPSCOUT_SIGNATURE, hook.headers.get(HELPSCOUT_SIGNATURE), await mac('SHA-1', 'base64', conn.secret, hook.rawBody));
  },

  parse(hook) {
    const json = parseJson(hook.rawBody);
    if (!json.ok) return json;
    const body = json.value;
    const event = hook.headers.get(HELPSCOUT_EVENT)?.trim() || 'convo.status';
    const id = str(body.id);
    if (!id) return err('not a Help Scout conversation (no id)');
    const status = str(body.status)?.toLowerCase();
    const dedupeKey = `${event}:${id}:${str(body.closedAt) ?? str(body.userUpdatedAt) ?? status ?? ''}`;
    if (event !== 'convo.status') return ok({ kind: 'ignored', event, dedupeKey, reason: `event ${event} does not close a conversation` });
    if (status !== 'closed') return ok({ kind: 'ignored', event, dedupeKey, reason: `status changed to ${status ?? 'unknown'}, not closed` });
    const customer = obj(body.primaryCustomer) ?? obj(body.customer);
    const closer = obj(body.closedByUser) ?? obj(body.assignee);
    return ok({
      kind: 'closed',
      event,
      dedupeKey,
      ticket: {
        ticketId: id,
        closedAt: time(body.closedAt) ?? hook.now,
        customer: person({ id: customer?.id, email: customer?.email, name: fullName(customer) }),
        agent: person({ id: closer?.id, email: closer?.email, name: fullName(closer) }),
        channel: channelOf(body.type),
        tags: tags(body.tags, 'tag'),
      },
    });
  },

  writeBack(conn, ticketId, note) {
    // Help Scout's tag call replaces every tag on the conversation: Heard's tags go in the note only.
    return apiCall('POST', conn.apiUrl, `/v2/conversations/${seg(ticketId)}/notes`, { Authorization: `Bearer ${conn.apiToken ?? ''}` }, {
      text: note.html,
    });
  },
};
