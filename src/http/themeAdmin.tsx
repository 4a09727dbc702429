// Admins shaping themes (src/services/insight/themeAdmin.ts): each change posts a form, redirects
// back to the page, and a mistake shows the page again with what was wrong.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { presetRange } from '../domain/period';
import { dayNumber } from '../domain/timeZone';
import type { Result } from '../domain/result';
import { deleteTheme, listAdminThemes, mergeThemes, pinTheme, renameTheme, setThemeHidden } from '../services/insight/themeAdmin';
import { getThemes } from '../services/insight/themes';
import { ThemesAdminPage } from '../../views/pages/insight/Themes';
import { field, fields, readForm } from './admin/form';
import { requireUser, viewer, type SessionEnv } from './middleware/session';

const LISTED = 30;

export function themeAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser('admin'));

  async function page(c: Context<SessionEnv>, errors?: string[]) {
    const [report, own] = await Promise.all([
      getThemes(deps, {
        scope: { kind: 'all' },
        filter: { teamId: null, agentId: null, channel: null, tag: null },
        range: presetRange('90d', dayNumber(deps.clock(), deps.config.timeZone)),
        survey: null,
        limit: LISTED,
      }),
      listAdminThemes(deps),
    ]);
    const notice = c.req.query('done') ? 'Saved.' : undefined;
    return c.html(<ThemesAdminPage {...viewer(c)} found={report.themes} own={own} errors={errors} notice={notice} />, errors ? 422 : 200);
  }
  const after = (c: Context<SessionEnv>, r: Result<unknown, string>) => (r.ok ? c.redirect('/admin/themes?done=1', 303) : page(c, [r.error]));

  app.get('/themes', (c) => page(c));
  app.post('/themes/rename', async (c) => {
    const form = await readForm(c);
    return after(c, await renameTheme(deps, viewer(c).user.id, field(form, 'ref'), field(form, 'name')));
  });
  app.post('/themes/hide', async (c) => {
    const form = await readForm(c);
    return after(c, await setThemeHidden(deps, viewer(c).user.id, field(form, 'ref'), field(form, 'name'), true));
  });
  app.post('/themes/merge', async (c) => {
    const form = await readForm(c);
    return after(c, await mergeThemes(deps, viewer(c).user.id, fields(form, 'refs'), field(form, 'name')));
  });
  app.post('/themes/pin', async (c) => {
    const form = await readForm(c);
    return after(c, await pinTheme(deps, viewer(c).user.id, { name: field(form, 'name'), keywords: field(form, 'keywords') }));
  });
  app.post('/themes/:id/delete', async (c) => {
    await deleteTheme(deps, viewer(c).user.id, `t:${c.req.param('id')}`);
    return c.redirect('/admin/themes?done=1', 303);
  });
  return app;
}
