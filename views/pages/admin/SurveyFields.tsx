// Form pieces of Settings → Survey: a text field or text area with its default shown as a
// placeholder, a hint, and the error beside it.
import { Field } from '../../partials/forms';

export function TextBox(p: {
  name: string;
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  error?: string | undefined;
  rows?: number;
  maxlength?: number;
  type?: 'text' | 'url' | 'color';
}) {
  if (!p.rows) {
    const { rows: _rows, ...field } = p;
    return <Field {...field} />;
  }
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <textarea id={id} name={p.name} rows={p.rows} placeholder={p.placeholder} maxlength={p.maxlength} aria-describedby={described} aria-invalid={p.error ? 'true' : undefined}>
        {p.value}
      </textarea>
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckBox(p: { name: string; value: string; checked: boolean; label: string; hint?: string }) {
  return (
    <label class="check">
      <input type="checkbox" name={p.name} value={p.value} checked={p.checked} />
      <span>
        {p.label}
        {p.hint ? <span class="choice-hint">{p.hint}</span> : null}
      </span>
    </label>
  );
}
