// The development outbox: emails Heard would have sent, readable in the browser.
import { Hono } from 'hono';
import type { Deps } from '../deps';
import { getOutboxMessage, listOutbox } from '../services/outbox';
import { OutboxList, OutboxMessage } from '../../views/pages/Outbox';
import { viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

export function outboxRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/', async (c) => c.html(<OutboxList {...viewer(c)} messages={await listOutbox(deps)} />));

  app.get('/:id', async (c) => {
    const m = await getOutboxMessage(deps, c.req.param('id'));
    if (!m) return messagePage(c, 'notFound', 404);
    return c.html(<OutboxMessage {...viewer(c)} message={m} />);
  });

  // The email's own HTML, framed by the message page; sandboxed so nothing in it can run.
  app.get('/:id/html', async (c) => {
    const m = await getOutboxMessage(deps, c.req.param('id'));
    if (!m) return messagePage(c, 'notFound', 404);
    c.header('Content-Security-Policy', "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.body(m.html, 200, { 'Content-Type': 'text/html; charset=utf-8' });
  });

  return app;
}
