// Accepting an invitation: the invited person picks their name and password.
import type { Role } from '../../../src/domain/access';
import { CsrfField, Field, Note } from '../../partials/forms';
import { AuthFrame } from './AuthFrame';
import { ROLE_LABELS } from '../admin/labels';
import { NewPasswordField } from './NewPasswordField';

export interface InvitationProps {
  action: string;
  email: string;
  role: Role;
  csrf?: string | null;
  name?: string;
  errors?: Partial<Record<'name' | 'password', string>>;
  error?: string;
}

export function InvitationPage(p: InvitationProps) {
  const e = p.errors ?? {};
  return (
    <AuthFrame title="Join Heard">
      <h1>Join Heard</h1>
      <p>
        You were invited as <strong>{ROLE_LABELS[p.role].toLowerCase()}</strong> with the address <strong>{p.email}</strong>. Choose
        your name and a password to finish.
      </p>
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      <form method="post" action={p.action} class="form-stack">
        <CsrfField token={p.csrf} />
        <input type="text" name="email" value={p.email} autocomplete="username" hidden readonly />
        <Field name="name" label="Your name" value={p.name} autocomplete="name" error={e.name} maxlength={200} autofocus />
        <NewPasswordField label="Password" error={e.password} />
        <button type="submit" class="button button-block">
          Create my account
        </button>
      </form>
    </AuthFrame>
  );
}
