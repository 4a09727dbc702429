// Password hashing with PBKDF2-HMAC-SHA256 through Web Crypto, the one KDF both Node and Workers
// provide natively. Workers refuse more than 100,000 iterations, so that is the default cost; the
// stored string names its parameters, so a Node-only install can raise the cost and old hashes still
// verify (and are upgraded at the next sign-in, see needsRehash).
import { base64url, constantTimeEqual, fromBase64url } from './crypto';

export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = 'pbkdf2-sha256';

const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFKC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>`, salt and hash in base64url. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return [SCHEME, iterations, base64url(salt), base64url(hash)].join('$');
}

interface Parsed {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

function parse(stored: string): Parsed | null {
  const [scheme, iter, salt, hash, ...rest] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== SCHEME || rest.length > 0 || !Number.isInteger(iterations) || iterations < 1) return null;
  const s = fromBase64url(salt ?? '');
  const h = fromBase64url(hash ?? '');
  return s && h && s.length > 0 && h.length > 0 ? { iterations, salt: s, hash: h } : null;
}

export interface Verification {
  ok: boolean;
  /** The hash was made at a lower cost than today's: store a fresh one while the password is at hand. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<Verification> {
  const parsed = parse(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const actual = await derive(password, parsed.salt, parsed.iterations);
  const ok = constantTimeEqual(actual, parsed.hash);
  return { ok, needsRehash: ok && parsed.iterations < PBKDF2_ITERATIONS };
}

/**
 * Spends the same time as a real check, for sign-ins naming an unknown or passwordless account,
 * so response time does not reveal which addresses have accounts.
 */
const DUMMY_SALT = new Uint8Array(SALT_BYTES);
export async function burnPasswordCheck(password: string): Promise<void> {
  await derive(password, DUMMY_SALT, PBKDF2_ITERATIONS);
}
