// Node's synchronous digests (used by the Node entry) give exactly Web Crypto's bytes, so links,
// key hashes and visitor hashes made by one runtime verify on the other.
import { expect, it } from 'vitest';
import { nodeDigests } from '../../src/entry/nodeDigests';

const encoder = new TextEncoder();
const webSha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
async function webHmac(secret: string, message: string) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

const texts = ['', 'survey:0f8e7c2a-1234.mabc', 'ip:2001:db8::1', 'ñandú 满意 😀', 'x'.repeat(1000)];
// Secrets shorter than, equal to and longer than SHA-256's 64-byte block (a longer key is hashed first).
const secrets = ['k', 'a'.repeat(64), 'secret-'.padEnd(40, 'x'), 'ü'.repeat(50)];

it('hashes as Web Crypto does', async () => {
  for (const text of texts) expect(nodeDigests.sha256(text)).toEqual(await webSha256(text));
});

it('signs as Web Crypto does, with keys of every length', async () => {
  for (const secret of secrets) for (const text of texts) expect(nodeDigests.hmacSha256(secret, text)).toEqual(await webHmac(secret, text));
});

it('hands out bytes of their own, not a view into a shared buffer', () => {
  const mac = nodeDigests.hmacSha256('k', 'm');
  expect(mac.byteOffset).toBe(0);
  expect(mac.buffer.byteLength).toBe(32);
});
