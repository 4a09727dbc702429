// An erased customer's address, kept only as a keyed hash: HMAC-SHA256 with APP_SECRET over the
// normalised address. Without the secret nobody can test guesses against the stored hashes; with
// it, Heard can still tell that a new interaction is for someone who asked to be forgotten.
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { hashedSuppressions } from '../../db/schema';
import { hmac, toHex } from '../../security/crypto';

export const normaliseAddress = (email: string) => email.trim().toLowerCase();

export async function addressHash(secret: string, email: string): Promise<string> {
  return toHex(await hmac(secret, `suppression\u0000${normaliseAddress(email)}`));
}

/** The first characters of a hash: enough to tell erasures apart in the audit log, too few to test guesses offline. */
export const hashPrefix = (hash: string) => hash.slice(0, 12);

/** Why an address is suppressed by hash, or null. */
export async function hashedSuppression(deps: Pick<Deps, 'db' | 'config'>, email: string): Promise<string | null> {
  const hash = await addressHash(deps.config.appSecret, email);
  const [row] = await deps.db.select({ reason: hashedSuppressions.reason }).from(hashedSuppressions).where(eq(hashedSuppressions.hash, hash));
  return row?.reason ?? null;
}
