// Fixed-window counters in the database, so every process and every Worker isolate shares them.
// One upsert both counts and reports, so concurrent attempts cannot slip past a read-then-write gap.
import { eq, lte, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { rateLimits } from '../db/schema';

export interface Window {
  limit: number;
  windowMs: number;
}

export interface Hit {
  allowed: boolean;
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the window ends, in epoch ms. */
  resetAt: number;
}

export async function hitRateLimit(deps: Pick<Deps, 'db' | 'clock'>, key: string, w: Window): Promise<Hit> {
  const now = deps.clock();
  const expired = sql`${rateLimits.windowStart} <= ${now - w.windowMs}`;
  const [row] = await deps.db
    .insert(rateLimits)
    .values({ key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (!row) throw new Error('rate limit upsert returned nothing');
  return { allowed: row.count <= w.limit, count: row.count, resetAt: row.windowStart + w.windowMs };
}

/** Gives one attempt back (it turned out fine), without touching the window. */
export async function refundRateLimit(deps: Pick<Deps, 'db'>, key: string): Promise<void> {
  await deps.db
    .update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

export async function clearRateLimit(deps: Pick<Deps, 'db'>, key: string): Promise<void> {
  await deps.db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Housekeeping: windows that started long enough ago are over for every limit Heard uses. */
export async function deleteOldRateLimits(deps: Pick<Deps, 'db'>, olderThan: number): Promise<void> {
  await deps.db.delete(rateLimits).where(lte(rateLimits.windowStart, olderThan));
}
