// Admins: everyone with an account, pending invitations, and the form to invite someone.
import type { SessionUser } from '../../../src/domain/access';
import type { UserRow } from '../../../src/services/users';
import { AppShell } from '../../AppShell';
import { ActionButton, CsrfField, Field, Note } from '../../partials/forms';
import { DataTable } from '../../partials/table';
import { AccessFields, type AccessValues } from './AccessFields';
import { ROLE_LABELS } from './labels';
import { when } from '../../../src/domain/timeText';

export interface InviteForm extends AccessValues {
  email: string;
}

export interface UsersPageProps {
  user: SessionUser;
  csrf: string;
  users: UserRow[];
  teams: { id: string; name: string }[];
  invitations: { id: string; email: string; role: SessionUser['role']; expiresAt: number }[];
  form?: InviteForm;
  errors?: Partial<Record<'email' | 'teamIds' | 'form', string>>;
  notice?: string;
}

function teamList(ids: string[], allTeams: boolean, names: Map<string, string>): string {
  if (allTeams) return 'All teams';
  return ids.map((id) => names.get(id) ?? '?').join(', ') || '—';
}

export function UsersPage(p: UsersPageProps) {
  const names = new Map(p.teams.map((t) => [t.id, t.name]));
  const form = p.form ?? { email: '', role: 'agent', teamIds: [], allTeams: false };
  const e = p.errors ?? {};
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Users" active="users">
      <div class="page-header">
        <h1>Users</h1>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="people">
          <h2 id="people">People</h2>
          <DataTable
            columns={['Name', 'Role', 'Teams', 'Last sign-in']}
            rows={p.users}
            row={(u) => (
              <tr>
                <td>
                  <a href={`/admin/users/${u.id}`}>{u.name ?? u.email}</a>
                  {u.name ? <div class="muted small">{u.email}</div> : null}
                  {u.active ? null : <span class="badge badge-danger">Deactivated</span>}
                </td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.role === 'admin' ? 'All' : teamList(u.teamIds, u.allTeams, names)}</td>
                <td class="nowrap">{when(u.lastSignInAt)}</td>
              </tr>
            )}
          />
          {p.invitations.length > 0 ? (
            <>
              <h3 class="section-gap">Pending invitations</h3>
              <DataTable
                columns={['Email', 'Role', 'Link expires', { label: 'Actions', hidden: true }]}
                rows={p.invitations}
                row={(i) => (
                  <tr>
                    <td>{i.email}</td>
                    <td>{ROLE_LABELS[i.role]}</td>
                    <td class="nowrap">{when(i.expiresAt)}</td>
                    <td>
                      <ActionButton action={`/admin/invitations/${i.id}/revoke`} csrf={p.csrf} label="Revoke" context={i.email} />
                    </td>
                  </tr>
                )}
              />
            </>
          ) : null}
        </section>
        <section class="card" aria-labelledby="invite">
          <h2 id="invite">Invite someone</h2>
          <p class="muted">They get an email with a link to choose their password. The link works once, for seven days.</p>
          {e.form ? <Note kind="error">{e.form}</Note> : null}
          <form method="post" action="/admin/users/invite" class="form-stack">
            <CsrfField token={p.csrf} />
            <Field name="email" label="Email" type="email" value={form.email} required error={e.email} autocomplete="off" />
            <AccessFields idPrefix="invite" teams={p.teams} value={form} error={e.teamIds} />
            <button type="submit" class="button">
              Send invitation
            </button>
          </form>
        </section>
      </div>
    </AppShell>
  );
}
