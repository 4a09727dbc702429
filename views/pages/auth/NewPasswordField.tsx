// The field where someone chooses a password (first run, accepting an invitation, changing it):
// the policy's minimum is enforced by the browser and stated in the hint.
import { MIN_PASSWORD_LENGTH } from '../../../src/domain/passwordPolicy';
import { Field } from '../../partials/forms';

export function NewPasswordField(p: { label: string; error: string | undefined; advice?: string }) {
  const hint = `At least ${MIN_PASSWORD_LENGTH} characters.${p.advice ? ` ${p.advice}` : ''}`;
  return (
    <Field name="password" label={p.label} type="password" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} hint={hint} error={p.error} />
  );
}
