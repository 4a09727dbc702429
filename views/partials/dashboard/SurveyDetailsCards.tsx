// First-contact resolution as a tile, and the Reasons chart: the share of answers choosing each
// reason, low scores beside high ones, each bar linking to its responses. Bars are plain HTML
// (a table a screen reader reads as such), so they need no script.
import type { ReasonSide } from '../../../src/domain/surveyText';
import type { SurveyDetailsSummary } from '../../../src/services/dashboard/details';
import { int } from './format';

const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)}%`);

export function FcrTile(p: { d: SurveyDetailsSummary; href: string }) {
  const f = p.d.fcr;
  return (
    <a class={f.n ? 'tile card' : 'tile card tile-thin'} href={p.href} data-tile="fcr">
      <p class="tile-label">
        FCR <span class="muted">share resolved</span>
      </p>
      <p class="tile-value" data-value={f.score === null ? '' : String(f.score)}>
        {pct(f.score)}
      </p>
      <p class="tile-note">{f.n ? `95% CI ${pct(f.low)} – ${pct(f.high)}` : 'Nobody answered “Was your issue resolved?” yet'}</p>
      <p class="tile-n">
        {int(f.resolved)} of {int(f.n)} resolved
      </p>
    </a>
  );
}

const SIDE_TITLE: Record<ReasonSide, string> = { low: 'What went wrong (low scores)', high: 'What went well (high scores)' };

export function ReasonsChart(p: { d: SurveyDetailsSummary; link: (key: string) => string }) {
  return (
    <section class="card reasons-chart" aria-labelledby="reasons-title" data-chart="reasons">
      <div class="chart-head">
        <h2 id="reasons-title">Reasons</h2>
      </div>
      <div class="reasons-sides">
        {(['low', 'high'] as const).map((side) => {
          const s = p.d.reasons[side];
          return (
            <div class={`reasons-side reasons-${side}`}>
              <h3>{SIDE_TITLE[side]}</h3>
              {s.answers === 0 ? (
                <p class="muted">No reasons given in this period.</p>
              ) : (
                <table class="reason-bars">
                  <caption class="muted small">Share of the {int(s.answers)} answers that gave reasons</caption>
                  <tbody>
                    {s.reasons.map((r) => (
                      <tr data-reason={r.key}>
                        <th scope="row">
                          <a href={p.link(r.key)}>{p.d.labels[r.key] ?? r.key}</a>
                        </th>
                        <td>
                          <meter class="reason-meter" min={0} max={100} value={r.share}>
                            {r.share.toFixed(0)}%
                          </meter>
                        </td>
                        <td class="num">
                          {r.share.toFixed(0)}% <span class="muted">({int(r.count)})</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
