// Settings → Survey: the brand (company, logo, accent colour, footer), who is asked "Was your issue
// resolved?", the reminder rule, and links to the wording of each survey kind in each language.
import type { SessionUser } from '../../../src/domain/access';
import { DEFAULT_ACCENT, logoPath, type SurveyDesign } from '../../../src/domain/surveyDesign';
import type { SettingsErrors, SettingsInput } from '../../../src/domain/surveyWording';
import { SURVEY_KINDS, type SurveyKind } from '../../../src/domain/surveys';
import { AppShell } from '../../AppShell';
import { LOCALES } from '../../../src/i18n';
import { ActionButton, CsrfField, Note, Field } from '../../partials/forms';
import { CheckBox } from './SurveyFields';

export const KIND_NAMES: Record<SurveyKind, string> = { csat: 'CSAT', nps: 'NPS', ces: 'CES' };
export const LOCALE_NAMES = { en: 'English', es: 'Español', zh: '中文' } as const;

export interface SurveySettingsProps {
  user: SessionUser;
  csrf: string;
  design: SurveyDesign;
  /** What was typed, shown again with its errors. */
  input?: SettingsInput;
  errors?: SettingsErrors;
  logoError?: string;
  notice?: string | undefined;
}

export function settingsInput(d: SurveyDesign): SettingsInput {
  return {
    companyName: d.brand.companyName ?? '',
    accentColor: d.brand.accentColor ?? DEFAULT_ACCENT,
    footerAddress: d.brand.footerAddress ?? '',
    privacyUrl: d.brand.privacyUrl ?? '',
    askResolved: d.askResolved,
    reminderCount: String(d.reminders.count),
    reminderAfterDays: String(d.reminders.afterDays),
  };
}

function reminderRule(count: string, days: string): string {
  if (count === '0') return 'No reminders: customers get the survey email once.';
  const times = count === '1' ? 'one reminder' : `${count} reminders`;
  return `${times[0]!.toUpperCase()}${times.slice(1)}, ${days} days after the previous email, to customers who have not opened or answered it. Never after an answer, an unsubscribe, a bounce or a complaint.`;
}

export function SurveySettingsPage(p: SurveySettingsProps) {
  const v = p.input ?? settingsInput(p.design);
  const e = p.errors ?? {};
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Survey" active="survey-settings">
      <div class="page-header">
        <h1>Survey</h1>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      {Object.keys(e).length ? <Note kind="error">Some settings need another look; see below.</Note> : null}

      <section class="card form-stack" aria-labelledby="wording">
        <h2 id="wording">Wording</h2>
        <p class="muted">Subject, introduction, question, scale labels, thank-you text and reasons, per survey and language. Empty fields keep Heard’s text.</p>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Survey</th>
              {LOCALES.map((l) => (
                <th scope="col">{LOCALE_NAMES[l]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SURVEY_KINDS.map((k) => (
              <tr>
                <th scope="row">{KIND_NAMES[k]}</th>
                {LOCALES.map((l) => (
                  <td>
                    <a href={`/admin/survey/${k}/${l}`}>{p.design.texts[`${k}.${l}`] ? 'Edited' : 'Default'}</a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card form-stack" aria-labelledby="logo">
        <h2 id="logo">Logo</h2>
        {p.design.brand.logoHash ? <img class="brand-logo-preview" src={logoPath(p.design.brand.logoHash)} alt="Current logo" height="40" /> : <p class="muted">No logo yet.</p>}
        {p.logoError ? <Note kind="error">{p.logoError}</Note> : null}
        <form method="post" action="/admin/survey/logo" enctype="multipart/form-data" class="form-stack">
          <CsrfField token={p.csrf} />
          <div class="field">
            <label for="f-logo">Upload a logo</label>
            <p class="hint" id="f-logo-hint">PNG, JPEG or SVG, up to 200 KB. Shown 40 px tall above the survey email and page. SVGs with scripts or links are refused; some mail apps do not show SVG, so PNG is the safest.</p>
            <input id="f-logo" type="file" name="logo" accept="image/png,image/jpeg,image/svg+xml" aria-describedby="f-logo-hint" required />
          </div>
          <button type="submit" class="button">
            Upload logo
          </button>
        </form>
        {p.design.brand.logoHash ? <ActionButton action="/admin/survey/logo/delete" csrf={p.csrf} label="Remove logo" danger /> : null}
      </section>

      <form method="post" action="/admin/survey" class="form-stack settings-form">
        <CsrfField token={p.csrf} />
        <section class="card form-stack" aria-labelledby="brand">
          <h2 id="brand">Brand</h2>
          <Field name="companyName" label="Company name" value={v.companyName} maxlength={100} hint="Signs the email (“The … team”) and fills {{company}}. Empty: BRAND_NAME, if set." error={e.companyName} />
          <Field name="accentColor" label="Accent colour" type="color" value={v.accentColor} hint="Score buttons and links. Needs a contrast of at least 4.5:1 against white (WCAG AA)." error={e.accentColor} />
          <Field name="footerAddress" label="Footer" value={v.footerAddress} rows={2} maxlength={300} hint="Optional: your postal address, shown under the email and page." error={e.footerAddress} />
          <Field name="privacyUrl" label="Privacy link" type="url" value={v.privacyUrl} placeholder="https://example.com/privacy" error={e.privacyUrl} />
        </section>
        <section class="card form-stack" aria-labelledby="resolved">
          <h2 id="resolved">“Was your issue resolved?”</h2>
          <p class="muted">Asked after the score, yes or no; the answer feeds first-contact resolution (FCR) and can open a follow-up.</p>
          {SURVEY_KINDS.map((k) => (
            <CheckBox name="askResolved" value={k} checked={v.askResolved.includes(k)} label={`Ask on ${KIND_NAMES[k]} surveys`} />
          ))}
        </section>
        <section class="card form-stack" aria-labelledby="reminders">
          <h2 id="reminders">Reminders</h2>
          <p class="note-rule">{reminderRule(v.reminderCount, v.reminderAfterDays)}</p>
          <div class={e.reminderCount ? 'field field-invalid' : 'field'}>
            <label for="f-reminderCount">Reminders</label>
            <select id="f-reminderCount" name="reminderCount">
              {[
                ['0', 'Off'],
                ['1', 'One reminder'],
                ['2', 'Two reminders'],
              ].map(([value, label]) => (
                <option value={value} selected={v.reminderCount === value}>
                  {label}
                </option>
              ))}
            </select>
            {e.reminderCount ? <p class="field-error">{e.reminderCount}</p> : null}
          </div>
          <Field name="reminderAfterDays" label="Days after the previous email" value={v.reminderAfterDays} maxlength={2} error={e.reminderAfterDays} />
        </section>
        <div>
          <button type="submit" class="button">
            Save survey settings
          </button>
        </div>
      </form>
    </AppShell>
  );
}
