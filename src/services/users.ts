// Accounts: creating them (setup, CLI, accepted invitations), changing access, deactivating, passwords.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps, Statement } from '../deps';
import { agents, sessions, users, userTeams } from '../db/schema';
import { ROLES, type Role } from '../domain/access';
import { passwordProblem } from '../domain/passwordPolicy';
import { err, ok, type Result } from '../domain/result';
import { hashPassword, verifyPassword } from '../security/passwords';
import { auditStatement, type AuditAction } from './audit';
import { teamNames } from './teams';

type D = Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>;

export const ZEmail = z
  .string()
  .trim()
  .max(320)
  .email('Enter an email address.')
  .transform((v) => v.toLowerCase());

/** Who someone is and what they may see. Admins need no teams; agents have at most one (their agent record's). */
export const ZAccess = z
  .object({
    role: z.enum(ROLES, 'Choose a role.'),
    teamIds: z.array(z.string().min(1)).max(100).default([]),
    allTeams: z.boolean().default(false),
  })
  .transform((a) => ({
    role: a.role,
    teamIds: a.role === 'admin' || (a.role === 'manager' && a.allTeams) ? [] : [...new Set(a.teamIds)],
    allTeams: a.role === 'manager' && a.allTeams,
  }))
  .refine((a) => a.role !== 'manager' || a.allTeams || a.teamIds.length > 0, {
    message: 'Choose the teams this manager manages, or all teams.',
    path: ['teamIds'],
  })
  .refine((a) => a.role !== 'agent' || a.teamIds.length <= 1, { message: 'An agent belongs to one team.', path: ['teamIds'] });
export type TAccess = z.output<typeof ZAccess>;

export const ZName = z
  .string()
  .trim()
  .max(200, 'Use at most 200 characters.')
  .transform((v) => v || null);

export interface NewUser extends TAccess {
  email: string;
  name: string | null;
  password: string;
}

export type AccountError = 'email-taken' | 'unknown-team' | { password: string };

export async function findUserByEmail(deps: Pick<Deps, 'db'>, email: string) {
  const [row] = await deps.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export async function hasUsers(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const [row] = await deps.db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/**
 * Memberships as statements: managers get user_teams rows; an agent's team lives on the agents row,
 * which is created here when ingest has not seen the agent yet, so the account is linked from day one.
 */
function accessStatements(deps: D, userId: string, u: { email: string; name: string | null } & TAccess): Statement[] {
  const out: Statement[] = [deps.db.delete(userTeams).where(eq(userTeams.userId, userId))];
  if (u.role === 'manager' && u.teamIds.length > 0) {
    out.push(deps.db.insert(userTeams).values(u.teamIds.map((teamId) => ({ userId, teamId }))));
  }
  if (u.role === 'agent') {
    const teamId = u.teamIds[0] ?? null;
    out.push(
      deps.db
        .insert(agents)
        .values({ id: deps.newId(), email: u.email, name: u.name, teamId, createdAt: deps.clock() })
        .onConflictDoUpdate({
          target: agents.email,
          set: {
            name: sql`coalesce(${agents.name}, excluded.name)`,
            teamId: sql`coalesce(excluded.team_id, ${agents.teamId})`,
          },
        }),
    );
  }
  return out;
}

/** Creates an active account with a password; the audit entry names how it came to be. */
export async function createUser(
  deps: D,
  input: NewUser,
  by: { actorId: string | null; action: Extract<AuditAction, 'user.created' | 'invitation.accepted'> },
  extra: Statement[] = [],
): Promise<Result<{ id: string }, AccountError>> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) return err({ password: problem });
  if (await findUserByEmail(deps, input.email)) return err('email-taken');
  const names = await teamNames(deps);
  if (input.teamIds.some((t) => !names.has(t))) return err('unknown-team');
  const id = deps.newId();
  const passwordHash = await hashPassword(input.password);
  try {
    await deps.atomic([
      ...extra,
      deps.db.insert(users).values({
        id,
        email: input.email,
        name: input.name,
        role: input.role,
        allTeams: input.allTeams,
        passwordHash,
        createdAt: deps.clock(),
      }),
      ...accessStatements(deps, id, input),
      // Someone accepting an invitation acts for themselves.
      auditStatement(deps, {
        actorId: by.action === 'invitation.accepted' ? id : by.actorId,
        action: by.action,
        target: input.email,
        detail: describeAccess(input, (t) => names.get(t) ?? t),
      }),
    ]);
  } catch (error) {
    // Two requests raced for the same address; the unique index kept one.
    if (await findUserByEmail(deps, input.email)) return err('email-taken');
    throw error;
  }
  return ok({ id });
}

/**
 * The first admin, from the setup page. The insert only happens while the table is empty, so two
 * visitors racing for the setup page cannot both become admin.
 */
export async function setupFirstAdmin(
  deps: D,
  input: { email: string; name: string | null; password: string },
): Promise<Result<{ id: string }, 'already-set-up' | { password: string }>> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) return err({ password: problem });
  const id = deps.newId();
  const now = deps.clock();
  const passwordHash = await hashPassword(input.password);
  const inserted = await deps.db.run(sql`
    insert into ${users} (id, email, name, role, password_hash, all_teams, active, created_at)
    select ${id}, ${input.email}, ${input.name}, 'admin', ${passwordHash}, 0, 1, ${now}
    where not exists (select 1 from ${users})`);
  if (changes(inserted) !== 1) return err('already-set-up');
  await auditStatement(deps, { actorId: id, action: 'setup', target: input.email });
  return ok({ id });
}

