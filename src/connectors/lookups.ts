// Look-ups of people and groups by id through a helpdesk's API, remembered for a while: a busy
// helpdesk closes many tickets for the same agents and groups, and each look-up is a round trip
// its rate limit counts. Kept in a bounded map per process (an isolate on Workers), oldest out first.
import type { ApiCall, ConnectionInfo, FetchJson } from './types';

const TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 1000;
const cache = new Map<string, { at: number; value: unknown }>();

/** GETs `call` once per connection and URL within the TTL; failures are never remembered. */
export async function cachedJson(conn: ConnectionInfo, call: ApiCall, fetchJson: FetchJson, now = Date.now()): Promise<unknown> {
  const key = `${conn.id}\u0000${conn.apiToken ?? ''}\u0000${call.url}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = await fetchJson(call);
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, value });
  return value;
}
