// Helpdesk webhooks through createApp().request(): real-shaped payloads of all five helpdesks,
// signed as each helpdesk signs them, and the look-ups and write-backs they cause against the
// local helpdesk API stand-in over real HTTP. Runs on Node and inside workerd (WORKERD_SHARED).
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { sampleHook } from '../../src/connectors/samples';
import { connectionDeliveries, connections, interactions, interactionTickets, surveyRequests, writebacks, type Provider } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { signLink } from '../../src/security/links';
import { changeStatus } from '../../src/services/followups/actions';
import { HEARD } from '../../src/services/followups/events';
import { createConnection, connectionInfo, type Connection } from '../../src/services/connections';
import { findIngested } from '../../src/services/ingest';
import { openSurvey, recordClick } from '../../src/services/respond';
import { deliverWritebacks } from '../../src/services/writebacks';
import { answer, tasks } from '../helpers/followups';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { fixtures, signedBy, type Scheme } from '../shared/helpdeskFixtures';
import { failNext, newScope, receivedCalls, type ReceivedCall } from '../shared/helpdeskRequests';

const helpdeskUrl = inject('helpdeskUrl');
const MINUTE = 60_000;

let deps: TestDeps;
afterEach(() => deps?.close());

const API_USER: Partial<Record<Provider, string>> = { zendesk: 'admin@acme.example', intercom: '814' };

async function setup(provider: Provider, opts: { api?: boolean; team?: string } = {}) {
  deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
  const app = createApp(deps);
  const scope = newScope();
  const conn = await createConnection(deps, null, {
    provider,
    name: `${provider} test`,
    secret: `secret-of-${provider}`,
    team: opts.team ?? null,
    ...(opts.api ? { apiUrl: `${helpdeskUrl}/${scope}`, apiToken: 'tok-123', apiUser: API_USER[provider] ?? null } : {}),
  });
  const post = (headers: Record<string, string>, body: BodyInit, path = `/hooks/${provider}/${conn.id}`) =>
    app.request(path, { method: 'POST', headers, body });
  const send = async (scheme: Scheme, payload: unknown, o: { at?: number; secret?: string } = {}) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return post(await signedBy(scheme, o.secret ?? conn.secret, body, o.at ?? deps.clock()), body);
  };
  return { app, conn, scope, post, send };
}

const rows = async () => ({
  interactions: (await deps.db.select().from(interactions)).length,
  deliveries: (await deps.db.select().from(connectionDeliveries)).length,
  writebacks: (await deps.db.select().from(writebacks)).length,
});

const deliveries = (connId: string) => deps.db.select().from(connectionDeliveries).where(eq(connectionDeliveries.connectionId, connId));

const externalId = (conn: Connection, ticket: string, closedAt: string) => `${conn.provider}:${conn.id}:${ticket}:${Date.parse(closedAt)}`;

interface IntakeCase {
  name: string;
  provider: Provider;
  scheme: Scheme;
  payload: () => unknown;
  team?: string;
  want: { ticket: string; closedAt: string; customer: string; locale?: string | null; agent: string; team: string; channel: string; tags: string[] };
}

