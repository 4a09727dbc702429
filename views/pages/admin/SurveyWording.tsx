// Settings → Survey → one kind in one language: the texts a customer reads, with Heard's defaults
// as placeholders, and a live preview of the email and the page at phone and desktop width.
// /survey-preview.js posts the form to the preview frames as the admin types; without JavaScript
// the Preview button does it.
import type { SessionUser } from '../../../src/domain/access';
import type { SurveyWording } from '../../../src/domain/surveyDesign';
import { formatReasons, PLACEHOLDERS } from '../../../src/domain/surveyText';
import { TEXT_FIELDS, type WordingErrors, type WordingField } from '../../../src/domain/surveyWording';
import type { SurveyKind } from '../../../src/domain/surveys';
import { AppShell } from '../../AppShell';
import type { Locale } from '../../../src/i18n';
import { defaultWording } from '../../../src/i18n/surveyText';
import { CsrfField, Note, Field } from '../../partials/forms';
import { KIND_NAMES, LOCALE_NAMES } from './SurveySettings';

export type WordingInput = Record<WordingField, string>;

export function wordingInput(w: SurveyWording | undefined): WordingInput {
  return {
    subject: w?.subject ?? '',
    intro: w?.intro ?? '',
    question: w?.question ?? '',
    lowLabel: w?.lowLabel ?? '',
    highLabel: w?.highLabel ?? '',
    thanks: w?.thanks ?? '',
    reasonsLow: w?.reasonsLow ? formatReasons(w.reasonsLow) : '',
    reasonsHigh: w?.reasonsHigh ? formatReasons(w.reasonsHigh) : '',
  };
}

export interface SurveyWordingProps {
  user: SessionUser;
  csrf: string;
  survey: SurveyKind;
  locale: Locale;
  input: WordingInput;
  errors?: WordingErrors;
  notice?: string | undefined;
}

export const PREVIEW_FRAMES = [
  { name: 'preview-phone', label: 'Phone, 390 px', class: 'preview-frame preview-phone' },
  { name: 'preview-desktop', label: 'Desktop, 1440 px (shown at half size)', class: 'preview-frame preview-desktop' },
] as const;

export function SurveyWordingPage(p: SurveyWordingProps) {
  const d = defaultWording(p.survey, p.locale);
  const e = p.errors ?? {};
  const action = `/admin/survey/${p.survey}/${p.locale}`;
  const title = `${KIND_NAMES[p.survey]} · ${LOCALE_NAMES[p.locale]}`;
  const text = (name: keyof typeof TEXT_FIELDS, rows?: number) => (
    <Field name={name} label={TEXT_FIELDS[name].label} value={p.input[name]} placeholder={d[name]} maxlength={TEXT_FIELDS[name].max} error={e[name]} {...(rows ? { rows } : {})} />
  );
  return (
    <AppShell user={p.user} csrf={p.csrf} title={`Survey wording: ${title}`} active="survey-settings" scripts={['/survey-preview.js']} styles={['/survey.css']}>
      <div class="page-header">
        <h1>Survey wording: {title}</h1>
        <p>
          <a href="/admin/survey">Back to survey settings</a>
        </p>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      {Object.keys(e).length ? <Note kind="error">Some texts need another look; see below.</Note> : null}
      <div class="wording-layout">
        <form method="post" action={action} class="form-stack card" id="wording-form" data-preview-url="/admin/survey/preview">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="survey" value={p.survey} />
          <input type="hidden" name="locale" value={p.locale} />
          <p class="muted">
            Empty fields keep Heard’s text, shown greyed. Placeholders: {PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ')}.
          </p>
          {text('subject')}
          {text('intro', 3)}
          {text('question', 2)}
          {text('lowLabel')}
          {text('highLabel')}
          {text('thanks', 2)}
          <Field name="reasonsLow" label="Reasons after a low score (“What went wrong?”)" value={p.input.reasonsLow} placeholder={d.reasonsLow} rows={6} hint="One per line as key: label. Keys stay the same in every language; charts and the API use them." error={e.reasonsLow} />
          <Field name="reasonsHigh" label="Reasons after a high score (“What went well?”)" value={p.input.reasonsHigh} placeholder={d.reasonsHigh} rows={6} error={e.reasonsHigh} />
          <fieldset class="preview-controls">
            <legend>Preview</legend>
            <label>
              Show{' '}
              <select name="view">
                <option value="email">Email</option>
                <option value="page">Survey page</option>
              </select>
            </label>{' '}
            <button type="submit" class="button button-secondary" formaction="/admin/survey/preview" formtarget="preview-phone">
              Preview
            </button>
          </fieldset>
          <div>
            <button type="submit" class="button">
              Save wording
            </button>
          </div>
        </form>
        <section class="preview-pane" aria-label="Preview">
          {PREVIEW_FRAMES.map((f) => (
            <figure class="preview-figure">
              <figcaption>{f.label}</figcaption>
              <div class={`${f.class}-box`}>
                <iframe name={f.name} title={`Preview, ${f.label}`} class={f.class} sandbox="allow-same-origin" src="about:blank"></iframe>
              </div>
            </figure>
          ))}
        </section>
      </div>
    </AppShell>
  );
}
