// Unsubscribe links. A GET only asks (link checkers must not unsubscribe anyone); a POST,
// from the page's button or a mail client's RFC 8058 one-click request, unsubscribes at once.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { suppressStatement, unsubscribeTarget } from '../services/suppress';
import { UnsubscribePage } from '../../views/pages/Unsubscribe';
import { localeOf, messagePage } from './pages';

export function unsubscribeRoutes(deps: Deps) {
  const app = new Hono();

  async function target(c: Context) {
    const found = await unsubscribeTarget(deps, c.req.param('token') ?? '');
    if (found.ok) return found.value;
    return found.error === 'expired' ? messagePage(c, 'expired', 410) : messagePage(c, 'invalid', 404);
  }

  app.get('/:token', async (c) => {
    const t = await target(c);
    if (t instanceof Response) return t;
    return c.html(<UnsubscribePage locale={localeOf(c, t.locale)} actionUrl={`/u/${c.req.param('token')}`} done={false} />);
  });

  app.post('/:token', async (c) => {
    const t = await target(c);
    if (t instanceof Response) return t;
    await suppressStatement(deps, t.email, 'unsubscribed');
    return c.html(<UnsubscribePage locale={localeOf(c, t.locale)} actionUrl={`/u/${c.req.param('token')}`} done />);
  });

  return app;
}