const INTAKE: IntakeCase[] = [
  {
    name: 'a Zendesk trigger with the pasted body',
    provider: 'zendesk',
    scheme: 'zendesk',
    payload: fixtures.zendeskTrigger,
    want: { ticket: '4821', closedAt: '2026-03-02T09:55:00.000Z', customer: 'lucia.gomez@example.com', locale: 'es', agent: 'ana@support.example', team: 'Billing', channel: 'other', tags: ['refund', 'vip'] },
  },
  {
    name: 'a Freshdesk automation with the secret in a header',
    provider: 'freshdesk',
    scheme: 'freshdesk-header',
    payload: fixtures.freshdesk,
    want: { ticket: '11', closedAt: '2026-03-02T09:50:00.000Z', customer: 'requester-bob@example.com', locale: 'en', agent: 'omar@support.example', team: 'Tier 2', channel: 'phone', tags: ['billing', 'urgent'] },
  },
  {
    name: 'a Freshdesk automation with the secret as Basic auth password',
    provider: 'freshdesk',
    scheme: 'freshdesk-basic',
    payload: fixtures.freshdesk,
    want: { ticket: '11', closedAt: '2026-03-02T09:50:00.000Z', customer: 'requester-bob@example.com', locale: 'en', agent: 'omar@support.example', team: 'Tier 2', channel: 'phone', tags: ['billing', 'urgent'] },
  },
  {
    name: 'a Help Scout convo.status closed',
    provider: 'helpscout',
    scheme: 'helpscout',
    payload: fixtures.helpscout,
    team: 'Mailroom',
    want: { ticket: '2391938111', closedAt: '2026-03-02T09:40:11.000Z', customer: 'vbear@example.com', agent: 'kim@support.example', team: 'Mailroom', channel: 'chat', tags: ['shipping'] },
  },
  {
    name: 'a Front rule webhook for an archived conversation',
    provider: 'front',
    scheme: 'front-rule',
    payload: fixtures.frontRule,
    team: 'Front desk',
    want: { ticket: 'cnv_keo696', closedAt: '2026-03-02T09:40:00.123Z', customer: 'calculon@momsbot.com', agent: 'leela@planet-express.com', team: 'Front desk', channel: 'email', tags: ['delivery'] },
  },
  {
    name: 'a Front app webhook conversation_archived',
    provider: 'front',
    scheme: 'front-app',
    payload: fixtures.frontApp,
    team: 'Front desk',
    want: { ticket: 'cnv_keo696', closedAt: '2026-03-02T09:40:00.123Z', customer: 'calculon@momsbot.com', agent: 'leela@planet-express.com', team: 'Front desk', channel: 'email', tags: ['delivery'] },
  },
];

describe('intake from each helpdesk', () => {
  for (const c of INTAKE) {
    it(`accepts ${c.name}, and a replay answers the same and changes nothing`, async () => {
      const { conn, send } = await setup(c.provider, { team: c.team });
      const res = await send(c.scheme, c.payload());
      expect(res.status).toBe(200);
      const first = await res.text();
      expect(JSON.parse(first)).toMatchObject({ outcome: 'accepted', reason: null, ticketId: c.want.ticket });

      const stored = await findIngested(deps, externalId(conn, c.want.ticket, c.want.closedAt));
      expect(stored?.interaction).toMatchObject({
        customer: { email: c.want.customer, ...(c.want.locale === undefined ? {} : { locale: c.want.locale }) },
        agent: { email: c.want.agent },
        team: c.want.team,
        channel: c.want.channel,
        tags: c.want.tags,
        closedAt: c.want.closedAt,
      });
      expect(stored?.surveyRequest.status).toBe('scheduled');
      expect(JSON.parse(first).interactionId).toBe(stored!.interaction.id);
      const [link] = await deps.db.select().from(interactionTickets).where(eq(interactionTickets.interactionId, stored!.interaction.id));
      expect(link).toEqual({ interactionId: stored!.interaction.id, connectionId: conn.id, ticketId: c.want.ticket });

      const before = await rows();
      const replay = await send(c.scheme, c.payload());
      expect(replay.status).toBe(200);
      expect(await replay.text()).toBe(first);
      expect(await rows()).toEqual(before);
      expect(before).toMatchObject({ interactions: 1, deliveries: 1 });
    });
  }

  for (const provider of ['zendesk', 'freshdesk', 'intercom', 'helpscout', 'front'] as const) {
    it(`accepts Heard's own signed test event for ${provider}`, async () => {
      const { conn, post } = await setup(provider);
      const sample = await sampleHook(connectionInfo(conn), deps.clock());
      const res = await post(sample.headers, sample.rawBody);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ outcome: 'accepted' });
      const [d] = await deliveries(conn.id);
      expect(d).toMatchObject({ outcome: 'accepted', reason: null });
      const [i] = await deps.db.select().from(interactions);
      expect(i!.tags).toBe('["heard_test"]');
    });
  }
});

