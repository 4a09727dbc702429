// Form pieces for the staff pages: labelled fields with their error beside them, and the CSRF field
// every form posted from a session must carry.
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../src/security/csrf';

export function CsrfField(p: { token: string | null | undefined }) {
  return p.token ? <input type="hidden" name={CSRF_FIELD} value={p.token} /> : null;
}

export interface FieldProps {
  name: string;
  label: string;
  /** Defaults to `f-{name}`. */
  id?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'color';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  autofocus?: boolean;
  minlength?: number;
  maxlength?: number;
  placeholder?: string;
  /** A text area of this many rows instead of a one-line input. */
  rows?: number;
}

/** A labelled input (or text area); its hint and error are tied to it so screen readers announce them. */
export function Field(p: FieldProps) {
  const id = p.id ?? `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.rows ? (
        <textarea id={id} name={p.name} rows={p.rows} placeholder={p.placeholder} maxlength={p.maxlength} aria-invalid={p.error ? 'true' : undefined} aria-describedby={described || undefined}>
          {p.value}
        </textarea>
      ) : (
        <input
          id={id}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.type === 'password' ? undefined : p.value}
          autocomplete={p.autocomplete}
          required={p.required}
          autofocus={p.autofocus}
          minlength={p.minlength}
          maxlength={p.maxlength}
          placeholder={p.placeholder}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={described || undefined}
        />
      )}
      <FieldError id={id} error={p.error} />
    </div>
  );
}

function FieldError(p: { id: string; error: string | undefined }) {
  return p.error ? (
    <p class="field-error" id={`${p.id}-error`}>
      {p.error}
    </p>
  ) : null;
}

/** A labelled drop-down of [value, label] options, its error tied to it like Field's. */
export function SelectField(p: { name: string; label: string; id?: string; value: string; options: ReadonlyArray<readonly [string, string]>; error?: string | undefined }) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      <select id={id} name={p.name} aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.options.map(([value, label]) => (
          <option value={value} selected={p.value === value}>
            {label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={p.error} />
    </div>
  );
}

/** A message above a form: what went wrong, or what just happened. */
export function Note(p: { kind: 'error' | 'success' | 'info'; children: Child }) {
  return (
    <div class={`note note-${p.kind}`} role={p.kind === 'error' ? 'alert' : 'status'}>
      <div>{p.children}</div>
    </div>
  );
}

/** Every problem with a submitted form, together in one alert above it. */
export function ErrorList(p: { errors: string[] | undefined }) {
  return p.errors?.length ? (
    <Note kind="error">
      {p.errors.map((e) => (
        <div>{e}</div>
      ))}
    </Note>
  ) : null;
}

/** A form that posts one action with a single button, such as "Revoke" in a table row. */
export function ActionButton(p: { action: string; csrf: string; label: string; danger?: boolean; context?: string }) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <CsrfField token={p.csrf} />
      <button
        type="submit"
        class={p.danger ? 'button button-small button-danger' : 'button button-small button-secondary'}
        aria-label={p.context ? `${p.label}: ${p.context}` : undefined}
      >
        {p.label}
      </button>
    </form>
  );
}
