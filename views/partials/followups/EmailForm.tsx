// A follow-up task's email form. The task page includes it; alone it answers htmx: the template
// menu swaps it for another template's text, and sending swaps it for a fresh form or the same one
// with its error. Without JavaScript the form posts and the server answers with the whole page.
import type { EmailDraft } from '../../../src/services/followups/pages';
import { CsrfField, Note } from '../forms';

export interface EmailFormProps extends EmailDraft {
  csrf: string;
  error?: string | undefined;
  /** Shown above a fresh form after an email went out (htmx). */
  sent?: string | undefined;
}

export function EmailForm(p: EmailFormProps) {
  if (p.blocked) return <p id="email-form" class="muted">{p.blocked}</p>;
  const action = `/follow-ups/${p.taskId}/email`;
  return (
    <form id="email-form" method="post" action={action} hx-post={action} hx-target="this" hx-swap="outerHTML" class="form-stack">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="key" value={p.formKey} />
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      {p.sent ? <Note kind="success">{p.sent}</Note> : null}
      <div class="field">
        <label for="email-template">Template</label>
        <select
          id="email-template"
          name="template"
          hx-get={`/follow-ups/${p.taskId}/email-form`}
          hx-trigger="change"
          hx-target="#email-form"
          hx-swap="outerHTML"
        >
          {p.templates.map((t) => (
            <option value={t.id} selected={t.id === p.templateId}>
              {t.name}
            </option>
          ))}
        </select>
        <p class="hint">In {p.language}, the customer’s language. Edit before sending if you like.</p>
      </div>
      <div class="field">
        <label for="email-subject">Subject</label>
        <input id="email-subject" name="subject" type="text" value={p.subject} required maxlength={200} />
      </div>
      <div class="field">
        <label for="email-body">Message</label>
        <textarea id="email-body" name="body" rows={12} required>
          {p.body}
        </textarea>
        <p class="hint">Replies go to {p.replyTo}.</p>
      </div>
      <button type="submit" class="button">
        Send email
      </button>
    </form>
  );
}
