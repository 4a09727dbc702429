// Helpdesk webhooks: POST /hooks/{provider}/{connectionId}. The body is read as raw text (the
// signatures are over its bytes), at most 256 KB of it.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps';
import { receiveHook } from '../services/hooks';
import { problem } from './problem';

export const MAX_HOOK_BODY = 256 * 1024;

/** The body as text, or null past the limit: a declared length is refused unread, a stream is cut off. */
async function readLimited(req: Request, limit: number): Promise<string | null> {
  const declared = req.headers.get('Content-Length');
  if (declared !== null && !(Number(declared) <= limit)) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export function hookRoutes(deps: Deps) {
  const app = new Hono();
  app.post('/:provider/:connectionId', async (c) => {
    const rawBody = await readLimited(c.req.raw, MAX_HOOK_BODY);
    if (rawBody === null) return problem(c, 413, 'Body too large', { detail: `The limit is ${MAX_HOOK_BODY} bytes.` });
    const answer = await receiveHook(deps, c.req.param('provider'), c.req.param('connectionId'), { headers: c.req.raw.headers, rawBody });
    return c.body(answer.body, answer.status as ContentfulStatusCode, { 'Content-Type': answer.contentType });
  });
  return app;
}
