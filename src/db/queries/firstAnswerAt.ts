// When the earliest answer was given: where "all time" starts. One step down the time index.
import { sql } from 'drizzle-orm';
import type { Db } from '../../deps';

export async function firstAnswerAt(db: Db): Promise<number | null> {
  const [row] = await db.all<{ at: number | null }>(sql`SELECT min(created_at) AS at FROM responses`);
  return row?.at ?? null;
}
