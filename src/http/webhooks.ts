// Delivery events from Resend, verified with the endpoint's signing secret.
import { Hono } from 'hono';
import { Resend } from 'resend';
import type { Deps } from '../deps';
import { handleMailEvent } from '../services/mailEvents';
import { problem } from './problem';

interface ResendEventBody {
  type?: string;
  data?: { email_id?: string; to?: string[] | string; bounce?: { type?: string } };
}

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
    let body: ResendEventBody;
    try {
      body = resend.webhooks.verify({ payload, headers, webhookSecret: secret }) as ResendEventBody;
    } catch {
      return problem(c, 401, 'Invalid webhook signature');
    }
    const to = body.data?.to;
    const result = await handleMailEvent(deps, {
      id: headers.id,
      type: body.type ?? 'unknown',
      messageId: body.data?.email_id ?? null,
      recipients: Array.isArray(to) ? to : to ? [to] : [],
      bounceType: body.data?.bounce?.type,
    });
    return c.json({ ok: true, result });
  });

  return app;
}
