// API keys for helpdesk integrations: shown once, stored as a hash, usable until revoked.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { compiled } from '../db/compiled';
import type { Deps } from '../deps';
import { apiKeys, users } from '../db/schema';
import { randomToken, sha256Hex } from '../security/crypto';
import { auditStatement } from './audit';

const KEY_PREFIX = 'heard_';

type D = Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>;

/** `createdBy` is the admin's user id; none means the operator's CLI. */
export async function createApiKey(deps: D, name: string, createdBy?: string) {
  const key = KEY_PREFIX + randomToken(32);
  const row = {
    id: deps.newId(),
    name,
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    hash: await sha256Hex(key),
    createdBy: createdBy ?? null,
    createdAt: deps.clock(),
  };
  await deps.atomic([
    deps.db.insert(apiKeys).values(row),
    auditStatement(deps, { actorId: row.createdBy, action: 'api-key.created', target: name, detail: `${row.prefix}…` }),
  ]);
  return { id: row.id, name, prefix: row.prefix, key };
}

/** "Last used" is kept to the minute: a write on every request would cost more than it tells. */
const LAST_USED_RESOLUTION = 60_000;

const activeKeyByHash = compiled((db) =>
  db
    .select({ id: apiKeys.id, name: apiKeys.name, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, sql.placeholder('hash')), isNull(apiKeys.revokedAt))),
);

/**
 * The active key matching a presented secret, or null; records when it was last used. The secret is
 * hashed on every request and never kept: a SHA-256 is 3–4% of an ingest's server time (bench/caches.ts).
 */
export async function authenticateApiKey(deps: Pick<Deps, 'db' | 'clock'>, presented: string) {
  if (!presented.startsWith(KEY_PREFIX)) return null;
  const hash = await sha256Hex(presented);
  const [row] = await activeKeyByHash(deps.db).all({ hash });
  if (!row) return null;
  const now = deps.clock();
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION) {
    await deps.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { id: row.id, name: row.name };
}

export async function revokeApiKey(deps: D, id: string, actorId: string | null = null) {
  const [key] = await deps.db
    .select({ name: apiKeys.name, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  if (!key) return false;
  await deps.atomic([
    deps.db.update(apiKeys).set({ revokedAt: deps.clock() }).where(eq(apiKeys.id, id)),
    auditStatement(deps, { actorId, action: 'api-key.revoked', target: key.name, detail: `${key.prefix}…` }),
  ]);
  return true;
}

/** Every key, live ones first, newest first; never the secret (only its prefix). */
export async function listApiKeys(deps: Pick<Deps, 'db'>) {
  return deps.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdBy: users.email,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt));
}
