// The development outbox behaves like a provider with idempotency keys: a dispatcher that died
// after sending and before recording it sends again after the claim runs out, and nothing new is stored.
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { outbox, surveyRequests } from '../../src/db/schema';
import { CLAIM_TTL } from '../../src/domain/schedule';
import { createOutboxMailer } from '../../src/mail/outbox';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

it('stores one message per idempotency key, however often it is sent', async () => {
  deps = makeTestDeps({ mailer: (base) => createOutboxMailer(base) });
  const email = { to: 'a@example.com', from: 'f@example.com', subject: 's', html: '<p>1</p>', text: '1', headers: {}, idempotencyKey: 'k-1' };
  const first = await deps.mailer.send(email);
  const again = await deps.mailer.send({ ...email, html: '<p>2</p>' });
  expect(again).toEqual(first);
  expect(await deps.db.select({ html: outbox.html }).from(outbox)).toEqual([{ html: '<p>1</p>' }]);
});

it('a send repeated after a dispatcher crash stores nothing new', async () => {
  deps = makeTestDeps({ mailer: (base) => createOutboxMailer(base) });
  const { surveyRequest } = await ingestInteraction(deps, ZInteractionInput.parse(interaction()));
  deps.advance(deps.config.surveyDelayMinutes * 60_000);
  await runDueWork(deps, deps.clock());
  const [sent] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.id, surveyRequest.id));
  // As if the process had died between the send and recording it: still claimed, never marked sent.
  await deps.db
    .update(surveyRequests)
    .set({ status: 'sending', claimedUntil: deps.clock() + CLAIM_TTL, sentAt: null })
    .where(eq(surveyRequests.id, surveyRequest.id));
  deps.advance(CLAIM_TTL + 1);
  expect((await runDueWork(deps, deps.clock())).surveys.sent).toBe(1);
  expect(await deps.db.select({ id: outbox.id }).from(outbox)).toEqual([{ id: sent!.messageId }]);
  const [after] = await deps.db.select().from(surveyRequests).where(eq(surveyRequests.id, surveyRequest.id));
  expect(after).toMatchObject({ status: 'sent', messageId: sent!.messageId });
});
