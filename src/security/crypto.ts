// Small Web Crypto helpers shared by both runtimes (no node:crypto here).
import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode';
import { BoundedCache } from '../db/cache';

const encoder = new TextEncoder();

/** Unpadded base64url (RFC 4648 §5), as it appears in links and cookies. */
export function base64url(bytes: Uint8Array): string {
  // A copy: the bytes may be a view into a larger buffer.
  return encodeBase64Url(bytes.slice().buffer).replace(/=+$/, '');
}

/**
 * The bytes of unpadded base64url, or null. Only the canonical spelling is accepted: the unused low
 * bits of the last character must be zero, so no token has a second spelling that also verifies.
 */
export function fromBase64url(text: string): Uint8Array | null {
  // A length of 4n+1 cannot be base64 at all (atob throws on it).
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = decodeBase64Url(text);
  return base64url(bytes) === text ? bytes : null;
}

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * SHA-256 and HMAC-SHA-256 done synchronously, where a runtime has them (Node's entry passes
 * node:crypto's, src/entry/nodeDigests.ts). On Node a Web Crypto call is a job handed to the
 * thread pool: about 48 µs of CPU against 3 µs for node:crypto, and a survey confirmation makes
 * two (the link, the visitor's address), an ingest one (the API key). Same bytes either way.
 */
export interface SyncDigests {
  sha256(text: string): Uint8Array;
  hmacSha256(secret: string, message: string): Uint8Array;
}
let syncDigests: SyncDigests | null = null;
export function useSyncDigests(digests: SyncDigests): void {
  syncDigests = digests;
}

export async function sha256Hex(text: string): Promise<string> {
  if (syncDigests) return toHex(syncDigests.sha256(text));
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/**
 * Imported HMAC keys by secret: the app secret and each connection's and webhook's signing secret.
 * Bounded, so a rotated or deleted secret leaves memory once newer ones have pushed it out.
 */
export const hmacKeys = new BoundedCache<string, Promise<CryptoKey>>(64);

const hmacKey = (secret: string): Promise<CryptoKey> =>
  hmacKeys.getOrMake(secret, () => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));

export async function hmac(secret: string, message: string): Promise<Uint8Array> {
  if (syncDigests) return syncDigests.hmacSha256(secret, message);
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message)));
}

/** Compares without an early exit, so timing says nothing about where two secrets differ. */
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const x = typeof a === 'string' ? encoder.encode(a) : a;
  const y = typeof b === 'string' ? encoder.encode(b) : b;
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const toHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** HMAC with the hash a sender chose (helpdesks sign with SHA-1 or SHA-256); the key is not cached. */
export async function hmacWith(hash: 'SHA-1' | 'SHA-256', secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}
