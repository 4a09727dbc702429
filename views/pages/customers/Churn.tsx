// Churn by month or quarter: the simple and adjusted rates with intervals, and the same split by
// the customer's last NPS and CSAT answer and by whether their last follow-up won them back: the
// numbers that show whether closing the loop keeps customers.
import type { SessionUser } from '../../../src/domain/access';
import type { ChurnInterval, ChurnRow, Rate, SegmentRates } from '../../../src/domain/churn';
import { isoDate } from '../../../src/domain/period';
import { round1 } from '../../../src/domain/scores';
import { AppShell } from '../../AppShell';
import { Note } from '../../partials/forms';
import { CHART_SCRIPTS } from '../dashboard/Overview';
import { CustomerTabs } from './parts';

export interface ChurnPageProps {
  user: SessionUser;
  csrf: string;
  rows: ChurnRow[];
  total: ChurnRow;
  interval: ChurnInterval;
  from: string;
  to: string;
  team: string | null;
  teams: Array<{ id: string; name: string }>;
  error: string | null;
  timeZone: string;
}

const pct = (v: number | null) => (v === null ? null : round1(v * 100));
const rateText = (r: Rate) => (r.rate === null ? '—' : `${pct(r.rate)!.toFixed(1)}%`);
const ciText = (r: Rate) => (r.low === null ? '' : `${pct(r.low)!.toFixed(1)}–${pct(r.high)!.toFixed(1)}%`);

function RateCell(p: { r: Rate; label: string }) {
  return (
    <td class="num" data-label={p.label}>
      <span class="cell-score">{rateText(p.r)}</span>
      <span class="cell-ci">
        {p.r.churned} of {p.r.customers}
        {p.r.low === null ? '' : ` · ${ciText(p.r)}`}
      </span>
    </td>
  );
}

const SEGMENTS: Array<{ group: string; rows: Array<{ label: string; of: (r: ChurnRow) => SegmentRates }> }> = [
  {
    group: 'Last NPS answer',
    rows: [
      { label: 'Promoters (9–10)', of: (r) => r.nps.promoter },
      { label: 'Passives (7–8)', of: (r) => r.nps.passive },
      { label: 'Detractors (0–6)', of: (r) => r.nps.detractor },
      { label: 'No NPS answer', of: (r) => r.nps.none },
    ],
  },
  {
    group: 'Last CSAT answer',
    rows: [
      { label: 'Satisfied (4–5)', of: (r) => r.csat.satisfied },
      { label: 'Not satisfied (1–3)', of: (r) => r.csat.not_satisfied },
      { label: 'No CSAT answer', of: (r) => r.csat.none },
    ],
  },
  {
    group: 'Last follow-up',
    rows: [
      { label: 'Won back', of: (r) => r.recovery.recovered },
      { label: 'Not won back', of: (r) => r.recovery.not_recovered },
      { label: 'No follow-up', of: (r) => r.recovery.none },
    ],
  },
];

