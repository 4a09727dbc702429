// A customer over the API: churn events from a billing system (POST /api/v1/customers/{email}/events),
// and data rights: erase them (DELETE /api/v1/customers/{email}) and export everything Heard holds
// about them (GET /api/v1/customers/{email}/export).
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { futureProblem } from '../../domain/schedule';
import { eraseCustomer } from '../../services/customers/erase';
import { recordCustomerEvent, ZCustomerEmail, ZCustomerEventInput } from '../../services/customers/events';
import { exportCustomer } from '../../services/customers/export';
import { jsonStream } from '../download';
import { jsonBody } from '../middleware/jsonBody';
import { fieldErrors, problem } from '../problem';
import type { TCustomerEventResult, TErasureContinuing } from './shapes';

export const ZCustomerParam = z.object({ email: z.string().trim().max(320).email() });

const param = zValidator('param', ZCustomerParam, (result, c) => {
  if (!result.success) return problem(c, 400, 'Invalid customer address', { errors: fieldErrors(result.error) });
});

export function customerApiRoutes(deps: Deps) {
  return new Hono<{ Variables: { apiKeyId: string } }>()
    .post(
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
    )
    .delete('/:email', param, async (c) => {
      const erased = await eraseCustomer(deps, { email: c.req.valid('param').email }, { apiKeyId: c.var.apiKeyId });
      if (!erased.ok) return problem(c, 404, 'No customer with this address', { detail: 'Heard holds nothing under this address, and never erased it.' });
      // A very large customer is finished by the background work; asking again is harmless.
      return erased.value === 'continuing' ? c.json({ status: 'continuing' } satisfies TErasureContinuing, 202) : c.body(null, 204);
    })
    .get('/:email/export', param, async (c) => {
      const chunks = await exportCustomer(deps, { email: c.req.valid('param').email });
      if (!chunks) return problem(c, 404, 'No customer with this address');
      return jsonStream(c, chunks, 'heard-customer.json');
    });
}
