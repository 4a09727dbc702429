// Signature checks shared by the connectors: Web Crypto HMACs compared in constant time, and the
// freshness rule for providers that sign a timestamp.
import { err, ok, type Result } from '../domain/result';
import { constantTimeEqual, hmacWith, toBase64, toHex } from '../security/crypto';

/** A signed timestamp further than this from Heard's clock is refused: it may be a recorded request replayed. */
export const MAX_SKEW_MS = 5 * 60_000;

export async function mac(hash: 'SHA-1' | 'SHA-256', encoding: 'base64' | 'hex', secret: string, message: string): Promise<string> {
  const bytes = await hmacWith(hash, secret, message);
  return encoding === 'base64' ? toBase64(bytes) : toHex(bytes);
}

/** Checks a presented signature against the expected one; the header name makes the reason readable. */
export function matches(header: string, presented: string | null, expected: string): Result<void, string> {
  if (!presented) return err(`missing ${header} header`);
  return constantTimeEqual(presented.trim(), expected) ? ok(undefined) : err(`${header} does not match: check the secret`);
}

export function fresh(header: string, at: number | undefined, now: number): Result<void, string> {
  if (at === undefined || Number.isNaN(at)) return err(`missing or unreadable ${header} header`);
  if (Math.abs(now - at) > MAX_SKEW_MS) return err(`stale request: ${header} is more than 5 minutes from now`);
  return ok(undefined);
}
