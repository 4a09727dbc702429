// Admins read the audit log, newest first; `before` pages back through older entries.
import { Hono } from 'hono';
import type { Deps } from '../../deps';
import { listAudit } from '../../services/audit';
import { AuditPage } from '../../../views/pages/admin/Audit';
import { viewer, type SessionEnv } from '../middleware/session';

/** The cursor `<at>.<id>` of the last entry shown; anything else starts from the newest. */
function parseCursor(raw: string | undefined) {
  const m = /^(\d{1,15})\.(.{1,100})$/.exec(raw ?? '');
  return m ? { at: Number(m[1]), id: m[2]! } : undefined;
}

export function auditAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/audit', async (c) => {
    const { entries, more } = await listAudit(deps, parseCursor(c.req.query('before')));
    const last = entries.at(-1);
    const nextUrl = more && last ? `/admin/audit?before=${last.at}.${encodeURIComponent(last.id)}` : null;
    return c.html(<AuditPage {...viewer(c)} entries={entries} nextUrl={nextUrl} />);
  });

  return app;
}
