// First run: creates the first administrator. Shown only while Heard has no users at all.
import { Field, Note } from '../../partials/forms';
import { AuthFrame } from './AuthFrame';
import { NewPasswordField } from './NewPasswordField';

export interface SetupProps {
  email?: string;
  name?: string;
  errors?: Partial<Record<'email' | 'name' | 'password', string>>;
  error?: string;
}

export function SetupPage(p: SetupProps) {
  const e = p.errors ?? {};
  return (
    <AuthFrame title="Set up Heard">
      <h1>Set up Heard</h1>
      <p>Create the first administrator account. You can invite managers and agents once you are signed in.</p>
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      <form method="post" action="/setup" class="form-stack">
        <Field name="name" label="Your name" value={p.name} autocomplete="name" error={e.name} maxlength={200} />
        <Field name="email" label="Email" type="email" value={p.email} autocomplete="username" required error={e.email} />
        <NewPasswordField label="Password" error={e.password} advice="A few unrelated words make a good one." />
        <button type="submit" class="button button-block">
          Create administrator
        </button>
      </form>
    </AuthFrame>
  );
}
