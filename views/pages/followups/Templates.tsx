// Admins: customer email templates, a subject and text per language with {{variables}}.
import type { SessionUser } from '../../../src/domain/access';
import { TEMPLATE_VARIABLES } from '../../../src/domain/followupTemplates';
import type { Template, TemplateText } from '../../../src/services/followups/templates';
import { AppShell } from '../../AppShell';
import { LOCALES, type Locale } from '../../../src/i18n';
import { ActionButton, CsrfField, ErrorList, Field, Note } from '../../partials/forms';
import { settingsTabs, Tabs } from './parts';

const LANGUAGES: Record<Locale, string> = { en: 'English', es: 'Spanish', zh: 'Chinese' };

const variableHints = (company: string | null): Record<(typeof TEMPLATE_VARIABLES)[number], string> => ({
  greeting: '“Hi María,” in the customer’s language',
  customer_name: 'the customer’s name (may be empty)',
  agent_name: 'the name of the person sending',
  company: company ? `your company’s name: “${company}”` : 'your company’s name (none is set for this install, so it is left empty)',
  reference: 'the helpdesk’s id for the conversation',
});

export interface TemplateFormValues {
  name: string;
  texts: Partial<Record<Locale, TemplateText>>;
}

export interface TemplatesPageProps {
  user: SessionUser;
  csrf: string;
  templates: Template[];
  /** The template being edited (null: the new-template form). */
  editing: { id: string | null; values: TemplateFormValues } | null;
  errors?: string[];
  notice?: string | undefined;
  /** What {{company}} stands for on this install. */
  company: string | null;
}

function Variables(p: { company: string | null }) {
  const hints = variableHints(p.company);
  return (
    <div class="card">
      <h2>Variables</h2>
      <dl class="facts small">
        {TEMPLATE_VARIABLES.map((v) => (
          <>
            <dt>
              <code>{`{{${v}}}`}</code>
            </dt>
            <dd>{hints[v]}</dd>
          </>
        ))}
      </dl>
      <p class="muted small">Spanish and Chinese are optional: without them the English text is used.</p>
    </div>
  );
}

function TemplateForm(p: { csrf: string; id: string | null; values: TemplateFormValues; errors?: string[] | undefined }) {
  const action = p.id ? `/admin/follow-ups/templates/${p.id}` : '/admin/follow-ups/templates';
  return (
    <form method="post" action={action} class="card form-stack" aria-labelledby="template-form">
      <CsrfField token={p.csrf} />
      <h2 id="template-form">{p.id ? 'Edit template' : 'New template'}</h2>
      <ErrorList errors={p.errors} />
      <Field id="t-name" name="name" label="Name" value={p.values.name} required maxlength={100} />
      {LOCALES.map((l) => (
        <fieldset class="form-stack language-group">
          <legend>
            {LANGUAGES[l]} {l === 'en' ? null : <span class="muted">(optional)</span>}
          </legend>
          <Field id={`t-${l}-subject`} name={`${l}.subject`} label="Subject" value={p.values.texts[l]?.subject ?? ''} required={l === 'en'} maxlength={200} />
          <div class="field">
            <label for={`t-${l}-body`}>Text</label>
            <textarea id={`t-${l}-body`} name={`${l}.body`} rows={7} required={l === 'en'}>
              {p.values.texts[l]?.body ?? ''}
            </textarea>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="submit" class="button">
          Save template
        </button>
      </div>
    </form>
  );
}

export function TemplatesPage(p: TemplatesPageProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Email templates" active="followup-settings">
      <div class="page-header">
        <h1>Follow-up settings</h1>
      </div>
      <Tabs label="Follow-up settings" tabs={settingsTabs('templates')} />
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <div class="stack">
          <section class="card" aria-labelledby="templates">
            <h2 id="templates">Templates</h2>
            <ul class="plain-list">
              {p.templates.map((t) => {
                const builtIn = t.id === 'built-in';
                return (
                  <li>
                    <a href={`/admin/follow-ups/templates/${t.id}`} aria-current={p.editing?.id === t.id ? 'page' : undefined}>
                      {t.name}
                    </a>{' '}
                    <span class="muted small">
                      {LOCALES.filter((l) => t.texts[l]).map((l) => LANGUAGES[l]).join(', ')}
                      {builtIn ? (t.edited ? ' · changed here' : ' · as Heard ships it') : null}
                    </span>
                    {!builtIn || t.edited ? (
                      <ActionButton
                        action={`/admin/follow-ups/templates/${t.id}/delete`}
                        csrf={p.csrf}
                        label={builtIn ? 'Restore original' : 'Delete'}
                        danger={!builtIn}
                        context={t.name}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
          {p.editing ? <TemplateForm csrf={p.csrf} id={p.editing.id} values={p.editing.values} errors={p.errors} /> : null}
        </div>
        <Variables company={p.company} />
      </div>
    </AppShell>
  );
}
