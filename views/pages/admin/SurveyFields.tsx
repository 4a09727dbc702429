// Form pieces of Settings → Survey beside the shared fields of views/partials/forms.tsx.

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
