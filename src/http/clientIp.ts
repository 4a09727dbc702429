// The client's address for rate limits, from a source the client cannot forge: Node's socket peer
// (or, when that peer is a proxy on this machine or network, the address the proxy appended to
// X-Forwarded-For); on Workers, the CF-Connecting-IP header, which Cloudflare always overwrites.
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** Loopback and private ranges: a peer there is a reverse proxy, not a visitor from the internet. */
const PRIVATE = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{2}:|fe80:|::ffff:(127|10|192\.168)\.)/i;

export function clientIp(c: Context): string | null {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!incoming) return c.req.header('CF-Connecting-IP') ?? null;
  const peer = incoming.socket?.remoteAddress ?? null;
  if (!peer || !PRIVATE.test(peer)) return peer;
  // The last entry is the one our own proxy added; earlier ones come from the client and prove nothing.
  const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
  return forwarded || peer;
}