/** Rows changed by a run(): better-sqlite3 says `changes`, D1 says `meta.changes`. */
function changes(result: unknown): number {
  const r = result as { changes?: number; meta?: { changes?: number } };
  return r.changes ?? r.meta?.changes ?? 0;
}

export function describeAccess(a: TAccess, teamName: (id: string) => string): string {
  if (a.role === 'admin') return 'admin';
  if (a.allTeams) return `${a.role}, all teams`;
  return a.teamIds.length ? `${a.role}, ${a.teamIds.map(teamName).join(', ')}` : a.role;
}

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  allTeams: boolean;
  active: boolean;
  createdAt: number;
  lastSignInAt: number | null;
  /** Managed teams (managers) or the agent record's team (agents). */
  teamIds: string[];
}

// Drizzle writes columns of a single-table select unqualified, so inside these sub-queries `email`
// would mean agents.email; the outer row's columns are therefore named with their table.
const outer = (column: string) => sql.raw(`"users"."${column}"`);
const teamIdsSql = sql<string>`case when ${users.role} = 'agent'
  then (select json_group_array(a.team_id) from ${agents} a where a.email = ${outer('email')} and a.team_id is not null)
  else (select json_group_array(ut.team_id) from ${userTeams} ut where ut.user_id = ${outer('id')}) end`;

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  allTeams: users.allTeams,
  active: users.active,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
  teamIds: teamIdsSql,
};

const toUserRow = (r: Omit<UserRow, 'teamIds'> & { teamIds: string | null }): UserRow => ({
  ...r,
  teamIds: JSON.parse(r.teamIds ?? '[]') as string[],
});

export async function listUsers(deps: Pick<Deps, 'db'>): Promise<UserRow[]> {
  const rows = await deps.db.select(userColumns).from(users).orderBy(asc(users.email));
  return rows.map(toUserRow);
}

export async function getUser(deps: Pick<Deps, 'db'>, id: string): Promise<UserRow | null> {
  const [row] = await deps.db.select(userColumns).from(users).where(eq(users.id, id));
  return row ? toUserRow(row) : null;
}

export type ChangeError = 'not-found' | 'self' | 'unknown-team';

/** Changes role and teams. Admins cannot change their own, so an install always keeps an admin. */
export async function changeAccess(deps: D, actorId: string, id: string, access: TAccess): Promise<Result<UserRow, ChangeError>> {
  const user = await getUser(deps, id);
  if (!user) return err('not-found');
  if (id === actorId) return err('self');
  const names = await teamNames(deps);
  if (access.teamIds.some((t) => !names.has(t))) return err('unknown-team');
  const teamName = (t: string) => names.get(t) ?? t;
  const before = describeAccess(user, teamName);
  await deps.atomic([
    deps.db.update(users).set({ role: access.role, allTeams: access.allTeams }).where(eq(users.id, id)),
    ...accessStatements(deps, id, { email: user.email, name: user.name, ...access }),
    auditStatement(deps, {
      actorId,
      action: 'user.access-changed',
      target: user.email,
      detail: `${before} → ${describeAccess(access, teamName)}`,
    }),
  ]);
  return ok((await getUser(deps, id))!);
}

/** Deactivation ends every session of the user in the same write, so they are signed out at once. */
export async function setActive(deps: D, actorId: string, id: string, active: boolean): Promise<Result<UserRow, ChangeError>> {
  const user = await getUser(deps, id);
  if (!user) return err('not-found');
  if (id === actorId) return err('self');
  if (user.active !== active) {
    await deps.atomic([
      deps.db.update(users).set({ active }).where(eq(users.id, id)),
      ...(active ? [] : [deps.db.delete(sessions).where(eq(sessions.userId, id))]),
      auditStatement(deps, { actorId, action: active ? 'user.reactivated' : 'user.deactivated', target: user.email }),
    ]);
  }
  return ok({ ...user, active });
}

export type PasswordChangeError = 'wrong-password' | { password: string };

/** A signed-in user's own change: proves the current password, then ends their other sessions. */
export async function changePassword(
  deps: D,
  user: { id: string; email: string },
  currentSessionId: string,
  current: string,
  next: string,
): Promise<Result<void, PasswordChangeError>> {
  const [row] = await deps.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.hash || !(await verifyPassword(current, row.hash)).ok) return err('wrong-password');
  const problem = passwordProblem(next, user.email);
  if (problem) return err({ password: problem });
  await deps.atomic([
    deps.db.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, user.id)),
    deps.db.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, currentSessionId))),
    auditStatement(deps, { actorId: user.id, action: 'user.password-changed', target: user.email }),
  ]);
  return ok(undefined);
}

/** The operator's reset (CLI): sets a new password and signs the user out everywhere. */
export async function resetPassword(deps: D, email: string, password: string): Promise<Result<void, 'not-found' | { password: string }>> {
  const user = await findUserByEmail(deps, email);
  if (!user) return err('not-found');
  const problem = passwordProblem(password, user.email);
  if (problem) return err({ password: problem });
  await deps.atomic([
    deps.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id)),
    deps.db.delete(sessions).where(eq(sessions.userId, user.id)),
    auditStatement(deps, { actorId: null, action: 'user.password-reset', target: user.email }),
  ]);
  return ok(undefined);
}
