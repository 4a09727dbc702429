// Follow-up tasks for helpdesk integrations: list them (newest first, keyset paged) and change
// one's status, assignee or add a note. Assignees are named by email address.
import { zValidator } from '@hono/zod-validator';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { agents, apiKeys, users } from '../../db/schema';
import { FOLLOWUP_STATUSES, isClosing } from '../../domain/followups';
import { type Assignee } from '../../domain/assignment';
import { updateTask } from '../../services/followups/actions';
import { apiActor } from '../../services/followups/events';
import { decodeCursor, listTasks, STATUS_FILTERS, toApi } from '../../services/followups/queries';
import { jsonBody } from '../middleware/jsonBody';
import { fieldErrors, problem } from '../problem';
import type { TFollowup, TFollowupsPage } from './shapes';

const email = z
  .string()
  .trim()
  .email()
  .transform((v) => v.toLowerCase());

export const ZFollowupsQuery = z
  .object({
    status: z.enum(STATUS_FILTERS).default('all'),
    assignee: z.union([z.literal('none'), email]).optional(),
    cursor: z
      .string()
      .transform((v, ctx) => decodeCursor(v) ?? (ctx.addIssue({ code: 'custom', message: 'not a cursor from this API' }), z.NEVER))
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ZFollowupPatch = z
  .object({
    status: z.enum(FOLLOWUP_STATUSES).optional(),
    assignee: email.nullable().optional(),
    note: z.string().trim().min(1).max(5000).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.note !== undefined, {
    message: 'send at least one of status, assignee, note',
  })
  .refine((b) => !b.status || !isClosing(b.status) || b.note, { message: 'closing a task needs a note (the outcome)', path: ['note'] });

/** An assignee by email: a user (agents through their agent record), or an agent without an account. */
async function assigneeByEmail(deps: Pick<Deps, 'db'>, address: string): Promise<Assignee | null> {
  const [agent] = await deps.db.select({ id: agents.id }).from(agents).where(eq(agents.email, address));
  const [user] = await deps.db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, address));
  if (agent && (!user || user.role === 'agent')) return { kind: 'agent', id: agent.id };
  return user ? { kind: 'user', id: user.id } : null;
}

const invalid = (c: Parameters<typeof problem>[0], error: Parameters<typeof fieldErrors>[0]) =>
  problem(c, 400, 'Invalid request', { errors: fieldErrors(error) });

export function followupApiRoutes(deps: Deps) {
  const app = new Hono<{ Variables: { apiKeyId: string } }>();

  app.get(
    '/',
    zValidator('query', ZFollowupsQuery, (r, c) => (r.success ? undefined : invalid(c, r.error))),
    async (c) => {
      const q = c.req.valid('query');
      const now = deps.clock();
      const page = await listTasks(
        deps,
        null,
        { status: q.status, assignee: q.assignee === 'none' ? 'none' : q.assignee ? { email: q.assignee } : undefined, cursor: q.cursor, limit: q.limit, order: 'newest' },
        now,
      );
      return c.json({ data: page.rows.map((t) => toApi(t, now, deps.config.publicUrl)), nextCursor: page.next } satisfies TFollowupsPage);
    },
  );

  app.patch(
    '/:id',
    ...jsonBody,
    zValidator('json', ZFollowupPatch, (r, c) => (r.success ? undefined : invalid(c, r.error))),
    async (c) => {
      const id = c.req.param('id');
      const body = c.req.valid('json');
      const [key] = await deps.db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.id, c.var.apiKeyId));
      const to = body.assignee ? await assigneeByEmail(deps, body.assignee) : null;
      if (body.assignee && !to) {
        return problem(c, 422, 'Unknown assignee', { errors: [{ field: 'assignee', message: 'no agent or user has this email' }] });
      }
      const updated = await updateTask(deps, id, apiActor(key?.name ?? 'unknown'), {
        ...(body.assignee !== undefined ? { assignee: to } : {}),
        status: body.status,
        note: body.note,
      });
      if (!updated.ok) {
        if (updated.error === 'not-found') return problem(c, 404, 'Not found');
        return problem(c, 409, 'Status change not allowed', { detail: `A task cannot move to ${body.status} from where it is now.` });
      }
      return c.json(toApi(updated.value, deps.clock(), deps.config.publicUrl) satisfies TFollowup);
    },
  );

  return app;
}
