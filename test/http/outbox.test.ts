// The development outbox, where an install without a mail provider keeps its emails.
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { createOutboxMailer } from '../../src/mail/outbox';
import { outbox } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { authed, signIn } from '../helpers/auth';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps({ mailer: (base) => createOutboxMailer(base) });
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin' });
  await ingestInteraction(deps, ZInteractionInput.parse(interaction({ customer: { email: 'kept@example.com', locale: 'en' } })));
  deps.advance(60 * 60_000);
  await runDueWork(deps, deps.clock());
  const [message] = await deps.db.select().from(outbox);
  return { app, admin, message: message! };
}

it('keeps each survey email once, however often dispatch retries it', async () => {
  const { message } = await setup();
  const mailer = createOutboxMailer(deps);
  const again = await mailer.send({ ...message, replyTo: undefined, headers: JSON.parse(message.headers) as Record<string, string> });
  expect(again).toEqual({ ok: true, id: message.id });
  expect(await deps.db.select().from(outbox)).toHaveLength(1);
});

it('lists the emails and shows one with its headers and text part', async () => {
  const { app, admin, message } = await setup();
  const list = await (await authed(app, admin, '/outbox')).text();
  expect(list).toContain('kept@example.com');
  expect(list).toContain(`/outbox/${message.id}`);
  const page = await (await authed(app, admin, `/outbox/${message.id}`)).text();
  expect(page).toContain('List-Unsubscribe-Post');
  expect(page).toContain(`src="/outbox/${message.id}/html"`);
});

it('serves the email HTML sandboxed, frameable only by Heard itself', async () => {
  const { app, admin, message } = await setup();
  const res = await authed(app, admin, `/outbox/${message.id}/html`);
  expect(res.status).toBe(200);
  const csp = res.headers.get('Content-Security-Policy') ?? '';
  expect(csp).toContain('sandbox');
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).not.toContain('script-src');
  expect(await res.text()).toBe(message.html);
});
