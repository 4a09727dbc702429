// POST /api/v1/customers/{email}/events: churned and reactivated, from a billing system.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { Deps } from '../../deps';
import { futureProblem } from '../../domain/schedule';
import { recordCustomerEvent, ZCustomerEmail, ZCustomerEventInput } from '../../services/customers/events';
import { jsonBody } from '../middleware/jsonBody';
import { fieldErrors, problem } from '../problem';
import type { TCustomerEventResult } from './shapes';

export function customerApiRoutes(deps: Deps) {
  return new Hono().post(
    '/:email/events',
    ...jsonBody,
    zValidator('json', ZCustomerEventInput, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid customer event', { errors: fieldErrors(result.error) });
    }),
    async (c) => {
      const email = ZCustomerEmail.safeParse(c.req.param('email'));
      if (!email.success) return problem(c, 400, 'Invalid customer event', { errors: [{ field: 'email', message: 'must be the customer’s email address' }] });
      const input = c.req.valid('json');
      const at = Date.parse(input.at);
      const future = futureProblem(at, deps.clock());
      if (future) return problem(c, 422, 'Invalid customer event', { errors: [{ field: 'at', message: `at ${future}.` }] });
      const result = await recordCustomerEvent(deps, { email: email.data, type: input.type, at, reason: input.reason ?? null, source: 'api' });
      return c.json(result.body satisfies TCustomerEventResult, result.created ? 201 : 200);
    },
  );
}
