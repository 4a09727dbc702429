// Settings → Data: how long Heard keeps customers' words, with a preview of what the rule would
// delete now, and how an erased address may be surveyed again.
import type { SessionUser } from '../../../src/domain/access';
import { MAX_MONTHS, MIN_MONTHS, type RetentionRule } from '../../../src/domain/retention';
import type { RetentionMode } from '../../../src/db/schema';
import { AppShell } from '../../AppShell';
import { CsrfField, Field, Note } from '../../partials/forms';

export interface RetentionPreview {
  months: number;
  cutoff: number;
  comments: number;
  answers: number;
}

export interface DataSettingsProps {
  user: SessionUser;
  csrf: string;
  /** The rule shown in the form: the saved one, or what was typed. */
  rule: { mode: RetentionMode; months: string };
  saved: RetentionRule;
  preview: RetentionPreview | null;
  error?: string | undefined;
  liftError?: string | undefined;
  notice?: string | undefined;
}

const MODES: { mode: RetentionMode; title: string; hint: string }[] = [
  { mode: 'off', title: 'Keep everything', hint: 'Nothing is deleted by age. This is the default.' },
  {
    mode: 'comments',
    title: 'Delete old comments',
    hint: 'Comments, and the sentiment and themes read from them, are deleted; scores stay, so every dashboard keeps its numbers.',
  },
  {
    mode: 'responses',
    title: 'Delete old answers',
    hint: 'Whole answers (score, comment, reasons) and the closed follow-up tasks they opened are deleted; they leave the dashboards. Surveys sent still count as sent.',
  },
];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function DataSettingsPage(p: DataSettingsProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Data" active="data-settings">
      <div class="page-header">
        <h1>Data</h1>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="stack">
        <section class="card form-stack" aria-labelledby="retention">
          <h2 id="retention">Retention</h2>
          <p class="muted">
            Delete customers’ words once they are older than you need them. Heard applies the rule in the background every few minutes, a few
            hundred answers at a time, and writes each run to the audit log. Deleted data cannot be brought back.
          </p>
          {p.error ? <Note kind="error">{p.error}</Note> : null}
          <form method="post" action="/admin/data" class="form-stack">
            <CsrfField token={p.csrf} />
            <fieldset class="field">
              <legend>What to delete</legend>
              <div class="choice-list">
                {MODES.map((m) => (
                  <label class="choice" for={`retention-${m.mode}`}>
                    <input type="radio" id={`retention-${m.mode}`} name="mode" value={m.mode} checked={p.rule.mode === m.mode} required />
                    <span>
                      <span class="choice-title">{m.title}</span>
                      <span class="choice-hint">{m.hint}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Field
              name="months"
              label="Older than (months)"
              value={p.rule.months}
              hint={`From ${MIN_MONTHS} to ${MAX_MONTHS}. Counted from when the customer answered.`}
              maxlength={3}
              required
            />
            {p.preview ? <PreviewNote preview={p.preview} /> : null}
            <div class="button-row">
              <button type="submit" class="button">
                Save
              </button>
              <button type="submit" class="button button-secondary" formmethod="get" formaction="/admin/data" formnovalidate>
                Preview
              </button>
            </div>
          </form>
        </section>

        <section class="card form-stack" aria-labelledby="erased">
          <h2 id="erased">Erased customers</h2>
          <p class="muted">
            An admin erases a customer from the customer’s page (Erase customer…), or an integration with <code>DELETE /api/v1/customers/{'{email}'}</code>.
            Heard then keeps only a keyed hash of the address, so a new interaction for them is stored without a survey. If they ask to be surveyed
            again, type their address here.
          </p>
          <form method="post" action="/admin/data/lift" class="form-stack">
            <CsrfField token={p.csrf} />
            <Field name="email" label="Address to survey again" type="email" autocomplete="off" error={p.liftError} required />
            <div>
              <button type="submit" class="button button-secondary">
                Allow surveys again
              </button>
            </div>
          </form>
        </section>
      </div>
    </AppShell>
  );
}

function PreviewNote(p: { preview: RetentionPreview }) {
  const { preview: v } = p;
  return (
    <div class="note note-info" role="status" id="retention-preview">
      <div>
        Now, older than {v.months} months (before {day(v.cutoff)}): {count(v.comments, 'comment', 'comments')} would be deleted, or{' '}
        {count(v.answers, 'whole answer', 'whole answers')} (answers of follow-up tasks still open wait until the task closes).
      </div>
    </div>
  );
}
