// Periodic cleanup for people and access: rows nobody can use any more. Part of runDueWork.
import type { Deps } from '../deps';
import { deleteStaleInvitations } from './invitations';
import { deleteOldRateLimits } from './rateLimit';
import { deleteDeadSessions } from './sessions';

/** Longer than any rate-limit window Heard uses. */
const RATE_LIMIT_KEEP_MS = 24 * 60 * 60 * 1000;

export async function cleanUpAccess(deps: Pick<Deps, 'db'>, now: number) {
  const sessions = await deleteDeadSessions(deps, now);
  await deleteOldRateLimits(deps, now - RATE_LIMIT_KEEP_MS);
  await deleteStaleInvitations(deps, now);
  return { sessions };
}
