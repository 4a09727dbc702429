// The short questions after the score: reasons that depend on the score (chips a person ticks,
// real checkboxes underneath) and "Was your issue resolved?". Both optional: the score counts without them.
// With a score chosen the page shows the matching list; /reasons.js switches it when the score changes.
// Without JavaScript and without a score, both lists show under their own questions.
import type { ReasonOption, ReasonSide } from '../../src/domain/surveyText';
import { designWords } from '../../src/i18n/surveyText';
import type { Locale } from '../../src/i18n';

export interface SurveyDetailsProps {
  locale: Locale;
  reasons: Record<ReasonSide, readonly ReasonOption[]>;
  /** The side of the chosen score; null when no score is chosen yet. */
  side: ReasonSide | null;
  /** The lowest score that asks "What went well?", for /reasons.js. */
  highFrom: number;
  ticked: readonly string[];
  askResolved: boolean;
  resolved: boolean | null;
}

export function SurveyDetails(p: SurveyDetailsProps) {
  const w = designWords(p.locale);
  const sides: ReasonSide[] = ['low', 'high'];
  return (
    <div class="survey-details" data-high-from={String(p.highFrom)}>
      {sides.map((side) =>
        p.reasons[side].length === 0 ? null : (
          <fieldset class="reason-set" data-side={side} hidden={p.side !== null && p.side !== side}>
            <legend class="reason-question">
              {w.ask[side]} <span class="muted">{w.reasonsHint}</span>
            </legend>
            <div class="reason-list">
              {p.reasons[side].map((r) => (
                <label class="reason-chip">
                  <input type="checkbox" name={`reason.${side}`} value={r.key} checked={p.side === side && p.ticked.includes(r.key)} />
                  <span>{r.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ),
      )}
      {p.askResolved && (
        <fieldset class="reason-set reason-resolved">
          <legend class="reason-question">{w.resolved}</legend>
          <div class="reason-list">
            <label class="reason-chip">
              <input type="radio" name="resolved" value="yes" checked={p.resolved === true} />
              <span>{w.yes}</span>
            </label>
            <label class="reason-chip">
              <input type="radio" name="resolved" value="no" checked={p.resolved === false} />
              <span>{w.no}</span>
            </label>
          </div>
        </fieldset>
      )}
    </div>
  );
}