export function ChurnPage(p: ChurnPageProps) {
  const series = [
    { label: 'All customers', color: 'accent', values: p.rows.map((r) => pct(r.overall.simple.rate)) },
    { label: 'Won back by a follow-up', color: 'success', values: p.rows.map((r) => pct(r.recovery.recovered.simple.rate)) },
    { label: 'Not won back', color: 'danger', values: p.rows.map((r) => pct(r.recovery.not_recovered.simple.rate)) },
  ];
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Churn" active="customers" scripts={CHART_SCRIPTS}>
      <div class="page-header">
        <h1>Churn</h1>
        <p class="muted">
          {p.from} to {p.to} · {p.total.overall.simple.churned} churned · {rateText(p.total.overall.simple)} a {p.interval}
        </p>
      </div>
      <CustomerTabs current="churn" staff />
      <form method="get" action="/customers/churn" class="filters" aria-label="Choose the period">
        <div class="field">
          <label for="ch-from">From</label>
          <input id="ch-from" type="date" name="from" value={p.from} />
        </div>
        <div class="field">
          <label for="ch-to">To</label>
          <input id="ch-to" type="date" name="to" value={p.to} />
        </div>
        <div class="field">
          <label for="ch-interval">By</label>
          <select id="ch-interval" name="interval">
            <option value="month" selected={p.interval === 'month'}>
              Month
            </option>
            <option value="quarter" selected={p.interval === 'quarter'}>
              Quarter
            </option>
          </select>
        </div>
        {p.teams.length > 1 ? (
          <div class="field">
            <label for="ch-team">Team</label>
            <select id="ch-team" name="team">
              <option value="">All my teams</option>
              {p.teams.map((t) => (
                <option value={t.id} selected={t.id === p.team}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" class="button button-secondary button-small">
          Show
        </button>
      </form>
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      <div class="stack">
        <section class="card" aria-labelledby="churn-chart">
          <h2 id="churn-chart">Churn rate by {p.interval}</h2>
          <p class="muted small">Churned in the {p.interval} ÷ customers at its start. Customers whose last follow-up won them back, against those it did not.</p>
          <div class="chart-box">
            <canvas
              role="img"
              aria-label={`Churn rate by ${p.interval}; the table below has the numbers`}
              data-chart="rates"
              data-labels={JSON.stringify(p.rows.map((r) => r.label))}
              data-series={JSON.stringify(series)}
            ></canvas>
          </div>
        </section>
        <section class="card table-card" aria-labelledby="churn-periods">
          <h2 id="churn-periods">
            By {p.interval}
          </h2>
          <div class="table-wrap">
            <table class="table table-stack churn-table">
              <thead>
                <tr>
                  <th scope="col">{p.interval === 'month' ? 'Month' : 'Quarter'}</th>
                  <th scope="col" class="num">
                    Simple
                  </th>
                  <th scope="col" class="num">
                    Adjusted
                  </th>
                  <th scope="col" class="num">
                    Detractors
                  </th>
                  <th scope="col" class="num">
                    Won back
                  </th>
                  <th scope="col" class="num">
                    Not won back
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr>
                    <th scope="row" class="cell-title">
                      {r.label} <span class="muted small">{isoDate(r.from)} – {isoDate(r.to)}</span>
                    </th>
                    <RateCell r={r.overall.simple} label="Simple" />
                    <RateCell r={r.overall.adjusted} label="Adjusted" />
                    <RateCell r={r.nps.detractor.simple} label="Detractors" />
                    <RateCell r={r.recovery.recovered.simple} label="Won back" />
                    <RateCell r={r.recovery.not_recovered.simple} label="Not won back" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section class="card table-card" aria-labelledby="churn-segments">
          <h2 id="churn-segments">
            Who churns: churn a {p.interval}, {p.from} to {p.to}
          </h2>
          <div class="table-wrap">
            <table class="table table-stack churn-table">
              <thead>
                <tr>
                  <th scope="col">Customers</th>
                  <th scope="col" class="num">
                    Simple
                  </th>
                  <th scope="col" class="num">
                    Adjusted
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row" class="cell-title">
                    All customers
                  </th>
                  <RateCell r={p.total.overall.simple} label="Simple" />
                  <RateCell r={p.total.overall.adjusted} label="Adjusted" />
                </tr>
                {SEGMENTS.flatMap((g) =>
                  g.rows.map((s) => (
                    <tr>
                      <th scope="row" class="cell-title">
                        {s.label} <span class="muted small">{g.group}</span>
                      </th>
                      <RateCell r={s.of(p.total).simple} label="Simple" />
                      <RateCell r={s.of(p.total).adjusted} label="Adjusted" />
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <p class="fine-print">
        Customers at an instant: those with a contact before it who had not churned before it. Simple: churned ÷ customers at the start; adjusted: ÷ customers at
        the midpoint. A segment is the customer’s state just before the instant counted (for a churn, just before it). 95% Wilson intervals. Days in{' '}
        {p.timeZone}.
      </p>
    </AppShell>
  );
}
