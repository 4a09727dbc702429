// The score question as a group of real radio buttons: keyboard arrows, screen readers and a plain
// form post all work without JavaScript. Each score's word is visible on worded scales and read
// aloud on NPS, whose row shows only its two ends.
import type { SurveyKind } from '../../src/domain/surveys';
import { messages, type Locale } from '../../src/i18n';
import { describeScale, ownScale } from '../../src/i18n/scale';

export interface ScoreScaleProps {
  locale: Locale;
  survey: SurveyKind;
  agentName: string | null;
  selected: number | null;
  /** Id of an error message about this question. */
  describedBy?: string | undefined;
  /** survey design: the admin's question and end words. */
  own?: { question: string; lowLabel: string | null; highLabel: string | null } | undefined;
}

export function ScoreScale(p: ScoreScaleProps) {
  const base = describeScale(messages(p.locale), p.survey);
  const scale = p.own ? ownScale(base, p.own) : base;
  const first = scale.points[0]!.score;
  return (
    <fieldset class={`scale scale-${p.survey}`} aria-describedby={p.describedBy}>
      <legend class="scale-question">{scale.question(p.agentName)}</legend>
      <div class="scale-options">
        {scale.points.map((pt) => (
          <label class="score">
            <input class="score-input" type="radio" name="score" value={String(pt.score)} checked={pt.score === p.selected} />
            <span class="score-face">
              <span class="score-num">{pt.score}</span>
              {pt.word && <span class={scale.worded ? 'score-word' : 'visually-hidden'}>{pt.word}</span>}
            </span>
          </label>
        ))}
      </div>
      {!scale.worded && (
        <p class="scale-ends" aria-hidden="true">
          <span>
            <span class="end-num">{first} = </span>
            {scale.low}
          </span>
          <span>
            <span class="end-num">{scale.max} = </span>
            {scale.high}
          </span>
        </p>
      )}
    </fieldset>
  );
}
