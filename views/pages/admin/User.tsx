// Admins: one person's access (role and teams) and whether their account is active.
import type { SessionUser } from '../../../src/domain/access';
import type { UserRow } from '../../../src/services/users';
import { AppShell } from '../../AppShell';
import { ActionButton, CsrfField, Note } from '../../partials/forms';
import { AccessFields, type AccessValues } from './AccessFields';
import { ROLE_LABELS } from './labels';
import { when } from '../../../src/domain/timeText';

export interface UserPageProps {
  user: SessionUser;
  csrf: string;
  subject: UserRow;
  teams: { id: string; name: string }[];
  form?: AccessValues;
  error?: string;
  notice?: string;
}

export function UserPage(p: UserPageProps) {
  const s = p.subject;
  const self = s.id === p.user.id;
  return (
    <AppShell user={p.user} csrf={p.csrf} title={s.name ?? s.email} active="users">
      <p class="breadcrumb">
        <a href="/admin/users">← Users</a>
      </p>
      <div class="page-header">
        <h1>{s.name ?? s.email}</h1>
        {s.active ? <span class="badge badge-success">Active</span> : <span class="badge badge-danger">Deactivated</span>}
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="access">
          <h2 id="access">Access</h2>
          {self ? (
            <p>
              You are {ROLE_LABELS[s.role].toLowerCase()}. Another administrator can change your role; you cannot change your own,
              so Heard always keeps an administrator.
            </p>
          ) : (
            <form method="post" action={`/admin/users/${s.id}/access`} class="form-stack">
              <CsrfField token={p.csrf} />
              <AccessFields idPrefix="access" teams={p.teams} value={p.form ?? s} />
              <button type="submit" class="button">
                Save access
              </button>
            </form>
          )}
        </section>
        <section class="card" aria-labelledby="account">
          <h2 id="account">Account</h2>
          <dl class="facts">
            <dt>Email</dt>
            <dd>{s.email}</dd>
            <dt>Created</dt>
            <dd>{when(s.createdAt)}</dd>
            <dt>Last sign-in</dt>
            <dd>{when(s.lastSignInAt)}</dd>
          </dl>
          {self ? null : s.active ? (
            <>
              <p class="muted">Deactivating signs them out everywhere at once. Their feedback history stays.</p>
              <ActionButton action={`/admin/users/${s.id}/deactivate`} csrf={p.csrf} label="Deactivate" danger />
            </>
          ) : (
            <ActionButton action={`/admin/users/${s.id}/reactivate`} csrf={p.csrf} label="Reactivate" />
          )}
        </section>
      </div>
    </AppShell>
  );
}
