// Sign-in with email and password, limited per account and per address.
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { users } from '../db/schema';
import { err, ok, type Result } from '../domain/result';
import { base64url, hmac } from '../security/crypto';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../security/passwords';
import { recordAudit } from './audit';
import { clearRateLimit, hitRateLimit, refundRateLimit, type Hit, type Window } from './rateLimit';
import { startSession, type StartedSession } from './sessions';
import { findUserByEmail } from './users';

/** Guessing one account's password: a handful of tries, then a pause. */
export const ACCOUNT_LIMIT: Window = { limit: 5, windowMs: 15 * 60 * 1000 };
/** One address trying many accounts; higher, since an office may share one address. */
export const ADDRESS_LIMIT: Window = { limit: 30, windowMs: 15 * 60 * 1000 };

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, when the platform tells it. */
  ip: string | null;
  /** The session cookie the browser already had, replaced by the new one. */
  previousToken?: string | null;
}

export type SignInError = { kind: 'invalid' } | { kind: 'limited'; retryAfterSeconds: number };

/** Counter keys are keyed hashes, so the table holds no addresses or emails. */
async function limitKey(secret: string, kind: string, value: string) {
  return `login:${kind}:${base64url(await hmac(secret, `login:${kind}:${value}`))}`;
}

export async function signIn(deps: Deps, input: SignInInput): Promise<Result<StartedSession & { userId: string }, SignInError>> {
  const email = input.email.trim().toLowerCase();
  const accountKey = await limitKey(deps.config.appSecret, 'account', email);
  const addressKey = input.ip ? await limitKey(deps.config.appSecret, 'ip', input.ip) : null;

  // Every attempt is counted before the password is checked; a success gives its count back below.
  const account = await hitRateLimit(deps, accountKey, ACCOUNT_LIMIT);
  const address = addressKey ? await hitRateLimit(deps, addressKey, ADDRESS_LIMIT) : null;
  const blocked = [account, address].filter((h): h is Hit => h !== null && !h.allowed);
  if (blocked.length > 0) {
    // One entry when a window fills up, not one per refused attempt, so a flood cannot flood the log.
    if (account.count === ACCOUNT_LIMIT.limit + 1 || address?.count === ADDRESS_LIMIT.limit + 1) {
      await recordAudit(deps, { actorId: null, action: 'sign-in.limited', target: email });
    }
    const resetAt = Math.max(...blocked.map((h) => h.resetAt));
    return err({ kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((resetAt - deps.clock()) / 1000)) });
  }

  const user = await findUserByEmail(deps, email);
  const check = user?.passwordHash && user.active ? await verifyPassword(input.password, user.passwordHash) : null;
  if (!check) await burnPasswordCheck(input.password);
  if (!user || !check?.ok) {
    await recordAudit(deps, {
      actorId: null,
      action: 'sign-in.failed',
      target: email,
      detail: !user ? 'unknown account' : !user.active ? 'deactivated account' : 'wrong password',
    });
    return err({ kind: 'invalid' });
  }

  await Promise.all([clearRateLimit(deps, accountKey), addressKey ? refundRateLimit(deps, addressKey) : null]);
  if (check.needsRehash) {
    await deps.db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(eq(users.id, user.id));
  }
  const session = await startSession(deps, user.id, input.previousToken);
  return ok({ ...session, userId: user.id });
}
