// Without a mail provider, messages are kept in the database and shown at /outbox,
// so a new install shows its emails without an account anywhere.
import type { Deps } from '../deps';
import { outbox } from '../db/schema';
import { toBase64 } from '../security/crypto';
import { withDataImages, type Mailer } from './types';

export function createOutboxMailer(deps: Pick<Deps, 'db' | 'clock' | 'newId'>): Mailer {
  return {
    kind: 'outbox',
    async send(email) {
      const id = deps.newId();
      const [stored] = await deps.db
        .insert(outbox)
        .values({
          id,
          idempotencyKey: email.idempotencyKey,
          to: email.to,
          from: email.from,
          replyTo: email.replyTo ?? null,
          subject: email.subject,
          // The outbox page shows the HTML in a browser, which cannot follow cid: links.
          html: withDataImages(email.html, email.inline, toBase64),
          text: email.text,
          headers: JSON.stringify(email.headers),
          createdAt: deps.clock(),
        })
        // The same idempotency key again answers the first message, as a provider would.
        .onConflictDoUpdate({ target: outbox.idempotencyKey, set: { idempotencyKey: email.idempotencyKey } })
        .returning({ id: outbox.id });
      return { ok: true, id: stored?.id ?? id };
    },
  };
}
