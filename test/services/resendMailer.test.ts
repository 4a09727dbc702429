// The real Resend SDK against a local stand-in of its HTTP API.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { surveyRequests } from '../../src/db/schema';
import { createResendMailer } from '../../src/mail/resend';
import type { OutgoingEmail } from '../../src/mail/types';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';
import { receivedEmails } from '../shared/resendInbox';
import { startResendServer, type ResendServer } from '../shared/resendServer';

let resend: ResendServer;
beforeAll(async () => {
  resend = await startResendServer();
});
afterAll(() => resend.close());

const failNext = (...failures: { status?: number; hangUp?: boolean }[]) =>
  fetch(`${resend.url}/_test/failures`, { method: 'POST', body: JSON.stringify(failures) });

function email(to: string, over: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to,
    from: 'Heard <surveys@example.com>',
    subject: 'How did we do?',
    html: '<p>hi</p>',
    text: 'hi',
    headers: { 'List-Unsubscribe': '<https://heard.test/u/x>' },
    idempotencyKey: `key-${to}`,
    ...over,
  };
}

describe('createResendMailer', () => {
  const mailer = () => createResendMailer({ apiKey: 're_test', baseUrl: resend.url });

  it('sends through the API with the idempotency key, headers and both parts', async () => {
    const result = await mailer().send(email('one@example.com', { replyTo: 'ana@support.example' }));
    expect(result.ok).toBe(true);
    const [received] = await receivedEmails(resend.url, 'one@example.com');
    expect(received).toMatchObject({
      subject: 'How did we do?',
      html: '<p>hi</p>',
      text: 'hi',
      idempotencyKey: 'key-one@example.com',
      headers: { 'List-Unsubscribe': '<https://heard.test/u/x>' },
    });
  });

  it('sends one email for one idempotency key, however often it is retried', async () => {
    const m = mailer();
    const a = await m.send(email('twice@example.com'));
    const b = await m.send(email('twice@example.com'));
    expect(a).toEqual(b);
    expect(await receivedEmails(resend.url, 'twice@example.com')).toHaveLength(1);
  });

  it('calls 5xx, 429 and dropped connections retryable, other 4xx final', async () => {
    await failNext({ status: 503 }, { status: 429 }, { hangUp: true }, { status: 422 });
    const m = mailer();
    const results = [];
    for (const to of ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com']) results.push(await m.send(email(to)));
    expect(results.map((r) => (r.ok ? 'ok' : r.retryable))).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ ok: false, error: expect.stringContaining('422') });
  });
});

describe('dispatch through Resend', () => {
  let deps: TestDeps;
  afterEach(() => deps.close());

  it('retries a provider outage and sends the survey exactly once', async () => {
    deps = makeTestDeps({ mailer: () => createResendMailer({ apiKey: 're_test', baseUrl: resend.url }) });
    const { surveyRequest } = await ingestInteraction(deps, ZInteractionInput.parse(interaction({ customer: { email: 'outage@example.com' } })));
    await failNext({ status: 500 });
    deps.advance(60 * 60_000);
    expect((await runDueWork(deps, deps.clock())).surveys.retried).toBe(1);
    deps.advance(60_000);
    expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(1);
    const received = await receivedEmails(resend.url, 'outage@example.com');
    expect(received).toHaveLength(1);
    expect(received[0]!.idempotencyKey).toBe(`survey-request/${surveyRequest.id}`);
    const [row] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.id, surveyRequest.id));
    expect(row).toMatchObject({ status: 'sent', messageId: received[0]!.id, attempts: 2 });
  });
});
