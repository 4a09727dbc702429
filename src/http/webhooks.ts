// Delivery events from Resend, verified with the endpoint's signing secret.
import { Hono } from 'hono';
import { Resend } from 'resend';
import { z } from 'zod';
import type { Deps } from '../deps';
import { handleMailEvent } from '../services/mailEvents';
import { fieldErrors, problem } from './problem';

const address = z.string().max(320);

/** The fields Heard reads from an event; other event families (contacts, domains) carry other data. */
const ZResendEvent = z.object({
  type: z.string().min(1).max(100),
  data: z.object({
    email_id: z.string().min(1).max(200).optional(),
    to: z.union([address, z.array(address).max(100)]).optional(),
    bounce: z.object({ type: z.string().max(50).optional() }).optional(),
  }),
});

export function webhookRoutes(deps: Deps) {
  const app = new Hono();
  const secret = deps.config.resendWebhookSecret;
  // Verification needs only the signing secret; the SDK insists on some API key to be built.
  const resend = new Resend(deps.config.resendApiKey ?? 'unused-for-verification');

  app.post('/resend', async (c) => {
    if (!secret) return problem(c, 404, 'Webhook not configured', { detail: 'Set RESEND_WEBHOOK_SECRET.' });
    const payload = await c.req.text();
    const headers = {
      id: c.req.header('svix-id') ?? c.req.header('webhook-id') ?? '',
      timestamp: c.req.header('svix-timestamp') ?? c.req.header('webhook-timestamp') ?? '',
      signature: c.req.header('svix-signature') ?? c.req.header('webhook-signature') ?? '',
    };
    let verified: unknown;
    try {
      verified = resend.webhooks.verify({ payload, headers, webhookSecret: secret });
    } catch {
      return problem(c, 401, 'Invalid webhook signature');
    }
    // Signed is not the same as well-formed: an unexpected shape is refused before anything is stored.
    const parsed = ZResendEvent.safeParse(verified);
    if (!parsed.success) return problem(c, 400, 'Unexpected event shape', { errors: fieldErrors(parsed.error) });
    const { type, data } = parsed.data;
    const result = await handleMailEvent(deps, {
      id: headers.id,
      type,
      messageId: data.email_id ?? null,
      recipients: typeof data.to === 'string' ? [data.to] : (data.to ?? []),
      bounceType: data.bounce?.type,
    });
    return c.json({ ok: true, result });
  });

  return app;
}
