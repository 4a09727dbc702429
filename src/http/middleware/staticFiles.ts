// Files in public/, where the platform does not serve them itself (Node). They pass through the
// same security headers as pages (the app applies those first); vendored libraries, whose names
// carry their content's hash (scripts/vendor.mjs), may be kept for a year. On Workers,
// public/_headers says the same to the platform's asset server.
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Our own files keep their names across releases: a short cache, then the browser asks again. */
export const REVALIDATE = 'public, max-age=300';

/** Only GETs of names with an extension can be files in public/: everything else skips the disk. */
const FILE = /\.[a-z0-9]+$/i;

export const staticFiles = (assets: MiddlewareHandler) =>
  createMiddleware(async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !FILE.test(c.req.path)) return next();
    let missing = false;
    const served = await assets(c, async () => {
      missing = true;
      await next();
    });
    if (missing) return;
    if (served) c.res = served;
    if (c.res.ok) c.header('Cache-Control', c.req.path.startsWith('/vendor/') ? IMMUTABLE : REVALIDATE);
  });
