// How large a body each route accepts, decided before anything reads it: a declared Content-Length
// over the limit is refused from the header alone, and a body of unknown length is counted as it
// streams in and refused as soon as it passes the limit, so memory never grows past it.
import { bodyLimit } from 'hono/body-limit';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { refuse } from '../refuse';
import type { SessionEnv } from './session';

const KB = 1024;
const MB = 1024 * KB;

export interface BodyLimitRule {
  path: RegExp;
  maxBytes: number;
  /** Who may send that much; anyone else falls through to the next rule. */
  allows?: (c: Context) => boolean;
}

/** First match wins; README's "Limits" table lists the same figures. */
export const BODY_LIMITS: readonly BodyLimitRule[] = [
  // The CSV import, which documents 50 MB: only for administrators, so that no one else can make
  // the server hold that much (the body is parsed before the route checks the role).
  { path: /^\/admin\/import\/?$/, maxBytes: 50 * MB, allows: (c) => c.get('user')?.role === 'admin' },
  { path: /^\/(webhooks|hooks)\//, maxBytes: 256 * KB },
  { path: /^\/api\//, maxBytes: 64 * KB },
  // A survey answer: a 2,000-character comment, percent-encoded, in any script.
  { path: /^\/s\//, maxBytes: 32 * KB },
  // Sign-in, setup, invitations and unsubscribing: a few short fields.
  { path: /^\/(login|setup|logout|invite\/|u\/)/, maxBytes: 8 * KB },
  // Everything else is a signed-in staff form; the largest is a template in three languages.
  { path: /^/, maxBytes: 256 * KB },
];

/**
 * One route's limit, for routes that need their own. A declared length is judged from the header
 * without touching the body: on Node, touching `body` makes the adapter build a web Request and a
 * stream for it, where reading the text straight from the socket costs a fraction of that.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) => {
    // The unread rest of the body is never read: the connection ends here, and says so, so that
    // clients do not send their next request down it.
    c.header('Connection', 'close');
    return refuse(c, 413, `The limit here is ${maxBytes} bytes.`);
  };
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && !c.req.header('Transfer-Encoding')) return Number(declared) > maxBytes ? tooLarge(c) : next();
    return counted(c, next);
  };
}

/**
 * Applies the first matching rule to every request. A body that no one read (the request was
 * refused first) is drained by the Node server, which cuts the connection when that takes long:
 * such answers say `Connection: close`, so that clients send their next request on a new one.
 */
export function bodyLimits(rules: readonly BodyLimitRule[] = BODY_LIMITS): MiddlewareHandler {
  const limits = rules.map((r) => ({ ...r, check: limitBody(r.maxBytes) }));
  return createMiddleware<SessionEnv>(async (c, next) => {
    const rule = limits.find((l) => l.path.test(c.req.path) && (!l.allows || l.allows(c)));
    if (!rule) return next();
    let passed = false;
    const tooLarge = await rule.check(c, async () => {
      passed = true;
      await next();
    });
    if (!passed) return tooLarge;
    if (c.req.raw.bodyUsed || c.req.method === 'GET' || c.req.method === 'HEAD') return;
    // The headers first: touching `body` makes the Node adapter build a second request.
    const declared = c.req.header('Transfer-Encoding') || Number(c.req.header('Content-Length') ?? 0) > 0;
    if (declared || c.req.raw.body) c.header('Connection', 'close');
  });
}
