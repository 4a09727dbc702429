// Data rights over the API: erase a customer (DELETE /api/v1/customers/{email}) and export
// everything Heard holds about them (GET /api/v1/customers/{email}/export).
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { eraseCustomer } from '../../services/customers/erase';
import { exportCustomer } from '../../services/customers/export';
import { jsonStream } from '../download';
import { fieldErrors, problem } from '../problem';

export const ZCustomerParam = z.object({ email: z.string().trim().max(320).email() });

const param = zValidator('param', ZCustomerParam, (result, c) => {
  if (!result.success) return problem(c, 400, 'Invalid customer address', { errors: fieldErrors(result.error) });
});

export function customerApiRoutes(deps: Deps) {
  return new Hono<{ Variables: { apiKeyId: string } }>()
    .delete('/:email', param, async (c) => {
      const erased = await eraseCustomer(deps, { email: c.req.valid('param').email }, { apiKeyId: c.var.apiKeyId });
      if (!erased.ok) return problem(c, 404, 'No customer with this address', { detail: 'Heard holds nothing under this address, and never erased it.' });
      // A very large customer is finished by the background work; asking again is harmless.
      return erased.value === 'continuing' ? c.json({ status: 'continuing' }, 202) : c.body(null, 204);
    })
    .get('/:email/export', param, async (c) => {
      const chunks = await exportCustomer(deps, { email: c.req.valid('param').email });
      if (!chunks) return problem(c, 404, 'No customer with this address');
      return jsonStream(c, chunks, 'heard-customer.json');
    });
}
