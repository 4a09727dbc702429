// Invitations: an admin names an address, a role and teams; the person gets a single-use link that
// works for seven days and sets their own name and password.
import { and, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Deps } from '../deps';
import { invitations } from '../db/schema';
import { err, ok, type Result } from '../domain/result';
import { composeInvitationEmail } from '../mail/invitationEmail';
import { randomToken, sha256Hex } from '../security/crypto';
import { auditStatement, recordAudit } from './audit';
import { createUser, describeAccess, findUserByEmail, type AccountError, type TAccess } from './users';
import { teamNames } from './teams';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteInput extends TAccess {
  email: string;
}

export type InviteError = 'email-taken' | 'unknown-team' | { mail: string };

/**
 * Stores the invitation and emails the link. Earlier pending invitations to the same address stop
 * working, so only the newest link is live. If the email cannot be sent, nothing is kept.
 */
export async function inviteUser(deps: Deps, actor: { id: string; name: string | null; email: string }, input: InviteInput): Promise<Result<{ id: string }, InviteError>> {
  if (await findUserByEmail(deps, input.email)) return err('email-taken');
  const names = await teamNames(deps);
  if (input.teamIds.some((id) => !names.has(id))) return err('unknown-team');
  const token = randomToken(32);
  const id = deps.newId();
  const now = deps.clock();
  const expiresAt = now + INVITATION_TTL_MS;
  await deps.atomic([
    deps.db.delete(invitations).where(and(eq(invitations.email, input.email), isNull(invitations.acceptedAt))),
    deps.db.insert(invitations).values({
      id,
      email: input.email,
      role: input.role,
      teamIds: JSON.stringify(input.teamIds),
      allTeams: input.allTeams,
      tokenHash: await sha256Hex(token),
      createdBy: actor.id,
      createdAt: now,
      expiresAt,
    }),
  ]);
  const email = await composeInvitationEmail(deps.config, {
    invitationId: id,
    to: input.email,
    inviter: actor.name ?? actor.email,
    role: input.role,
    teams: input.teamIds.map((t) => names.get(t) ?? t),
    allTeams: input.allTeams,
    url: `${deps.config.publicUrl}/invite/${token}`,
    expiresAt,
  });
  const sent = await deps.mailer.send(email);
  if (!sent.ok) {
    await deps.db.delete(invitations).where(eq(invitations.id, id));
    return err({ mail: sent.error });
  }
  await recordAudit(deps, {
    actorId: actor.id,
    action: 'user.invited',
    target: input.email,
    detail: describeAccess(input, (t) => names.get(t) ?? t),
  });
  return ok({ id });
}

export type InvitationProblem = 'unknown' | 'expired' | 'used';

async function findUsable(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const [row] = await deps.db.select().from(invitations).where(eq(invitations.tokenHash, await sha256Hex(token)));
  if (!row) return err('unknown' as const);
  if (row.acceptedAt !== null) return err('used' as const);
  if (row.expiresAt <= deps.clock()) return err('expired' as const);
  return ok(row);
}

/** The invitation behind a link, if it can still be accepted. */
export async function openInvitation(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const found = await findUsable(deps, token);
  return found.ok ? ok({ email: found.value.email, role: found.value.role }) : found;
}

/**
 * Creates the account and marks the invitation used in one write. A link used twice at the same
 * moment still makes one account: the second insert meets the unique email and fails as a whole.
 */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  input: { name: string | null; password: string },
): Promise<Result<{ userId: string }, InvitationProblem | AccountError>> {
  const found = await findUsable(deps, token);
  if (!found.ok) return found;
  const inv = found.value;
  const claim = deps.db
    .update(invitations)
    .set({ acceptedAt: deps.clock() })
    .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt)));
  const created = await createUser(
    deps,
    {
      email: inv.email,
      name: input.name,
      password: input.password,
      role: inv.role,
      teamIds: JSON.parse(inv.teamIds) as string[],
      allTeams: inv.allTeams,
    },
    { actorId: null, action: 'invitation.accepted' },
    [claim],
  );
  return created.ok ? ok({ userId: created.value.id }) : created;
}

export async function listPendingInvitations(deps: Pick<Deps, 'db' | 'clock'>) {
  return deps.db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, deps.clock())))
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(deps: Deps, actorId: string, id: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ email: invitations.email })
    .from(invitations)
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)));
  if (!row) return false;
  await deps.atomic([
    deps.db.delete(invitations).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt))),
    auditStatement(deps, { actorId, action: 'invitation.revoked', target: row.email }),
  ]);
  return true;
}

/** Housekeeping: links that can no longer be used, kept a while so "expired" can still be told apart. */
export async function deleteStaleInvitations(deps: Pick<Deps, 'db'>, now: number): Promise<void> {
  await deps.db
    .delete(invitations)
    .where(or(lte(invitations.expiresAt, now - INVITATION_TTL_MS), lte(invitations.acceptedAt, now - INVITATION_TTL_MS)));
}
