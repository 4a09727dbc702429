// Bearer API keys guard the integration API.
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../../deps';
import { authenticateApiKey } from '../../services/apiKeys';
import { problem } from '../problem';

export const requireApiKey = (deps: Deps) =>
  createMiddleware<{ Variables: { apiKeyId: string } }>(async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      return problem(c, 401, 'API key required', { detail: 'Send Authorization: Bearer <api key>.' });
    }
    const key = await authenticateApiKey(deps, match[1]!);
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problem(c, 401, 'Unknown or revoked API key');
    }
    c.set('apiKeyId', key.id);
    await next();
  });
