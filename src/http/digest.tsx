// score digest: the Account page's digest settings, "Send me a preview", and the digest in the browser.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import type { SessionUser } from '../domain/access';
import { getDigestSettings, hasDigest, saveDigestSettings } from '../services/digest/preferences';
import { findRecipients, previewDigestHtml, sendDigestPreview } from '../services/digest/send';
import { AccountPage } from '../../views/pages/auth/Account';
import { PreviewResult, type PreviewOutcome } from '../../views/partials/DigestSettings';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

/** What the Account page's digest card shows for this person; null for agents. */
export async function accountDigest(deps: Deps, user: SessionUser) {
  if (!hasDigest(user)) return null;
  const [settings, [recipient]] = await Promise.all([getDigestSettings(deps, user), findRecipients(deps, user.id)]);
  return { settings, zone: recipient?.zone ?? deps.config.timeZone };
}

export function digestRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser('manager', 'admin'));

  app.post('/', async (c) => {
    const v = viewer(c);
    const saved = await saveDigestSettings(deps, v.user, await c.req.parseBody());
    const digest = (await accountDigest(deps, v.user))!;
    if (saved.ok) return c.html(<AccountPage {...v} digest={{ ...digest, saved: true }} />);
    return c.html(<AccountPage {...v} digest={{ ...digest, errors: saved.error }} />, 422);
  });

  app.post('/preview', async (c) => {
    const v = viewer(c);
    const sent = await sendDigestPreview(deps, v.user.id, deps.clock());
    const outcome: PreviewOutcome = !sent
      ? { ok: false, error: 'this account has no digest' }
      : sent.result.ok
        ? { ok: true, to: sent.to, subject: sent.subject }
        : { ok: false, error: sent.result.retryable ? 'the mail provider is busy' : 'the mail provider refused it' };
    return respond(c, v, outcome);
  });

  // The email's own HTML, sandboxed like the outbox preview so nothing in it can run.
  app.get('/preview', async (c) => {
    const html = await previewDigestHtml(deps, viewer(c).user.id, deps.clock());
    if (!html) return messagePage(c, 'notFound', 404);
    c.header('Content-Security-Policy', "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
    return c.body(html, 200, { 'Content-Type': 'text/html; charset=utf-8' });
  });

  /** htmx gets the result alone; a form posted without JavaScript gets the whole page with it. */
  async function respond(c: Context<SessionEnv>, v: ReturnType<typeof viewer>, outcome: PreviewOutcome) {
    // A provider failure is said in the note, not as an error status: the request itself was fine.
    if (c.req.header('HX-Request')) return c.html(<PreviewResult outcome={outcome} />);
    const digest = (await accountDigest(deps, v.user))!;
    return c.html(<AccountPage {...v} digest={{ ...digest, preview: outcome }} />);
  }

  return app;
}
