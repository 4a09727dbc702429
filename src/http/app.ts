// Builds the whole HTTP app from injected dependencies; both runtimes and every test use this.
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from '../deps';
import { churnApiRoutes } from './api/churn';
import { customerApiRoutes } from './api/customers';
import { followupApiRoutes } from './api/followups';
import { interactionRoutes } from './api/interactions';
import { metricsRoutes } from './api/metrics';
import { openApiRoutes } from './api/openapi';
import { responseRoutes } from './api/responses';
import { themeApiRoutes } from './api/themes';
import { adminRoutes } from './admin';
import { alertRoutes } from './alerts';
import { authRoutes } from './auth';
import { customerRoutes } from './customers';
import { dashboardRoutes } from './dashboard';
import { digestRoutes } from './digest';
import { importRoutes } from './import';
import { followupAdminRoutes } from './followupAdmin';
import { followupRoutes } from './followups';
import { customerDataRoutes } from './customerData';
import { hookRoutes } from './hooks';
import { themeAdminRoutes } from './themeAdmin';
import { requireApiKey } from './middleware/apiKey';
import { bodyLimits } from './middleware/bodyLimits';
import { readableBody } from './middleware/readableBody';
import { staticFiles } from './middleware/staticFiles';
import { csrfGuard, loadSession, requireUser } from './middleware/session';
import { setupGate } from './middleware/setup';
import { outboxRoutes } from './outbox';
import { messagePage } from './pages';
import { problem } from './problem';
import { isApiPath } from './refuse';
import { respondRoutes } from './respond';
import { unsubscribeRoutes } from './unsubscribe';
import { useHumanMessages } from './validationMessages';
import { webhookRoutes } from './webhooks';
import { brandRoutes } from './brand';
import { shortLinkRoutes } from './shortLinks';

/** Paths carrying secrets (survey, unsubscribe and invitation tokens) are logged without them. */
export function redactPath(path: string): string {
  return path.replace(/^\/(s|u|r|invite)\/[^/]+/, '/$1/[token]');
}

export interface AppOptions {
  /** Serves public/ where the platform does not do it by itself (Node). */
  assets?: MiddlewareHandler;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  useHumanMessages();
  const app = new Hono();

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
  // Files from public/ after the security headers, so that they carry them too.
  if (options.assets) app.use(staticFiles(options.assets));

  app.get('/healthz', (c) => c.json({ ok: true }));

  // People: who is signed in, the first-run gate, and the CSRF check on every change made from a session.
  // Between the session (which may raise a limit) and the CSRF check (the first to parse a form), bodies
  // too large are refused before reading, and unreadable ones before anyone parses them.
  app.use(loadSession(deps));
  app.use(bodyLimits());
  app.use(readableBody);
  app.use(setupGate(deps));
  app.use(csrfGuard(deps));
  app.route('/', authRoutes(deps));
  app.route('/account/digest', digestRoutes(deps));
  app.route('/admin', adminRoutes(deps));
  app.route('/admin/import', importRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  // follow-ups: the inbox, tasks and report for staff; rules, hours, templates and webhooks for admins.
  app.route('/follow-ups', followupRoutes(deps));
  app.route('/admin', followupAdminRoutes(deps));
  app.route('/admin', themeAdminRoutes(deps));
  // alerts: admins for every team, managers for their own.
  app.route('/alerts', alertRoutes(deps));
  // data rights: export and erase on a customer's page (admins).
  app.route('/customers', customerDataRoutes(deps));
  app.route('/customers', customerRoutes(deps));

  // The API's description needs no key; registered first, so the key check below never sees it.
  app.route('/api/v1/openapi.json', openApiRoutes(deps));
  const api = new Hono();
  api.use(requireApiKey(deps));
  api.route('/interactions', interactionRoutes(deps));
  api.route('/responses', responseRoutes(deps));
  api.route('/metrics', metricsRoutes(deps));
  api.route('/followups', followupApiRoutes(deps));
  api.route('/themes', themeApiRoutes(deps));
  api.route('/customers', customerApiRoutes(deps));
  api.route('/churn', churnApiRoutes(deps));
  app.route('/api/v1', api);

  app.route('/s', respondRoutes(deps));
  app.route('/u', unsubscribeRoutes(deps));
  app.route('/brand', brandRoutes(deps));
  app.route('/r', shortLinkRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));
  app.route('/hooks', hookRoutes(deps));
  if (deps.mailer.kind === 'outbox' && !deps.config.production) {
    // The outbox shows live survey links: administrators only.
    app.use('/outbox/*', requireUser('admin'));
    app.route('/outbox', outboxRoutes(deps));
  }

  app.notFound((c) => (isApiPath(c.req.path) ? problem(c, 404, 'Not found') : messagePage(c, 'notFound', 404)));

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return isApiPath(c.req.path) ? problem(c, error.status, error.message || 'Bad request') : messagePage(c, 'invalid', 400);
    }
    console.error(`${c.req.method} ${redactPath(c.req.path)} failed:`, error);
    return isApiPath(c.req.path) ? problem(c, 500, 'Internal error') : messagePage(c, 'error', 500);
  });

  return app;
}
