// JSON write endpoints: refuse other media types (415) before parsing. The size limit for /api is
// in bodyLimits, which runs before every route.
import { createMiddleware } from 'hono/factory';
import { problem } from '../problem';

const requireJson = createMiddleware(async (c, next) => {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    return problem(c, 415, 'Unsupported media type', { detail: 'Send the body as application/json.' });
  }
  await next();
});

export const jsonBody = [requireJson] as const;
