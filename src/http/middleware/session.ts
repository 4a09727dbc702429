// Browser sessions for staff: who is signed in (loadSession), who may enter (requireUser), and the
// CSRF check every state-changing request from a session must pass (csrfGuard).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../../deps';
import type { Role, SessionUser } from '../../domain/access';
import { constantTimeEqual } from '../../security/crypto';
import { resolveSession, SESSION_MAX_AGE_MS } from '../../services/sessions';
import { noticePage, staleFormNotice } from '../notice';
import { messagePage } from '../pages';
import { problem } from '../problem';

export type SessionEnv = {
  Variables: {
    user: SessionUser | null;
    csrf: string | null;
    /** The session row's id, to keep it when a user ends their other sessions. */
    sessionId: string | null;
  };
};

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Over https the __Host- prefix pins the cookie to this exact origin (no Domain, Path=/, Secure). */
export const cookieName = (deps: Pick<Deps, 'config'>) => (isSecure(deps) ? '__Host-heard_session' : 'heard_session');
const isSecure = (deps: Pick<Deps, 'config'>) => deps.config.publicUrl.startsWith('https:');

export function readSessionToken(c: Context, deps: Deps): string | null {
  return getCookie(c, cookieName(deps)) ?? null;
}

export function setSessionCookie(c: Context, deps: Deps, token: string) {
  setCookie(c, cookieName(deps), token, {
    path: '/',
    httpOnly: true,
    secure: isSecure(deps),
    sameSite: 'Lax',
    maxAge: Math.floor(SESSION_MAX_AGE_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, deps: Deps) {
  deleteCookie(c, cookieName(deps), { path: '/', secure: isSecure(deps) });
}

/** Capability links and machine endpoints: no session involved, so none is read and no CSRF token checked. */
const SESSIONLESS = /^\/(s|u|api|webhooks|hooks)\//;

/**
 * Sets c.var.user (or null) for every request; a dead cookie is removed from the browser. Pages of
 * the staff app are never stored by browsers or proxies (they hold personal data, CSRF tokens and
 * invitation links), unless a handler chose its own Cache-Control.
 */
export const loadSession = (deps: Deps) =>
  createMiddleware<SessionEnv>(async (c, next) => {
    const sessionless = SESSIONLESS.test(c.req.path);
    const token = sessionless ? null : readSessionToken(c, deps);
    const live = token ? await resolveSession(deps, token) : null;
    if (token && !live) clearSessionCookie(c, deps);
    c.set('user', live?.user ?? null);
    c.set('csrf', live?.csrf ?? null);
    c.set('sessionId', live?.id ?? null);
    await next();
    if (!sessionless && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

/** Paths answered in JSON: the API, and requests that ask for JSON only. */
export function isApiLike(c: Context): boolean {
  const accept = c.req.header('Accept') ?? '';
  return c.req.path.startsWith('/api/') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/** Where to come back to after signing in: only a path on this site. */
export function loginUrl(c: Context): string {
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? url.pathname + url.search : '';
  return back && back !== '/' ? `/login?next=${encodeURIComponent(back)}` : '/login';
}

/**
 * Lets signed-in users with one of the roles through (any role when none is named). Anonymous visitors
 * are sent to sign in; signed-in users without the role get the same 404 as a missing page.
 */
export const requireUser = (...roles: Role[]) =>
  createMiddleware<SessionEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) {
      if (isApiLike(c)) return problem(c, 401, 'Sign in required');
      if (c.req.header('HX-Request')) {
        c.header('HX-Redirect', loginUrl(c));
        return c.body(null, 401);
      }
      return c.redirect(loginUrl(c), c.req.method === 'GET' ? 302 : 303);
    }
    if (roles.length > 0 && !roles.includes(user.role)) {
      return isApiLike(c) ? problem(c, 404, 'Not found') : messagePage(c, 'notFound', 404);
    }
    await next();
  });

/** The signed-in user and their CSRF token, for a handler behind requireUser. */
export function viewer(c: Context<SessionEnv>): { user: SessionUser; csrf: string } {
  const { user, csrf } = c.var;
  if (!user || !csrf) throw new Error('viewer() used on a route without requireUser()');
  return { user, csrf };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function presentedToken(c: Context): Promise<string> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return '';
  // parseBody caches the body, so the handler can read the form again.
  const body = await c.req.parseBody();
  const field = body[CSRF_FIELD];
  return typeof field === 'string' ? field : '';
}

/**
 * The browser's own word on where a request comes from, when it gives one. Fetch metadata first:
 * under Referrer-Policy no-referrer (which survey pages need) browsers send `Origin: null` on form
 * posts, but still say `Sec-Fetch-Site: same-origin`. Clients that send neither are not browsers.
 */
function sameOrigin(c: Context, deps: Deps): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('Origin');
  if (!origin) return true;
  return origin === new URL(c.req.url).origin || origin === new URL(deps.config.publicUrl).origin;
}

/**
 * Signed-in requests that change something must carry the session's token; anonymous forms (sign-in,
 * setup, invitations) must at least come from this site, which stops signing a victim into another account.
 */
export const csrfGuard = (deps: Deps) =>
  createMiddleware<SessionEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || SESSIONLESS.test(c.req.path)) return next();
    const expected = c.var.csrf;
    const ok = sameOrigin(c, deps) && (!expected || constantTimeEqual(await presentedToken(c), expected));
    if (!ok) return isApiLike(c) ? problem(c, 403, 'CSRF check failed') : noticePage(c, 403, staleFormNotice);
    await next();
  });
