// Follow-up tasks as helpdesk integrations see them: a keyset-paged list, and one change (status,
// assignee, note) made by an API key. Assignees are named by email address.
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { agents, apiKeys, users } from '../../db/schema';
import type { Assignee } from '../../domain/assignment';
import type { FollowupStatus } from '../../domain/followups';
import { err, ok, type Result } from '../../domain/result';
import { updateTask } from './actions';
import { apiActor } from './events';
import { listTasks, toApi, type Cursor, type FollowupJson, type StatusFilter } from './queries';

export interface ApiListQuery {
  status: StatusFilter;
  /** 'none', or an assignee's email address. */
  assignee?: string | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

export async function listTasksForApi(deps: Deps, q: ApiListQuery) {
  const now = deps.clock();
  const page = await listTasks(
    deps,
    null,
    { status: q.status, assignee: q.assignee === 'none' ? 'none' : q.assignee ? { email: q.assignee } : undefined, cursor: q.cursor, limit: q.limit, order: 'newest' },
    now,
  );
  return { data: page.rows.map((t) => toApi(t, now, deps.config.publicUrl)), nextCursor: page.next };
}

/** An assignee by email: a user (agents through their agent record), or an agent without an account. */
async function assigneeByEmail(deps: Pick<Deps, 'db'>, address: string): Promise<Assignee | null> {
  const [agent] = await deps.db.select({ id: agents.id }).from(agents).where(eq(agents.email, address));
  const [user] = await deps.db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, address));
  if (agent && (!user || user.role === 'agent')) return { kind: 'agent', id: agent.id };
  return user ? { kind: 'user', id: user.id } : null;
}

export interface ApiTaskChange {
  status?: FollowupStatus | undefined;
  /** An email address, or null for nobody. */
  assignee?: string | null | undefined;
  note?: string | undefined;
}

export type ApiChangeError = 'unknown-assignee' | 'not-found' | 'not-allowed';

/** Applies the change in one atomic write, logged as done by the API key. */
export async function updateTaskFromApi(deps: Deps, apiKeyId: string, taskId: string, change: ApiTaskChange): Promise<Result<FollowupJson, ApiChangeError>> {
  const [key] = await deps.db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.id, apiKeyId));
  const to = change.assignee ? await assigneeByEmail(deps, change.assignee) : null;
  if (change.assignee && !to) return err('unknown-assignee');
  const updated = await updateTask(deps, taskId, apiActor(key?.name ?? 'unknown'), {
    ...(change.assignee !== undefined ? { assignee: to } : {}),
    status: change.status,
    note: change.note,
  });
  if (!updated.ok) return err(updated.error === 'not-found' ? 'not-found' : 'not-allowed');
  return ok(toApi(updated.value, deps.clock(), deps.config.publicUrl));
}
