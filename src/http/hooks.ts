// Helpdesk webhooks: POST /hooks/{provider}/{connectionId}. The body is read as raw text (the
// signatures are over its bytes); bodyLimits has already held it to 256 KB before anything read it.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps';
import { receiveHook } from '../services/hooks';

export function hookRoutes(deps: Deps) {
  const app = new Hono();
  app.post('/:provider/:connectionId', async (c) => {
    // Through hono's reader: a form body was already parsed by the body checks, and this reuses it.
    const rawBody = await c.req.text();
    const answer = await receiveHook(deps, c.req.param('provider'), c.req.param('connectionId'), { headers: c.req.raw.headers, rawBody });
    return c.body(answer.body, answer.status as ContentfulStatusCode, { 'Content-Type': answer.contentType });
  });
  return app;
}
