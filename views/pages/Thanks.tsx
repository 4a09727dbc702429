// Shown after someone sends their answer: what we got, and a way back to change it.
import type { SurveyKind } from '../../src/domain/surveys';
import { messages, type Locale } from '../../src/i18n';
import { Layout } from '../Layout';
import { Icon } from '../partials/Icon';
import { Panel } from '../partials/Panel';
import { describeScale } from '../../src/i18n/scale';
import type { ReasonOption } from '../../src/domain/surveyText';
import { designWords } from '../../src/i18n/surveyText';

export interface ThanksProps {
  locale: Locale;
  survey: SurveyKind;
  score: number;
  comment: string;
  changeUrl: string;
  /** survey design: the admin's thank-you text, and the reasons and resolved answer given. */
  body?: string;
  reasons?: readonly ReasonOption[];
  resolved?: boolean | null;
  styles?: string[];
}

/** The panel alone, for htmx to swap in place of the survey form. */
export function ThanksPanel(p: ThanksProps) {
  const m = messages(p.locale);
  const scale = describeScale(m, p.survey);
  const word = scale.worded ? scale.points.find((pt) => pt.score === p.score)?.word : undefined;
  return (
    <Panel class="thanks">
      <Icon name="check" />
      {/* autofocus: after the swap htmx moves focus here, so screen readers announce the result. */}
      <h1 tabindex={-1} autofocus>
        {m.thanks.title}
      </h1>
      <p>{p.body ?? m.thanks.body}</p>
      <dl class="summary">
        <div>
          <dt>{m.thanks.yourScore}</dt>
          <dd>{m.thanks.rating(p.score, scale.max, word ?? null)}</dd>
        </div>
        {p.comment && (
          <div>
            <dt>{m.thanks.yourComment}</dt>
            <dd class="comment">{p.comment}</dd>
          </div>
        )}
        {p.reasons && p.reasons.length > 0 && (
          <div>
            <dt>{designWords(p.locale).yourReasons}</dt>
            <dd class="reasons">{p.reasons.map((r) => r.label).join(' · ')}</dd>
          </div>
        )}
        {p.resolved !== undefined && p.resolved !== null && (
          <div>
            <dt>{designWords(p.locale).resolved}</dt>
            <dd class="resolved">{designWords(p.locale).resolvedAnswer(p.resolved)}</dd>
          </div>
        )}
      </dl>
      <p>
        <a class="button button-secondary" href={p.changeUrl}>
          {m.thanks.change}
        </a>
      </p>
    </Panel>
  );
}

export function ThanksPage(p: ThanksProps) {
  return (
    <Layout title={messages(p.locale).thanks.title} locale={p.locale} sheet="survey" styles={p.styles ?? []}>
      <ThanksPanel {...p} />
    </Layout>
  );
}
