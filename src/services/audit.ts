// The audit log: who did what to whom, for admins to read. Entries never hold secrets or passwords.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Deps } from '../deps';
import { auditLog, users } from '../db/schema';

export const AUDIT_ACTIONS = [
  'setup',
  'sign-in.failed',
  'sign-in.limited',
  'user.created',
  'user.invited',
  'invitation.revoked',
  'invitation.accepted',
  'user.access-changed',
  'user.deactivated',
  'user.reactivated',
  'user.password-changed',
  'user.password-reset',
  'team.created',
  'survey.updated',
  'api-key.created',
  'api-key.revoked',
  'connection.created',
  'connection.updated',
  'connection.deleted',
  'alert.created',
  'alert.updated',
  'alert.deleted',
  // data rights
  'customer.erased',
  'suppression.lifted',
  'retention.updated',
  'retention.applied',
  'theme.changed',
  'theme.merged',
  'theme.pinned',
  'theme.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** The signed-in user acting; null for the operator's CLI or an anonymous visitor. */
  actorId: string | null;
  action: AuditAction;
  /** What was acted on, readable on its own: an email address, a key name. */
  target?: string | null;
  detail?: string | null;
}

/** The insert, for callers that write it atomically with the change it records. */
export function auditStatement(deps: Pick<Deps, 'db' | 'clock' | 'newId'>, e: AuditEntry) {
  return deps.db.insert(auditLog).values({
    id: deps.newId(),
    at: deps.clock(),
    actorId: e.actorId,
    action: e.action,
    target: e.target ?? null,
    detail: e.detail ?? null,
  });
}

export async function recordAudit(deps: Pick<Deps, 'db' | 'clock' | 'newId'>, e: AuditEntry): Promise<void> {
  await auditStatement(deps, e);
}

export const AUDIT_PAGE_SIZE = 100;

/** Newest first; `before` is the cursor of the last entry of the previous page. */
export async function listAudit(deps: Pick<Deps, 'db'>, before?: { at: number; id: string }) {
  const rows = await deps.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      detail: auditLog.detail,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(before ? or(lt(auditLog.at, before.at), and(eq(auditLog.at, before.at), lt(auditLog.id, before.id))) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), more: rows.length > AUDIT_PAGE_SIZE };
}
