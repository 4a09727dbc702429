// GET /r/:code: the short survey link for SMS. It only redirects to the signed page link, which
// then applies the same expiry and scanner rules as every survey link.
import { Hono } from 'hono';
import type { Deps } from '../deps';
import { resolveShortLink } from '../services/surveyLinks';
import { messagePage } from './pages';

export function shortLinkRoutes(deps: Deps) {
  return new Hono().get('/:code', async (c) => {
    const target = await resolveShortLink(deps, c.req.param('code'));
    c.header('Cache-Control', 'no-store');
    return target ? c.redirect(target, 302) : messagePage(c, 'invalid', 404);
  });
}
