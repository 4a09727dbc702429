// Follow-up tasks for helpdesk integrations: list them (newest first, keyset paged) and change
// one's status, assignee or add a note. Assignees are named by email address.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { FOLLOWUP_STATUSES, isClosing } from '../../domain/followups';
import { listTasksForApi, updateTaskFromApi } from '../../services/followups/api';
import { decodeCursor, STATUS_FILTERS } from '../../services/followups/queries';
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

const invalid = (c: Parameters<typeof problem>[0], error: Parameters<typeof fieldErrors>[0]) =>
  problem(c, 400, 'Invalid request', { errors: fieldErrors(error) });

export function followupApiRoutes(deps: Deps) {
  const app = new Hono<{ Variables: { apiKeyId: string } }>();

  app.get(
    '/',
    zValidator('query', ZFollowupsQuery, (r, c) => (r.success ? undefined : invalid(c, r.error))),
    async (c) => c.json((await listTasksForApi(deps, c.req.valid('query'))) satisfies TFollowupsPage),
  );

  app.patch(
    '/:id',
    ...jsonBody,
    zValidator('json', ZFollowupPatch, (r, c) => (r.success ? undefined : invalid(c, r.error))),
    async (c) => {
      const updated = await updateTaskFromApi(deps, c.var.apiKeyId, c.req.param('id'), c.req.valid('json'));
      if (updated.ok) return c.json(updated.value satisfies TFollowup);
      if (updated.error === 'unknown-assignee') {
        return problem(c, 422, 'Unknown assignee', { errors: [{ field: 'assignee', message: 'no agent or user has this email' }] });
      }
      if (updated.error === 'not-found') return problem(c, 404, 'Not found');
      return problem(c, 409, 'Status change not allowed', { detail: `A task cannot move to ${c.req.valid('json').status} from where it is now.` });
    },
  );

  return app;
}
