// Shown after someone sends their answer: what we got, and a way back to change it.
import type { SurveyKind } from '../../src/domain/surveys';
import { messages, type Locale } from '../i18n';
import { Layout } from '../Layout';
import { Icon } from '../partials/Icon';
import { Panel } from '../partials/Panel';
import { describeScale } from '../partials/scale';

export interface ThanksProps {
  locale: Locale;
  survey: SurveyKind;
  score: number;
  comment: string;
  changeUrl: string;
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
      <p>{m.thanks.body}</p>
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
    <Layout title={messages(p.locale).thanks.title} locale={p.locale}>
      <ThanksPanel {...p} />
    </Layout>
  );
}
