// Signed-in users for app.request() tests: an account of any role, a live session, and request
// helpers that send the cookie and the CSRF token the way a browser page would.
import { eq } from 'drizzle-orm';
import { teams } from '../../src/db/schema';
import type { Deps } from '../../src/deps';
import type { Role, SessionUser } from '../../src/domain/access';
import { cookieName } from '../../src/http/middleware/session';
import { CSRF_FIELD, CSRF_HEADER } from '../../src/security/csrf';
import { resolveSession, startSession } from '../../src/services/sessions';
import { createUser } from '../../src/services/users';

export interface TestSession {
  /** A ready Cookie header value. */
  cookie: string;
  csrf: string;
  user: SessionUser;
  /** The raw cookie token, for tests about the session itself. */
  token: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** The id of a team by name, created if it does not exist yet. */
export async function ensureTeam(deps: Deps, name: string): Promise<string> {
  await deps.db.insert(teams).values({ id: deps.newId(), name, createdAt: deps.clock() }).onConflictDoNothing();
  const [row] = await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  return row!.id;
}

let counter = 0;

export async function createTestUser(
  deps: Deps,
  opts: { role: Role; teams?: string[]; allTeams?: boolean; email?: string; name?: string; password?: string },
): Promise<{ id: string; email: string; password: string }> {
  const teamIds = await Promise.all((opts.teams ?? []).map((t) => ensureTeam(deps, t)));
  const email = opts.email ?? `${opts.role}-${++counter}@staff.example`;
  const password = opts.password ?? TEST_PASSWORD;
  const created = await createUser(
    deps,
    { email, name: opts.name ?? null, password, role: opts.role, teamIds, allTeams: opts.allTeams ?? false },
    { actorId: null, action: 'user.created' },
  );
  if (!created.ok) throw new Error(`createTestUser: ${JSON.stringify(created.error)}`);
  return { id: created.value.id, email, password };
}

/** A session for an existing user, as if they had just signed in. */
export async function sessionFor(deps: Deps, userId: string): Promise<TestSession> {
  const { token, csrf } = await startSession(deps, userId);
  const live = await resolveSession(deps, token);
  if (!live) throw new Error('sessionFor: the new session does not resolve');
  return { cookie: `${cookieName(deps)}=${token}`, csrf, user: live.user, token };
}

/** Creates a user of the role (teams by name, made if missing) and signs them in. */
export async function signIn(deps: Deps, opts: Parameters<typeof createTestUser>[1]): Promise<TestSession> {
  const { id } = await createTestUser(deps, opts);
  return sessionFor(deps, id);
}

/** Anything with app.request: the whole app or one route file. */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** app.request as the session's browser: the cookie always, the CSRF header on unsafe methods. */
export function authed(app: Requester, s: Pick<TestSession, 'cookie' | 'csrf'> | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (s) {
    headers.set('Cookie', s.cookie);
    if (UNSAFE.has((init.method ?? 'GET').toUpperCase()) && !headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, s.csrf);
  }
  return app.request(path, { ...init, headers });
}

/** Posts a urlencoded form as a page would, with the CSRF token in the _csrf field. */
export function form(app: Requester, s: Pick<TestSession, 'cookie' | 'csrf'> | null, path: string, fields: Record<string, string | string[]> = {}) {
  const body = new URLSearchParams();
  if (s) body.append(CSRF_FIELD, s.csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return app.request(path, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(s ? { Cookie: s.cookie } : {}) },
  });
}
