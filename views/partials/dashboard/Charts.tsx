// Charts are <canvas> elements described by data-* attributes; /charts.js draws them with Chart.js
// (no inline script: the CSP allows scripts from files only). Every point and bar links to the
// responses behind it, and the same numbers and links sit in a table under each chart, for
// keyboards, screen readers and pages without JavaScript.
import { isoDate, type Bucket } from '../../../src/domain/period';
import { round1, scoreGroup } from '../../../src/domain/scores';
import type { SurveyKind } from '../../../src/domain/surveys';
import type { TrendPoint } from '../../../src/services/dashboard/overview';
import { int, intervalText, scoreText, SURVEY_LABEL } from './format';
import { SwapLink } from './SwapLink';

const json = (v: unknown) => JSON.stringify(v);
const AXIS: Record<SurveyKind, [number, number]> = { csat: [0, 100], nps: [-100, 100], ces: [0, 100] };

export function TrendChart(p: {
  kind: SurveyKind;
  bucket: Bucket;
  points: TrendPoint[];
  link: (from: string, to: string) => string;
  bucketLink: (b: Bucket) => string;
}) {
  const id = 'trend-chart';
  const label = (t: TrendPoint) => (t.partial ? `${t.label} (partial)` : t.label);
  // Each point's link serves the chart and its table (365 of them by day); a point's key is its first day.
  const links = p.points.map((t) => p.link(t.key, t.to === t.from ? t.key : isoDate(t.to)));
  return (
    <section class="card chart-card" aria-labelledby={`${id}-title`}>
      <div class="chart-head">
        <h2 id={`${id}-title`}>{SURVEY_LABEL[p.kind]} trend</h2>
        <nav class="segmented" aria-label="Group by">
          {(['day', 'week', 'month'] as const).map((b) => (
            <SwapLink href={p.bucketLink(b)} current={b === p.bucket} data={`bucket-${b}`}>
              {b[0]!.toUpperCase() + b.slice(1)}
            </SwapLink>
          ))}
        </nav>
      </div>
      {p.points.length === 1 && (
        <p class="muted small chart-note">Only one {p.bucket} in this period: pick a longer period to see a trend.</p>
      )}
      <div class="chart-box">
        {/* No id: htmx copies an old element's attributes onto a new one with the same id while it
            settles, which would carry Chart.js's inline style over and trip the CSP. */}
        <canvas
          role="img"
          aria-label={`${SURVEY_LABEL[p.kind]} by ${p.bucket}; the table below has the numbers`}
          data-chart="trend"
          data-kind={p.kind}
          data-min={String(AXIS[p.kind][0])}
          data-max={String(AXIS[p.kind][1])}
          data-labels={json(p.points.map(label))}
          data-values={json(p.points.map((t) => round1(t.result.score)))}
          data-low={json(p.points.map((t) => round1(t.result.low)))}
          data-high={json(p.points.map((t) => round1(t.result.high)))}
          data-n={json(p.points.map((t) => t.result.n))}
          data-thin={json(p.points.map((t) => !t.result.enough))}
          data-partial={json(p.points.map((t) => t.partial))}
          data-links={json(links)}
        ></canvas>
      </div>
      <details class="chart-data">
        <summary>Numbers by {p.bucket}</summary>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{p.bucket === 'day' ? 'Day' : p.bucket === 'week' ? 'Week of' : 'Month'}</th>
                <th scope="col" class="num">
                  {SURVEY_LABEL[p.kind]}
                </th>
                <th scope="col">95% CI</th>
                <th scope="col" class="num">
                  Responses
                </th>
              </tr>
            </thead>
            <tbody>
              {p.points.map((t, i) => (
                <tr class={t.result.enough ? undefined : 'row-muted'}>
                  <td>
                    <a href={links[i]}>{label(t)}</a>
                  </td>
                  <td class="num">{scoreText(p.kind, t.result.score)}</td>
                  <td>{t.result.enough ? intervalText(p.kind, t.result.low, t.result.high) : t.result.n ? 'too few responses' : ''}</td>
                  <td class="num">{int(t.result.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

// Which part of the scale a score is in: shared with the digest email's charts.
export { scoreGroup };

export function DistributionChart(p: { kind: SurveyKind; bars: Array<{ score: number; count: number }>; link: (score: number) => string }) {
  const id = 'distribution-chart';
  const total = p.bars.reduce((n, b) => n + b.count, 0);
  return (
    <section class="card chart-card" aria-labelledby={`${id}-title`}>
      <div class="chart-head">
        <h2 id={`${id}-title`}>{SURVEY_LABEL[p.kind]} scores</h2>
        <p class="muted small">{int(total)} responses</p>
      </div>
      <div class="chart-box">
        <canvas
          role="img"
          aria-label={`How many responses gave each ${SURVEY_LABEL[p.kind]} score; the table below has the numbers`}
          data-chart="distribution"
          data-kind={p.kind}
          data-labels={json(p.bars.map((b) => String(b.score)))}
          data-values={json(p.bars.map((b) => b.count))}
          data-groups={json(p.bars.map((b) => scoreGroup(p.kind, b.score)))}
          data-links={json(p.bars.map((b) => p.link(b.score)))}
        ></canvas>
      </div>
      <details class="chart-data">
        <summary>Numbers by score</summary>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Score</th>
                <th scope="col" class="num">
                  Responses
                </th>
                <th scope="col" class="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {p.bars.map((b) => (
                <tr>
                  <td>
                    <a href={p.link(b.score)}>{b.score}</a>
                  </td>
                  <td class="num">{int(b.count)}</td>
                  <td class="num">{total ? `${round1((100 * b.count) / total).toFixed(1)}%` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
