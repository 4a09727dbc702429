import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { suppressions, surveyRequests, webhookEvents } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey } from '../helpers/survey';

const SECRET_BYTES = Buffer.from('heard-test-webhook-signing-key!!');
const SECRET = `whsec_${SECRET_BYTES.toString('base64')}`;

let deps: TestDeps;
afterEach(() => deps?.close());

/** Signs like the provider does: HMAC-SHA256 over "id.timestamp.body" with the decoded secret. */
function signed(id: string, body: unknown, at: number, key: Uint8Array = SECRET_BYTES) {
  const payload = JSON.stringify(body);
  const timestamp = String(Math.floor(at / 1000));
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64');
  return {
    method: 'POST',
    body: payload,
    headers: { 'Content-Type': 'application/json', 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` },
  };
}

async function setup() {
  deps = makeTestDeps({ env: { RESEND_WEBHOOK_SECRET: SECRET } });
  const app = createApp(deps);
  const survey = await deliveredSurvey(deps, { customer: { email: 'gone@example.com' } });
  const [request] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.id, survey.surveyRequest.id));
  const event = (type: string, extra: Record<string, unknown> = {}) => ({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: request!.messageId, to: ['gone@example.com'], subject: 's', from: 'f', created_at: '', ...extra },
  });
  // The signature library checks timestamps against the real clock.
  const post = async (id: string, body: unknown, key?: Uint8Array): Promise<Response> => app.request('/webhooks/resend', signed(id, body, Date.now(), key));
  return { post, event, requestId: request!.id };
}

const requestRow = async (id: string) => (await deps.db.select().from(surveyRequests).where(eq(surveyRequests.id, id)))[0]!;

it('stores the delivery status on the survey request', async () => {
  const { post, event, requestId } = await setup();
  const res = await post('msg_1', event('email.delivered'));
  expect(res.status).toBe(200);
  expect(await requestRow(requestId)).toMatchObject({ deliveryStatus: 'delivered' });
});

it('suppresses the address on a hard bounce or a complaint, not on a transient bounce', async () => {
  const { post, event } = await setup();
  await post('msg_t', event('email.bounced', { bounce: { type: 'Transient', subType: 'MailboxFull', message: '' } }));
  expect(await deps.db.select().from(suppressions)).toHaveLength(0);
  await post('msg_p', event('email.bounced', { bounce: { type: 'Permanent', subType: 'General', message: '' } }));
  expect(await deps.db.select().from(suppressions)).toMatchObject([{ email: 'gone@example.com', reason: 'bounced' }]);
  await post('msg_c', event('email.complained'));
  expect(await deps.db.select().from(suppressions)).toMatchObject([{ reason: 'complained' }]);
});

it('processes each event id once', async () => {
  const { post, event, requestId } = await setup();
  await post('msg_dup', event('email.delivered'));
  const again = await post('msg_dup', event('email.bounced', { bounce: { type: 'Permanent', subType: '', message: '' } }));
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ result: 'duplicate' });
  expect(await requestRow(requestId)).toMatchObject({ deliveryStatus: 'delivered' });
  expect(await deps.db.select().from(suppressions)).toHaveLength(0);
});

it('refuses a bad signature with 401 and changes nothing', async () => {
  const { post, event, requestId } = await setup();
  const res = await post('msg_bad', event('email.complained'), Buffer.from('some-other-key-entirely-0000000'));
  expect(res.status).toBe(401);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  expect(await deps.db.select().from(suppressions)).toHaveLength(0);
  expect(await deps.db.select().from(webhookEvents)).toHaveLength(0);
  expect((await requestRow(requestId)).deliveryStatus).toBeNull();
});

it.each([
  ['a null payload', null],
  ['a list payload', [1, 2]],
  ['recipients that are not addresses', { type: 'email.bounced', data: { email_id: 'm', to: [1] } }],
  ['a null recipient', { type: 'email.complained', data: { email_id: 'm', to: [null] } }],
  ['an email id that is a list', { type: 'email.delivered', data: { email_id: [], to: ['a@example.com'] } }],
  ['a type that is an object', { type: {}, data: { email_id: 'm', to: ['a@example.com'] } }],
  ['data that is a string', { type: 'email.delivered', data: 'x' }],
  ['a bounce that is a number', { type: 'email.bounced', data: { email_id: 'm', to: ['a@example.com'], bounce: 7 } }],
])('refuses %s with 400 and stores nothing', async (_name, body) => {
  const { post, requestId } = await setup();
  const res = await post('msg_shape', body);
  expect(res.status).toBe(400);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  expect(await deps.db.select().from(webhookEvents)).toHaveLength(0);
  expect(await deps.db.select().from(suppressions)).toHaveLength(0);
  expect((await requestRow(requestId)).deliveryStatus).toBeNull();
});