describe('signatures, timestamps and addresses', () => {
  const WRONG: [Provider, Scheme, () => unknown][] = [
    ['zendesk', 'zendesk', fixtures.zendeskTrigger],
    ['freshdesk', 'freshdesk-header', fixtures.freshdesk],
    ['freshdesk', 'freshdesk-basic', fixtures.freshdesk],
    ['intercom', 'intercom', fixtures.intercom],
    ['helpscout', 'helpscout', fixtures.helpscout],
    ['front', 'front-rule', fixtures.frontRule],
    ['front', 'front-app', fixtures.frontApp],
  ];
  for (const [provider, scheme, payload] of WRONG) {
    it(`refuses ${scheme} signed with another secret, storing nothing`, async () => {
      const { send } = await setup(provider);
      const res = await send(scheme, payload(), { secret: 'not-the-secret' });
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      expect(await rows()).toEqual({ interactions: 0, deliveries: 0, writebacks: 0 });
    });
  }

  it('refuses an unsigned request and a body changed after signing', async () => {
    const { post, conn } = await setup('helpscout');
    const body = JSON.stringify(fixtures.helpscout());
    const missing = await post({ 'Content-Type': 'application/json' }, body);
    expect(missing.status).toBe(401);
    expect((await missing.json()).detail).toBe('missing X-HelpScout-Signature header');
    const headers = await signedBy('helpscout', conn.secret, body, deps.clock());
    const tampered = await post(headers, body.replace('vbear@example.com', 'attacker@example.com'));
    expect(tampered.status).toBe(401);
    expect(await rows()).toMatchObject({ deliveries: 0 });
  });

  it('refuses timestamps more than five minutes off, and takes them within', async () => {
    const zd = await setup('zendesk');
    const stale = await zd.send('zendesk', fixtures.zendeskTrigger(), { at: deps.clock() - 6 * MINUTE });
    expect(stale.status).toBe(401);
    expect((await stale.json()).detail).toContain('stale request');
    expect((await zd.send('zendesk', fixtures.zendeskTrigger(), { at: deps.clock() - 4 * MINUTE })).status).toBe(200);
  });

  it('refuses a Front app webhook timestamped more than five minutes ahead', async () => {
    const fr = await setup('front');
    const future = await fr.send('front-app', fixtures.frontApp(), { at: deps.clock() + 6 * MINUTE });
    expect(future.status).toBe(401);
    expect(await rows()).toMatchObject({ deliveries: 0 });
  });

  it('answers 404 for an unknown connection, another provider’s URL and an unknown provider', async () => {
    const { conn, post } = await setup('zendesk');
    const body = JSON.stringify(fixtures.zendeskTrigger());
    const headers = await signedBy('zendesk', conn.secret, body, deps.clock());
    expect((await post(headers, body, `/hooks/zendesk/cn_unknown`)).status).toBe(404);
    expect((await post(headers, body, `/hooks/front/${conn.id}`)).status).toBe(404);
    expect((await post(headers, body, `/hooks/kayako/${conn.id}`)).status).toBe(404);
    expect(await rows()).toMatchObject({ deliveries: 0 });
  });

  it('refuses bodies over 256 KB with 413, by declared length and while streaming', async () => {
    const { conn, post, app } = await setup('helpscout');
    const big = JSON.stringify({ ...fixtures.helpscout(), preview: 'x'.repeat(300 * 1024) });
    const declared = await post(await signedBy('helpscout', conn.secret, big, deps.clock()), big);
    expect(declared.status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await app.request(
      new Request(`http://heard.test/hooks/helpscout/${conn.id}`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(await rows()).toMatchObject({ deliveries: 0 });
  });

  it('answers a body sent as a form (read before the route by the body checks) without a server error', async () => {
    const { conn, app } = await setup('zendesk');
    for (const type of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const body = type.startsWith('multipart') ? '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n' : 'a=1';
      const res = await app.request(`/hooks/zendesk/${conn.id}`, { method: 'POST', body, headers: { 'Content-Type': type } });
      expect(res.status, type).toBeLessThan(500);
    }
    expect(await rows()).toMatchObject({ deliveries: 0 });
  });

  it('answers Front’s challenge when an app webhook is saved', async () => {
    const { conn, post } = await setup('front');
    const body = JSON.stringify({ type: 'sync', authorization: { id: 'cmp_abc' } });
    const headers = { ...(await signedBy('front-app', conn.secret, body, deps.clock())), 'X-Front-Challenge': 'c7f3-29ab' };
    const res = await post(headers, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c7f3-29ab' });
    const unsigned = await post({ 'X-Front-Challenge': 'c7f3-29ab', 'X-Front-Request-Timestamp': String(deps.clock()) }, body);
    expect(unsigned.status).toBe(401);
  });
});

describe('events that start no survey', () => {
  const IGNORED: [string, Provider, Scheme, () => unknown, string][] = [
    ['a Zendesk ticket put on hold', 'zendesk', 'zendesk', () => ({ ...fixtures.zendeskEvent(), event: { current: 'HOLD', previous: 'OPEN' } }), 'status changed to HOLD, not solved'],
    ['a Zendesk solved ticket closing later', 'zendesk', 'zendesk', () => ({ ...fixtures.zendeskEvent(), event: { current: 'CLOSED', previous: 'SOLVED' } }), 'status changed to CLOSED, not solved'],
    ['another Zendesk event type', 'zendesk', 'zendesk', () => ({ ...fixtures.zendeskEvent(), type: 'zen:event-type:ticket.priority_changed' }), 'zen:event-type:ticket.priority_changed does not close a ticket'],
    ['a Freshdesk ticket set to pending', 'freshdesk', 'freshdesk-header', () => ({ ...fixtures.freshdesk(), status: 'Pending' }), 'ticket status is pending, not resolved or closed'],
    ['an Intercom reply', 'intercom', 'intercom', () => ({ ...fixtures.intercom(), topic: 'conversation.user.replied' }), 'topic conversation.user.replied does not close a conversation'],
    ['a Help Scout conversation reopened', 'helpscout', 'helpscout', () => ({ ...fixtures.helpscout(), status: 'active' }), 'status changed to active, not closed'],
    ['a Front assignment', 'front', 'front-rule', () => ({ ...fixtures.frontRule(), type: 'assign' }), 'event assign does not archive a conversation'],
  ];
  for (const [name, provider, scheme, payload, reason] of IGNORED) {
    it(`records ${name} as ignored, with the reason`, async () => {
      const { conn, send } = await setup(provider);
      const res = await send(scheme, payload());
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ outcome: 'ignored', reason });
      expect(await deliveries(conn.id)).toMatchObject([{ outcome: 'ignored', reason }]);
      expect(await rows()).toMatchObject({ interactions: 0 });
    });
  }

  it('keeps a verified payload it cannot map as rejected, with a readable reason', async () => {
    const { conn, send } = await setup('freshdesk');
    const noEmail = { ...fixtures.freshdesk(), contact: { email: '{{ticket.contact.email}}', name: 'Bob' } };
    const res = await send('freshdesk-header', noEmail);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'rejected', reason: 'no customer email in the payload', ticketId: '11' });
    const junk = await send('freshdesk-header', 'not json {');
    expect(await junk.json()).toMatchObject({ outcome: 'rejected', reason: 'the body is not valid JSON' });
    expect(await deliveries(conn.id)).toHaveLength(2);
    expect(await rows()).toMatchObject({ interactions: 0 });
  });

  it('makes a ticket closed again a new interaction, while retries of one closing stay one', async () => {
    const { conn, send } = await setup('helpscout');
    await send('helpscout', fixtures.helpscout());
    await send('helpscout', fixtures.helpscout());
    const reclosed = { ...fixtures.helpscout(), closedAt: '2026-03-02T09:58:00Z' };
    expect(await (await send('helpscout', reclosed)).json()).toMatchObject({ outcome: 'accepted' });
    const all = await deps.db.select().from(interactions).orderBy(interactions.closedAt);
    expect(all.map((i) => i.externalId)).toEqual([
      externalId(conn, '2391938111', '2026-03-02T09:40:11Z'),
      externalId(conn, '2391938111', '2026-03-02T09:58:00Z'),
    ]);
    expect(await deps.db.select().from(surveyRequests)).toHaveLength(2);
  });
});

