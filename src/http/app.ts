// Builds the whole HTTP app from injected dependencies; both runtimes and every test use this.
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from '../deps';
import { followupApiRoutes } from './api/followups';
import { interactionRoutes } from './api/interactions';
import { metricsRoutes } from './api/metrics';
import { responseRoutes } from './api/responses';
import { themeApiRoutes } from './api/themes';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { dashboardRoutes } from './dashboard';
import { importRoutes } from './import';
import { followupAdminRoutes } from './followupAdmin';
import { followupRoutes } from './followups';
import { themeAdminRoutes } from './themeAdmin';
import { requireApiKey } from './middleware/apiKey';
import { csrfGuard, loadSession, requireUser } from './middleware/session';
import { setupGate } from './middleware/setup';
import { outboxRoutes } from './outbox';
import { messagePage } from './pages';
import { problem } from './problem';
import { respondRoutes } from './respond';
import { unsubscribeRoutes } from './unsubscribe';
import { webhookRoutes } from './webhooks';

/** Paths carrying secrets (survey, unsubscribe and invitation tokens) are logged without them. */
export function redactPath(path: string): string {
  return path.replace(/^\/(s|u|invite)\/[^/]+/, '/$1/[token]');
}

const isApi = (path: string) => path.startsWith('/api/') || path.startsWith('/webhooks/');

export interface AppOptions {
  /** Serves public/ where the platform does not do it by itself (Node). */
  assets?: MiddlewareHandler;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono();
  const assets = options.assets;
  // Only GETs of names with an extension can be files in public/: everything else skips the disk.
  if (assets) app.use('*', (c, next) => (c.req.method === 'GET' && /\.[a-z0-9]+$/i.test(c.req.path) ? assets(c, next) : next()));

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      // Survey links carry their token in the URL: never hand it to another site.
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
      // A handler that sets its own header (the outbox's sandboxed email preview) keeps it.
      overwrite: false,
    }),
  );

  app.get('/healthz', (c) => c.json({ ok: true }));

  // People: who is signed in, the first-run gate, and the CSRF check on every change made from a session.
  app.use(loadSession(deps));
  app.use(setupGate(deps));
  app.use(csrfGuard(deps));
  app.route('/', authRoutes(deps));
  app.route('/admin', adminRoutes(deps));
  app.route('/admin/import', importRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  // follow-ups: the inbox, tasks and report for staff; rules, hours, templates and webhooks for admins.
  app.route('/follow-ups', followupRoutes(deps));
  app.route('/admin', followupAdminRoutes(deps));
  app.route('/admin', themeAdminRoutes(deps));

  const api = new Hono();
  api.use(requireApiKey(deps));
  api.route('/interactions', interactionRoutes(deps));
  api.route('/responses', responseRoutes(deps));
  api.route('/metrics', metricsRoutes(deps));
  api.route('/followups', followupApiRoutes(deps));
  api.route('/themes', themeApiRoutes(deps));
  app.route('/api/v1', api);

  app.route('/s', respondRoutes(deps));
  app.route('/u', unsubscribeRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));
  if (deps.mailer.kind === 'outbox' && !deps.config.production) {
    // The outbox shows live survey links: administrators only.
    app.use('/outbox/*', requireUser('admin'));
    app.route('/outbox', outboxRoutes(deps));
  }

  app.notFound((c) => (isApi(c.req.path) ? problem(c, 404, 'Not found') : messagePage(c, 'notFound', 404)));

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return isApi(c.req.path) ? problem(c, error.status, error.message || 'Bad request') : messagePage(c, 'invalid', 400);
    }
    console.error(`${c.req.method} ${redactPath(c.req.path)} failed:`, error);
    return isApi(c.req.path) ? problem(c, 500, 'Internal error') : messagePage(c, 'error', 500);
  });

  return app;
}
