// JSON write endpoints: refuse other media types (415) and large bodies (413) before parsing.
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { problem } from '../problem';

export const MAX_JSON_BODY = 64 * 1024;

const requireJson = createMiddleware(async (c, next) => {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    return problem(c, 415, 'Unsupported media type', { detail: 'Send the body as application/json.' });
  }
  await next();
});

const tooLarge = (c: Context) => problem(c, 413, 'Body too large', { detail: `The limit is ${MAX_JSON_BODY} bytes.` });
const countingLimit = bodyLimit({ maxSize: MAX_JSON_BODY, onError: tooLarge });

/**
 * A declared length is checked from the header alone; only bodies of unknown length are counted
 * as they stream in (that wraps the body in another stream, which costs on every request).
 */
const limitBody = createMiddleware(async (c, next) => {
  const length = c.req.header('Content-Length');
  if (length === undefined || c.req.header('Transfer-Encoding')) return countingLimit(c, next);
  if (Number(length) > MAX_JSON_BODY) return tooLarge(c);
  await next();
});

export const jsonBody = [requireJson, limitBody] as const;
