// API keys for helpdesk integrations: shown once, stored as a hash, usable until revoked.
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../deps';
import { apiKeys } from '../db/schema';
import { randomToken, sha256Hex } from '../security/crypto';

const KEY_PREFIX = 'heard_';

export async function createApiKey(deps: Pick<Deps, 'db' | 'clock' | 'newId'>, name: string, createdBy?: string) {
  const key = KEY_PREFIX + randomToken(32);
  const row = {
    id: deps.newId(),
    name,
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    hash: await sha256Hex(key),
    createdBy: createdBy ?? null,
    createdAt: deps.clock(),
  };
  await deps.db.insert(apiKeys).values(row);
  return { id: row.id, name, prefix: row.prefix, key };
}

/** "Last used" is kept to the minute: a write on every request would cost more than it tells. */
const LAST_USED_RESOLUTION = 60_000;

/** The active key matching a presented secret, or null; records when it was last used. */
export async function authenticateApiKey(deps: Pick<Deps, 'db' | 'clock'>, presented: string) {
  if (!presented.startsWith(KEY_PREFIX)) return null;
  const hash = await sha256Hex(presented);
  const [row] = await deps.db
    .select({ id: apiKeys.id, name: apiKeys.name, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const now = deps.clock();
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION) {
    await deps.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { id: row.id, name: row.name };
}

export async function revokeApiKey(deps: Pick<Deps, 'db' | 'clock'>, id: string) {
  const rows = await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
