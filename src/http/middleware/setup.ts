// First run: until the first admin exists, every page leads to /setup. Survey links, unsubscribe,
// webhooks, the API and the health check keep working, since none of them needs a person signed in.
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../../deps';
import { hasUsers } from '../../services/users';

const OPEN = /^\/(s|u|api|webhooks|hooks)\/|^\/healthz$|^\/setup$/;

export const setupGate = (deps: Deps) => {
  // Users are never deleted, so once there is one the check can stop asking the database.
  let ready = false;
  return createMiddleware(async (c, next) => {
    if (ready || OPEN.test(c.req.path)) return next();
    ready = await hasUsers(deps);
    if (ready) return next();
    return c.redirect('/setup', c.req.method === 'GET' ? 302 : 303);
  });
};