describe('look-ups through the helpdesk API', () => {
  const zendeskAuth = `Basic ${btoa('admin@acme.example/token:tok-123')}`;

  it('fills a Zendesk event webhook in from the API with the stored token, asking once per person and group', async () => {
    const { conn, scope, send } = await setup('zendesk', { api: true });
    const res = await send('zendesk', fixtures.zendeskEvent());
    expect(await res.json()).toMatchObject({ outcome: 'accepted', ticketId: '5158' });
    const stored = await findIngested(deps, externalId(conn, '5158', '2026-03-02T09:58:20.987Z'));
    expect(stored?.interaction).toMatchObject({
      customer: { email: 'carla.diaz@example.com', name: 'Carla Díaz', locale: 'es' },
      agent: { email: 'sam@support.example', name: 'Sam Agent' },
      team: 'Mobile',
      channel: 'email',
      tags: ['mobile', 'login'],
    });
    const calls = await receivedCalls(helpdeskUrl, scope);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.authorization}`)).toEqual([
      `GET /api/v2/users/9002.json ${zendeskAuth}`,
      `GET /api/v2/users/9001.json ${zendeskAuth}`,
      `GET /api/v2/groups/7001.json ${zendeskAuth}`,
    ]);
    // Another ticket of the same people: answered from what was looked up.
    const next = { ...fixtures.zendeskEvent(), id: 'b1c2', detail: { ...fixtures.zendeskEvent().detail, id: '5159' } };
    expect(await (await send('zendesk', next)).json()).toMatchObject({ outcome: 'accepted', ticketId: '5159' });
    expect(await receivedCalls(helpdeskUrl, scope)).toHaveLength(3);
  });

  it('looks up the Intercom contact, admin and team the notification names by id', async () => {
    const { conn, scope, send } = await setup('intercom', { api: true });
    expect(await (await send('intercom', fixtures.intercom())).json()).toMatchObject({ outcome: 'accepted' });
    const stored = await findIngested(deps, `intercom:${conn.id}:21322009097:1772441700000`);
    expect(stored?.interaction).toMatchObject({
      customer: { email: 'eeshan@example.com', name: 'Eeshan Garg' },
      agent: { email: 'cordelia@support.example' },
      team: 'Billing',
      channel: 'chat',
      tags: ['invoice'],
    });
    const calls = await receivedCalls(helpdeskUrl, scope);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /contacts/5c9553cb27e377f24eed49f7',
      'GET /admins/1957471',
      'GET /teams/5017691',
    ]);
    expect(calls.every((c) => c.authorization === 'Bearer tok-123' && c.intercomVersion === '2.11')).toBe(true);
  });

  it('rejects an event webhook when there is no token to look the customer up', async () => {
    const plain = await setup('zendesk');
    expect(await (await plain.send('zendesk', fixtures.zendeskEvent())).json()).toMatchObject({
      outcome: 'rejected',
      reason: 'no customer email in the payload (customer 9002 has none in the helpdesk either)',
    });
  });

  it('rejects an event webhook whose customer has no email in the helpdesk', async () => {
    const api = await setup('zendesk', { api: true });
    const nobody = { ...fixtures.zendeskEvent(), detail: { ...fixtures.zendeskEvent().detail, requester_id: '9003' } };
    expect(await (await api.send('zendesk', nobody)).json()).toMatchObject({
      outcome: 'rejected',
      reason: 'no customer email in the payload (customer 9003 has none in the helpdesk either)',
    });
    expect(await rows()).toMatchObject({ interactions: 0, deliveries: 1 });
  });

  it('answers 503 and stores nothing when a look-up fails for a while, so the helpdesk retries', async () => {
    const { scope, send } = await setup('zendesk', { api: true });
    await failNext(helpdeskUrl, scope, [502]);
    const failed = await send('zendesk', fixtures.zendeskEvent());
    expect(failed.status).toBe(503);
    expect(await rows()).toMatchObject({ interactions: 0, deliveries: 0 });
    expect(await (await send('zendesk', fixtures.zendeskEvent())).json()).toMatchObject({ outcome: 'accepted' });
  });

  it('marks the connection as needing attention when the helpdesk refuses the token', async () => {
    const { conn, scope, send } = await setup('zendesk', { api: true });
    await failNext(helpdeskUrl, scope, [401]);
    const res = await send('zendesk', fixtures.zendeskEvent());
    expect(await res.json()).toMatchObject({ outcome: 'rejected', reason: 'Zendesk look-up failed: HTTP 401' });
    const [c] = await deps.db.select().from(connections).where(eq(connections.id, conn.id));
    expect(c!.attention).toBe('Zendesk look-up failed: HTTP 401: save a new API token.');
  });
});

// ---- write-back ----

async function answerSurveyOf(interactionId: string, score: number, comment: string | null = null, mode: 'explicit' | 'auto' = 'explicit') {
  const [request] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.interactionId, interactionId));
  const token = await signLink(deps.config.appSecret, 'survey', request!.id, deps.clock());
  await answer(deps, token, score, comment, mode);
  return token;
}

const writes = async (scope: string) => (await receivedCalls(helpdeskUrl, scope)).filter((c) => c.method !== 'GET');

interface WriteCase {
  provider: Provider;
  scheme: Scheme;
  payload: () => unknown;
  check: (call: ReceivedCall, text: (s: string) => void) => void;
}

const WRITES: WriteCase[] = [
  {
    provider: 'zendesk',
    scheme: 'zendesk',
    payload: fixtures.zendeskTrigger,
    check: (call, text) => {
      expect(call).toMatchObject({ method: 'PUT', path: '/api/v2/tickets/4821.json', authorization: `Basic ${btoa('admin@acme.example/token:tok-123')}` });
      const ticket = (call.body as { ticket: { comment: { body: string; public: boolean }; additional_tags: string[]; remove_tags: string[] } }).ticket;
      expect(ticket.comment.public).toBe(false);
      text(ticket.comment.body);
      expect(ticket.additional_tags).toEqual(['heard_csat_2', 'heard_detractor']);
      expect(ticket.remove_tags).toEqual(['heard_csat_1', 'heard_csat_3', 'heard_csat_4', 'heard_csat_5']);
    },
  },
  {
    provider: 'freshdesk',
    scheme: 'freshdesk-header',
    payload: fixtures.freshdesk,
    check: (call, text) => {
      expect(call).toMatchObject({ method: 'POST', path: '/api/v2/tickets/11/notes', authorization: `Basic ${btoa('tok-123:X')}` });
      expect((call.body as { private: boolean }).private).toBe(true);
      text((call.body as { body: string }).body);
    },
  },
  {
    provider: 'intercom',
    scheme: 'intercom',
    payload: fixtures.intercom,
    check: (call, text) => {
      expect(call).toMatchObject({ method: 'POST', path: '/conversations/21322009097/reply', authorization: 'Bearer tok-123', intercomVersion: '2.11' });
      expect(call.body).toMatchObject({ message_type: 'note', type: 'admin', admin_id: '814' });
      text((call.body as { body: string }).body);
    },
  },
  {
    provider: 'helpscout',
    scheme: 'helpscout',
    payload: fixtures.helpscout,
    check: (call, text) => {
      expect(call).toMatchObject({ method: 'POST', path: '/v2/conversations/2391938111/notes', authorization: 'Bearer tok-123' });
      text((call.body as { text: string }).text);
    },
  },
  {
    provider: 'front',
    scheme: 'front-rule',
    payload: fixtures.frontRule,
    check: (call, text) => {
      expect(call).toMatchObject({ method: 'POST', path: '/conversations/cnv_keo696/comments', authorization: 'Bearer tok-123' });
      text((call.body as { body: string }).body);
    },
  },
];

async function ingested(c: { provider: Provider; scheme: Scheme; payload: () => unknown }) {
  const s = await setup(c.provider, { api: true, team: 'Support' });
  const res = (await (await s.send(c.scheme, c.payload())).json()) as { interactionId: string };
  return { ...s, interactionId: res.interactionId };
}

describe('write-back to the ticket', () => {
  for (const c of WRITES) {
    it(`writes a ${c.provider} answer to its ticket once, as an internal note with the score, comment, question and link`, async () => {
      const { scope, interactionId } = await ingested(c);
      await answerSurveyOf(interactionId, 2, 'Tardaron demasiado');
      expect(await deliverWritebacks(deps, deps.clock())).toEqual({ done: 1, retried: 0, failed: 0, paused: 0 });
      const [call, ...more] = await writes(scope);
      expect(more).toEqual([]);
      expect(call!.contentType).toBe('application/json');
      c.check(call!, (text) => {
        expect(text).toContain('CSAT 2 of 5');
        expect(text).toContain('Tardaron demasiado');
        expect(text).toContain('How satisfied were you with the help you got');
        expect(text).toContain('http://heard.test/agents/');
      });
      expect(await deliverWritebacks(deps, deps.clock() + 60 * MINUTE)).toEqual({ done: 0, retried: 0, failed: 0, paused: 0 });
      expect(await writes(scope)).toHaveLength(1);
    });
  }

  it('writes again when the answer changes, replacing the tags, and not when it stays the same', async () => {
    const { scope, interactionId } = await ingested(WRITES[0]!);
    const token = await answerSurveyOf(interactionId, 2);
    await answer(deps, token, 2);
    deps.advance(MINUTE);
    await answer(deps, token, 5, 'Ya está resuelto');
    await deliverWritebacks(deps, deps.clock());
    const [first, second, ...more] = await writes(scope);
    expect(more).toEqual([]);
    expect(first).toBeDefined();
    const ticket = (second!.body as { ticket: { comment: { body: string }; additional_tags: string[]; remove_tags: string[] } }).ticket;
    expect(ticket.comment.body).toContain('Changed survey answer (Heard): CSAT 5 of 5');
    expect(ticket.additional_tags).toEqual(['heard_csat_5']);
    expect(ticket.remove_tags).toEqual(['heard_csat_1', 'heard_csat_2', 'heard_csat_3', 'heard_csat_4', 'heard_detractor']);
  });

  it('never writes back a confirmation flagged as a link scanner’s', async () => {
    const { interactionId } = await ingested(WRITES[0]!);
    const [request] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.interactionId, interactionId));
    const token = await signLink(deps.config.appSecret, 'survey', request!.id, deps.clock());
    const ctx = await openSurvey(deps, token);
    if (!ctx.ok) throw new Error(ctx.error);
    const visitor = { userAgent: 'scanner', ip: '192.0.2.9' };
    await recordClick(deps, ctx.value, 1, visitor);
    await recordClick(deps, ctx.value, 5, visitor);
    await answer(deps, token, 5, null, 'auto');
    expect(await rows()).toMatchObject({ writebacks: 0 });
  });

  it('writes nothing back for a connection without API credentials', async () => {
    const { send } = await setup('helpscout');
    const { interactionId } = (await (await send('helpscout', fixtures.helpscout())).json()) as { interactionId: string };
    await answerSurveyOf(interactionId, 1);
    expect(await rows()).toMatchObject({ writebacks: 0 });
  });

  it('writes the closing of a follow-up task to the ticket', async () => {
    const { scope, interactionId } = await ingested(WRITES[0]!);
    await answerSurveyOf(interactionId, 1, 'Nadie me respondió');
    // The answer's own write-back goes first, so the last write is the closing's.
    await deliverWritebacks(deps, deps.clock());
    const [task] = await tasks(deps);
    deps.advance(MINUTE);
    const closed = await changeStatus(deps, task!.id, HEARD, 'resolved', 'Called her and refunded the order.');
    expect(closed.ok).toBe(true);
    await deliverWritebacks(deps, deps.clock());
    const last = (await writes(scope)).at(-1)!;
    const ticket = (last.body as { ticket: { comment: { body: string; public: boolean }; additional_tags: string[] } }).ticket;
    expect(ticket.comment).toMatchObject({ public: false });
    expect(ticket.comment.body).toContain('Follow-up closed in Heard: Resolved, by Heard');
    expect(ticket.comment.body).toContain('Called her and refunded the order.');
    expect(ticket.comment.body).toContain(`http://heard.test/follow-ups/${task!.id}`);
    expect(ticket.additional_tags).toEqual(['heard_followup_closed']);
  });

  it('retries a failed write-back with backoff', async () => {
    const { scope, interactionId } = await ingested(WRITES[1]!);
    await answerSurveyOf(interactionId, 4);
    await failNext(helpdeskUrl, scope, [503]);
    expect(await deliverWritebacks(deps, deps.clock())).toMatchObject({ retried: 1 });
    const [row] = await deps.db.select().from(writebacks);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 503, nextAttemptAt: deps.clock() + 30_000 });
    expect(await deliverWritebacks(deps, deps.clock() + 29_000)).toMatchObject({ done: 0 });
    expect(await deliverWritebacks(deps, deps.clock() + 30_000)).toMatchObject({ done: 1 });
    expect(await writes(scope)).toHaveLength(2);
  });

  it('stops on a refused token: the connection needs attention and its write-backs wait', async () => {
    const { conn, scope, interactionId } = await ingested(WRITES[4]!);
    await answerSurveyOf(interactionId, 3);
    await failNext(helpdeskUrl, scope, [401]);
    expect(await deliverWritebacks(deps, deps.clock())).toMatchObject({ paused: 1 });
    const [c] = await deps.db.select().from(connections).where(eq(connections.id, conn.id));
    expect(c!.attention).toContain('Front refused the API credentials (HTTP 401)');
    expect(await deliverWritebacks(deps, deps.clock() + 600 * MINUTE)).toEqual({ done: 0, retried: 0, failed: 0, paused: 0 });
    expect(await writes(scope)).toHaveLength(1);
    const [row] = await deps.db.select().from(writebacks).where(and(eq(writebacks.connectionId, conn.id)));
    expect(row).toMatchObject({ status: 'pending', attempts: 0, responseStatus: 401 });
  });
});
