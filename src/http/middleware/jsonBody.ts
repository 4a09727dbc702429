// JSON write endpoints: refuse other media types (415) and large bodies (413) before parsing.
import { bodyLimit } from 'hono/body-limit';
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

export const jsonBody = [
  requireJson,
  bodyLimit({
    maxSize: MAX_JSON_BODY,
    onError: (c) => problem(c, 413, 'Body too large', { detail: `The limit is ${MAX_JSON_BODY} bytes.` }),
  }),
] as const;
