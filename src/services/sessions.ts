// Server-side sessions. The browser holds a random token; the table holds only its SHA-256, so a
// leaked database cannot be replayed as cookies. Sessions end after idle time or an absolute age.
import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { agents, sessions, users, userTeams } from '../db/schema';
import type { SessionUser } from '../domain/access';
import { randomToken, sha256Hex } from '../security/crypto';

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

type D = Pick<Deps, 'db' | 'atomic' | 'clock'>;

export interface StartedSession {
  token: string;
  csrf: string;
}

/**
 * Opens a new session for a user who just proved who they are. A session the browser already had is
 * dropped in the same write: a fresh token at every sign-in defeats session fixation.
 */
export async function startSession(deps: D, userId: string, previousToken?: string | null): Promise<StartedSession> {
  const token = randomToken(32);
  const csrf = randomToken(32);
  const now = deps.clock();
  await deps.atomic([
    ...(previousToken ? [deps.db.delete(sessions).where(eq(sessions.id, await sha256Hex(previousToken)))] : []),
    deps.db.insert(sessions).values({ id: await sha256Hex(token), userId, csrfToken: csrf, createdAt: now, lastSeenAt: now }),
    deps.db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId)),
  ]);
  return { token, csrf };
}

export interface LiveSession {
  /** The session row's id (the token's hash), to keep it when ending a user's other sessions. */
  id: string;
  csrf: string;
  user: SessionUser;
}

const alive = (now: number) =>
  and(gt(sessions.lastSeenAt, now - SESSION_IDLE_MS), gt(sessions.createdAt, now - SESSION_MAX_AGE_MS));

/** The signed-in user behind a cookie token, or null; keeps an active session alive. */
export async function resolveSession(deps: D, token: string): Promise<LiveSession | null> {
  if (!token) return null;
  const id = await sha256Hex(token);
  const now = deps.clock();
  const [row] = await deps.db
    .select({
      csrf: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      allTeams: users.allTeams,
      agentId: agents.id,
      agentTeamId: agents.teamId,
      managed: sql<string>`(select json_group_array(${userTeams.teamId}) from ${userTeams} where ${userTeams.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(agents, eq(agents.email, users.email))
    .where(and(eq(sessions.id, id), eq(users.active, true), alive(now)));
  if (!row) return null;
  if (now - row.lastSeenAt > TOUCH_EVERY_MS) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const teamIds =
    row.role === 'agent' ? (row.agentTeamId ? [row.agentTeamId] : []) : (JSON.parse(row.managed) as string[]);
  return {
    id,
    csrf: row.csrf,
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      allTeams: row.role === 'manager' && row.allTeams,
      teamIds: row.role === 'admin' ? [] : teamIds,
      agentId: row.agentId,
    },
  };
}

export async function endSession(deps: Pick<Deps, 'db'>, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.id, await sha256Hex(token)));
}

/** Housekeeping for the periodic run: sessions nobody can use any more. */
export async function deleteDeadSessions(deps: Pick<Deps, 'db'>, now: number): Promise<number> {
  const rows = await deps.db
    .delete(sessions)
    .where(or(lte(sessions.lastSeenAt, now - SESSION_IDLE_MS), lte(sessions.createdAt, now - SESSION_MAX_AGE_MS)))
    .returning({ id: sessions.id });
  return rows.length;
}
