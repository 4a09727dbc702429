// Sign-in with email and password.
import { CsrfField, Field, Note } from '../../partials/forms';
import { AuthFrame } from './AuthFrame';

export interface LoginProps {
  email?: string;
  next?: string;
  /** The CSRF token when a session already exists in this browser. */
  csrf?: string | null;
  error?: string;
  notice?: string;
}

export function LoginPage(p: LoginProps) {
  return (
    <AuthFrame title="Sign in">
      <h1>Sign in</h1>
      {p.notice ? <Note kind="info">{p.notice}</Note> : null}
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      <form method="post" action="/login" class="form-stack">
        <CsrfField token={p.csrf} />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <Field name="email" label="Email" type="email" value={p.email} autocomplete="username" required autofocus={!p.email} />
        <Field name="password" label="Password" type="password" autocomplete="current-password" required autofocus={!!p.email} />
        <button type="submit" class="button button-block">
          Sign in
        </button>
      </form>
      <p class="fine-print">Forgot your password? Ask an administrator to reset it.</p>
    </AuthFrame>
  );
}
