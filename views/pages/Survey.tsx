// The page a score link in the email opens. It is a plain form first (works with JavaScript off);
// htmx makes the submit swap in the thank-you panel and, when the person arrived by clicking a
// score, confirms that score once the page has been in view for a few seconds.
import type { SurveyKind } from '../../src/domain/surveys';
import { messages, type Locale } from '../../src/i18n';
import { Layout } from '../Layout';
import { CONFIRM_NOTE } from '../partials/ConfirmStatus';
import { Panel, PANEL_ID } from '../partials/Panel';
import { ScoreScale } from '../partials/ScoreScale';
import { VENDOR } from '../vendor';
import type { Brand } from '../../src/domain/surveyDesign';
import { HIGH_FROM, sideOf } from '../../src/domain/surveyText';
import type { SurveyTexts } from '../../src/i18n/surveyText';
import { BrandFooter, BrandHeader, brandStyles } from '../partials/Brand';
import { SurveyDetails } from '../partials/SurveyDetails';

/** survey design: the team's wording and brand, and what the customer said beyond the score. */
export interface SurveyOwn {
  texts: SurveyTexts;
  brand: Brand;
  ticked: readonly string[];
  resolved: boolean | null;
}

export interface SurveyProps {
  locale: Locale;
  survey: SurveyKind;
  agentName: string | null;
  selected: number | null;
  comment: string;
  actionUrl: string;
  /** Where the page confirms the clicked score by itself; null when there is nothing to confirm. */
  confirmUrl: string | null;
  unsubscribeUrl: string;
  error?: string | undefined;
  /** follow-ups: a recovery survey asks "Did we make it right?" above the same scale. */
  purpose?: 'survey' | 'recovery';
  own?: SurveyOwn | undefined;
}

/** How long the page must be in view before it confirms the clicked score (read by /respond.js). */
export const CONFIRM_AFTER_MS = 3000;

export function SurveyForm(p: SurveyProps) {
  const m = messages(p.locale).survey;
  const errorId = p.error ? 'survey-error' : undefined;
  return (
    <Panel class="survey">
      <h1>{p.purpose === 'recovery' ? messages(p.locale).recovery.heading : m.heading(p.agentName)}</h1>
      {p.error && (
        <p id={errorId} class="note note-error" role="alert">
          {p.error}
        </p>
      )}
      <form
        class="stack"
        method="post"
        action={p.actionUrl}
        hx-post={p.actionUrl}
        hx-target={`#${PANEL_ID}`}
        hx-select={`#${PANEL_ID}`}
        hx-swap="outerHTML"
        hx-disable="find button"
      >
        <ScoreScale locale={p.locale} survey={p.survey} agentName={p.agentName} selected={p.selected} describedBy={errorId} own={p.own?.texts} />
        {p.confirmUrl !== null && p.selected !== null && (
          // Inside the form, so htmx posts the form's fields with it: the checked score is the one confirmed.
          <div
            id="confirm-status"
            class="confirm-status"
            role="status"
            aria-live="polite"
            data-seen-ms={String(CONFIRM_AFTER_MS)}
            hx-post={p.confirmUrl}
            hx-trigger="heard:seen"
            hx-select={`.${CONFIRM_NOTE}`}
            hx-swap="innerHTML"
          ></div>
        )}
        {p.own && p.purpose !== 'recovery' && (
          <SurveyDetails
            locale={p.locale}
            reasons={p.own.texts.reasons}
            side={p.selected === null ? null : sideOf(p.survey, p.selected)}
            highFrom={HIGH_FROM[p.survey]}
            ticked={p.own.ticked}
            askResolved={p.own.texts.askResolved}
            resolved={p.own.resolved}
          />
        )}
        <div class="field">
          <label for="comment">
            {m.commentLabel} <span class="muted">{m.optional}</span>
          </label>
          <p id="comment-hint" class="hint">
            {m.commentHint}
          </p>
          <textarea id="comment" name="comment" rows={4} aria-describedby="comment-hint">
            {p.comment}
          </textarea>
        </div>
        <div>
          <button type="submit" class="button">
            {m.submit}
          </button>
        </div>
      </form>
      <p class="fine-print">
        <a href={p.unsubscribeUrl}>{m.unsubscribe}</a>
      </p>
    </Panel>
  );
}

export function SurveyPage(p: SurveyProps) {
  return (
    <Layout
      title={messages(p.locale).survey.title}
      locale={p.locale}
      sheet="survey"
      scripts={[VENDOR.htmx, '/respond.js', ...(p.own ? ['/reasons.js'] : [])]}
      styles={p.own ? brandStyles(p.own.brand) : []}
    >
      {p.own && <BrandHeader brand={p.own.brand} company={p.own.texts.company} />}
      <SurveyForm {...p} />
      {p.own && <BrandFooter brand={p.own.brand} locale={p.locale} />}
    </Layout>
  );
}
