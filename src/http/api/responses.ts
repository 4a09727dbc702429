import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { SENTIMENTS } from '../../analysers/analyser';
import { SURVEY_KINDS } from '../../db/schema';
import { decodeCursor, listResponses } from '../../services/responses';
import { fieldErrors, problem } from '../problem';
import type { TResponsesPage } from './shapes';

export const ZResponsesQuery = z
  .object({
    since: z.iso
      .datetime({ offset: true })
      .transform((v) => Date.parse(v))
      .optional(),
    survey: z.enum(SURVEY_KINDS).optional(),
    agent: z
      .string()
      .trim()
      .email()
      .transform((v) => v.toLowerCase())
      .optional(),
    sentiment: z.enum(SENTIMENTS).optional(),
    cursor: z
      .string()
      .transform((v, ctx) => decodeCursor(v) ?? (ctx.addIssue({ code: 'custom', message: 'not a cursor from this API' }), z.NEVER))
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export function responseRoutes(deps: Deps) {
  return new Hono().get(
    '/',
    zValidator('query', ZResponsesQuery, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid query', { errors: fieldErrors(result.error) });
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await listResponses(deps, { since: q.since, survey: q.survey, agentEmail: q.agent, sentiment: q.sentiment, cursor: q.cursor, limit: q.limit });
      return c.json(page satisfies TResponsesPage);
    },
  );
}
