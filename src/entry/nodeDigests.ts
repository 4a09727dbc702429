// The synchronous digests of node:crypto, for the Node entry (see SyncDigests in ./crypto.ts).
import { createHash, createHmac } from 'node:crypto';
import type { SyncDigests } from '../security/crypto';

// Copies: a Buffer may be a view into a shared pool, and callers take `.buffer` of what they get.
export const nodeDigests: SyncDigests = {
  sha256: (text) => new Uint8Array(createHash('sha256').update(text, 'utf8').digest()),
  hmacSha256: (secret, message) => new Uint8Array(createHmac('sha256', secret).update(message, 'utf8').digest()),
};
