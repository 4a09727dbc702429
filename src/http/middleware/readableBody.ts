// A multipart body that cannot be parsed is refused here, once, before the CSRF check or a handler
// reads it. Hono keeps the parsed form, so later readers get it without parsing again. URL-encoded
// bodies need no check: every string parses as one.
import { createMiddleware } from 'hono/factory';
import { refuse } from '../refuse';

const MULTIPART = /^multipart\/form-data\b/i;

export const readableBody = createMiddleware(async (c, next) => {
  if (MULTIPART.test(c.req.header('Content-Type') ?? '')) {
    try {
      await c.req.parseBody();
    } catch {
      return refuse(c, 400, 'The multipart/form-data body could not be parsed.');
    }
  }
  await next();
});
