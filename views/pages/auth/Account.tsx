// The signed-in user's own account: who they are, a form to change their password, and (managers
// and admins) their score digest settings.
import type { SessionUser } from '../../../src/domain/access';
import { AppShell } from '../../AppShell';
import { CsrfField, Field, Note } from '../../partials/forms';
import { ROLE_LABELS } from '../admin/labels';
import { NewPasswordField } from './NewPasswordField';
import { DigestCard, type DigestCardProps } from '../../partials/DigestSettings';

export interface AccountProps {
  user: SessionUser;
  csrf: string;
  errors?: Partial<Record<'current' | 'password', string>>;
  saved?: boolean;
  /** score digest: managers' and admins' digest settings. */
  digest?: Omit<DigestCardProps, 'csrf'> | null;
}

export function AccountPage(p: AccountProps) {
  const e = p.errors ?? {};
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Your account" active="account">
      <div class="page-header">
        <h1>Your account</h1>
      </div>
      <div class="grid grid-2">
        <section class="card">
          <h2>Profile</h2>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{p.user.name ?? '—'}</dd>
            <dt>Email</dt>
            <dd>{p.user.email}</dd>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[p.user.role]}</dd>
          </dl>
        </section>
        <section class="card">
          <h2>Change password</h2>
          {p.saved ? <Note kind="success">Password changed. Your other sessions were signed out.</Note> : null}
          <form method="post" action="/account/password" class="form-stack">
            <CsrfField token={p.csrf} />
            <input type="text" name="email" value={p.user.email} autocomplete="username" hidden readonly />
            <Field name="current" label="Current password" type="password" autocomplete="current-password" required error={e.current} />
            <NewPasswordField label="New password" error={e.password} />
            <button type="submit" class="button">
              Change password
            </button>
          </form>
        </section>
        {p.digest ? <DigestCard csrf={p.csrf} {...p.digest} /> : null}
      </div>
    </AppShell>
  );
}
