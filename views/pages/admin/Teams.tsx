// Admins: the teams, how many agents and managers each has, and the form to add one.
import type { SessionUser } from '../../../src/domain/access';
import type { TeamRow } from '../../../src/services/teams';
import { AppShell } from '../../AppShell';
import { CsrfField, Field, Note } from '../../partials/forms';
import { DataTable } from '../../partials/table';

export interface TeamsPageProps {
  user: SessionUser;
  csrf: string;
  teams: TeamRow[];
  name?: string;
  error?: string;
  notice?: string;
}

export function TeamsPage(p: TeamsPageProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Teams" active="teams">
      <div class="page-header">
        <h1>Teams</h1>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="list">
          <h2 id="list">All teams</h2>
          <DataTable
            columns={['Team', { label: 'Agents', num: true }, { label: 'Managers', num: true }]}
            rows={p.teams}
            empty="No teams yet. Create one here, or send interactions with a team name through the API."
            row={(t) => (
              <tr>
                <td>{t.name}</td>
                <td class="num">{t.agents}</td>
                <td class="num">{t.managers}</td>
              </tr>
            )}
          />
        </section>
        <section class="card" aria-labelledby="new">
          <h2 id="new">New team</h2>
          <p class="muted">Use the same name your helpdesk sends in the team field, so its interactions land here.</p>
          <form method="post" action="/admin/teams" class="form-stack">
            <CsrfField token={p.csrf} />
            <Field name="name" label="Name" value={p.name} required maxlength={100} error={p.error} />
            <button type="submit" class="button">
              Create team
            </button>
          </form>
        </section>
      </div>
    </AppShell>
  );
}
