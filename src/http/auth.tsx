// Signing in and out, first-run setup, accepting invitations and changing one's own password.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { changePassword, hasUsers, setupFirstAdmin, ZEmail, ZName } from '../services/users';
import { acceptInvitation, openInvitation, type InvitationProblem } from '../services/invitations';
import { endSession, startSession } from '../services/sessions';
import { signIn, type SignInError } from '../services/signIn';
import { AccountPage } from '../../views/pages/auth/Account';
import { InvitationPage } from '../../views/pages/auth/Invitation';
import { LoginPage } from '../../views/pages/auth/Login';
import { SetupPage } from '../../views/pages/auth/Setup';
import {
  clearSessionCookie,
  readSessionToken,
  requireUser,
  setSessionCookie,
  viewer,
  type SessionEnv,
} from './middleware/session';
import { noticePage } from './notice';
import { messagePage } from './pages';
import { clientIp } from './clientIp';
import { accountDigest } from './digest';

/**
 * Only a path on this site, never `//elsewhere` or a scheme: the next page after signing in. Browsers
 * drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil` would leave the site too.
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/.test(next) ? next : '/';
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? 'a minute' : `${minutes} minutes`;
}

function signInErrorText(e: SignInError): string {
  return e.kind === 'limited'
    ? `Too many sign-in attempts. For your security, sign-in is paused: try again in ${waitText(e.retryAfterSeconds)}.`
    : 'That email and password do not match an active account.';
}

const INVITATION_PROBLEMS: Record<InvitationProblem, { title: string; body: string }> = {
  unknown: { title: 'This invitation link does not work', body: 'Check that you opened the whole link from the email, or ask an administrator for a new invitation.' },
  expired: { title: 'This invitation has expired', body: 'Invitations work for seven days. Ask an administrator to invite you again.' },
  used: { title: 'This invitation was already used', body: 'The account has been created. Sign in with the password chosen then.' },
};

export function authRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  const signedInResponse = (c: Context, token: string, to: string) => {
    setSessionCookie(c, deps, token);
    return c.redirect(to, 303);
  };

  app.get('/setup', async (c) => {
    if (await hasUsers(deps)) return messagePage(c, 'notFound', 404);
    return c.html(<SetupPage />);
  });

  app.post('/setup', async (c) => {
    if (await hasUsers(deps)) return messagePage(c, 'notFound', 404);
    const form = await c.req.parseBody();
    const email = ZEmail.safeParse(form.email);
    const name = ZName.safeParse(text(form.name));
    const values = { email: text(form.email), name: text(form.name) };
    if (!email.success || !name.success) {
      return c.html(<SetupPage {...values} errors={{ email: email.error?.issues[0]?.message, name: name.error?.issues[0]?.message }} />, 422);
    }
    const created = await setupFirstAdmin(deps, { email: email.data, name: name.data, password: text(form.password) });
    if (!created.ok) {
      if (created.error === 'already-set-up') return messagePage(c, 'notFound', 404);
      return c.html(<SetupPage {...values} errors={{ password: created.error.password }} />, 422);
    }
    const session = await startSession(deps, created.value.id, readSessionToken(c, deps));
    return signedInResponse(c, session.token, '/');
  });

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.var.user) return c.redirect(next, 302);
    return c.html(<LoginPage next={next === '/' ? undefined : next} csrf={c.var.csrf} />);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const email = text(form.email).trim();
    const next = safeNext(form.next);
    const result = await signIn(deps, {
      email,
      password: text(form.password),
      ip: clientIp(c),
      previousToken: readSessionToken(c, deps),
    });
    if (result.ok) return signedInResponse(c, result.value.token, next);
    if (result.error.kind === 'limited') c.header('Retry-After', String(result.error.retryAfterSeconds));
    return c.html(
      <LoginPage email={email} next={next === '/' ? undefined : next} csrf={c.var.csrf} error={signInErrorText(result.error)} />,
      result.error.kind === 'limited' ? 429 : 401,
    );
  });

  app.post('/logout', async (c) => {
    const token = readSessionToken(c, deps);
    if (token) await endSession(deps, token);
    clearSessionCookie(c, deps);
    return c.redirect('/login', 303);
  });

  app.get('/account', requireUser(), async (c) => c.html(<AccountPage {...viewer(c)} digest={await accountDigest(deps, viewer(c).user)} />));

  app.post('/account/password', requireUser(), async (c) => {
    const v = viewer(c);
    const form = await c.req.parseBody();
    const changed = await changePassword(deps, v.user, c.var.sessionId!, text(form.current), text(form.password));
    const digest = await accountDigest(deps, v.user);
    if (changed.ok) return c.html(<AccountPage {...v} digest={digest} saved />);
    const errors =
      changed.error === 'wrong-password' ? { current: 'That is not your current password.' } : { password: changed.error.password };
    return c.html(<AccountPage {...v} digest={digest} errors={errors} />, 422);
  });

  app.get('/invite/:token', async (c) => {
    const opened = await openInvitation(deps, c.req.param('token'));
    if (!opened.ok) return invitationProblem(c, opened.error);
    return c.html(<InvitationPage action={c.req.path} email={opened.value.email} role={opened.value.role} csrf={c.var.csrf} />);
  });

  app.post('/invite/:token', async (c) => {
    const token = c.req.param('token');
    const opened = await openInvitation(deps, token);
    if (!opened.ok) return invitationProblem(c, opened.error);
    const form = await c.req.parseBody();
    const page = { action: c.req.path, email: opened.value.email, role: opened.value.role, csrf: c.var.csrf, name: text(form.name) };
    const name = ZName.safeParse(text(form.name));
    if (!name.success) return c.html(<InvitationPage {...page} errors={{ name: name.error.issues[0]?.message }} />, 422);
    const accepted = await acceptInvitation(deps, token, { name: name.data, password: text(form.password) });
    if (!accepted.ok) {
      const e = accepted.error;
      if (typeof e === 'object') return c.html(<InvitationPage {...page} errors={{ password: e.password }} />, 422);
      if (e === 'email-taken') return invitationProblem(c, 'used');
      if (e === 'unknown-team') return c.html(<InvitationPage {...page} error="A team in this invitation no longer exists. Ask for a new invitation." />, 409);
      return invitationProblem(c, e);
    }
    const session = await startSession(deps, accepted.value.userId, readSessionToken(c, deps));
    return signedInResponse(c, session.token, '/');
  });

  function invitationProblem(c: Context, problem: InvitationProblem) {
    const status = problem === 'unknown' ? 404 : 410;
    return noticePage(c, status, { ...INVITATION_PROBLEMS[problem], link: { href: '/login', label: 'Go to sign in' } });
  }

  return app;
}
