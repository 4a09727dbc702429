import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { Deps } from '../../deps';
import { futureProblem } from '../../domain/schedule';
import { ingestInteraction, ZInteractionInput } from '../../services/ingest';
import { jsonBody } from '../middleware/jsonBody';
import { fieldErrors, problem } from '../problem';

export function interactionRoutes(deps: Deps) {
  return new Hono().post(
    '/',
    ...jsonBody,
    zValidator('json', ZInteractionInput, (result, c) => {
      if (!result.success) {
        return problem(c, 400, 'Invalid interaction', { errors: fieldErrors(result.error) });
      }
    }),
    async (c) => {
      const input = c.req.valid('json');
      const future = input.closedAt === undefined ? null : futureProblem(input.closedAt, deps.clock());
      if (future) return problem(c, 422, 'Invalid interaction', { errors: [{ field: 'closedAt', message: `closedAt ${future}.` }] });
      const result = await ingestInteraction(deps, input);
      const { created, ...body } = result;
      return c.json(body, created ? 201 : 200);
    },
  );
}
