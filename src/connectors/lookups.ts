// Look-ups of people and groups by id through a helpdesk's API, remembered for a while: a busy
// helpdesk closes many tickets for the same agents and groups, and each look-up is a round trip
// its rate limit counts: a hit saves that round trip. Kept in a bounded map per process (an
// isolate on Workers), the least recently used out first.
import { BoundedCache } from '../db/cache';
import type { ApiCall, ConnectionInfo, FetchJson } from './types';

const TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 1000;
const cache = new BoundedCache<string, { at: number; value: unknown }>(MAX_ENTRIES);

/** GETs `call` once per connection and URL within the TTL; failures are never remembered. */
export async function cachedJson(conn: ConnectionInfo, call: ApiCall, fetchJson: FetchJson, now = Date.now()): Promise<unknown> {
  const key = `${conn.id}\u0000${conn.apiToken ?? ''}\u0000${call.url}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = await fetchJson(call);
  cache.set(key, { at: now, value });
  return value;
}
