// Reading the development outbox.
import { desc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { outbox } from '../db/schema';

export function listOutbox(deps: Pick<Deps, 'db'>, limit = 100) {
  return deps.db
    .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, createdAt: outbox.createdAt })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}

export async function getOutboxMessage(deps: Pick<Deps, 'db'>, id: string) {
  const [row] = await deps.db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}
