// Admins create and revoke API keys in the browser; a new key is shown on the answer to the POST
// only (never stored, never in a URL), and that page must not be cached.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/apiKeys';
import { ApiKeysPage } from '../../../views/pages/admin/ApiKeys';
import { viewer, type SessionEnv } from '../middleware/session';
import { messagePage } from '../pages';
import { field, readForm } from './form';

const ZKeyName = z.string().trim().min(1, 'Name the key after where it is used.').max(100, 'Use at most 100 characters.');

export function apiKeyAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/api-keys', async (c) => {
    const notice = c.req.query('done') === 'revoked' ? 'Key revoked. Requests using it are refused from now on.' : undefined;
    return c.html(<ApiKeysPage {...viewer(c)} keys={await listApiKeys(deps)} notice={notice} />);
  });

  app.post('/api-keys', async (c) => {
    const raw = field(await readForm(c), 'name');
    const name = ZKeyName.safeParse(raw);
    if (!name.success) {
      return c.html(<ApiKeysPage {...viewer(c)} keys={await listApiKeys(deps)} name={raw} error={name.error.issues[0]?.message} />, 422);
    }
    const created = await createApiKey(deps, name.data, viewer(c).user.id);
    c.header('Cache-Control', 'no-store');
    return c.html(<ApiKeysPage {...viewer(c)} keys={await listApiKeys(deps)} created={created} />, 201);
  });

  app.post('/api-keys/:id/revoke', async (c) => {
    if (!(await revokeApiKey(deps, c.req.param('id'), viewer(c).user.id))) return messagePage(c, 'notFound', 404);
    return c.redirect('/admin/api-keys?done=revoked', 303);
  });

  return app;
}
