// Admins create teams (ingest also creates them on first sight).
import { Hono } from 'hono';
import type { Deps } from '../../deps';
import { createTeam, listTeams, ZTeamName } from '../../services/teams';
import { TeamsPage } from '../../../views/pages/admin/Teams';
import { viewer, type SessionEnv } from '../middleware/session';
import { field, readForm } from './form';

export function teamAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/teams', async (c) => {
    const notice = c.req.query('done') === 'created' ? 'Team created.' : undefined;
    return c.html(<TeamsPage {...viewer(c)} teams={await listTeams(deps)} notice={notice} />);
  });

  app.post('/teams', async (c) => {
    const raw = field(await readForm(c), 'name');
    const name = ZTeamName.safeParse(raw);
    const created = name.success ? await createTeam(deps, viewer(c).user.id, name.data) : null;
    if (created?.ok) return c.redirect('/admin/teams?done=created', 303);
    const error = name.success ? 'A team with this name already exists.' : name.error.issues[0]?.message;
    return c.html(<TeamsPage {...viewer(c)} teams={await listTeams(deps)} name={raw} error={error} />, name.success ? 409 : 422);
  });

  return app;
}
