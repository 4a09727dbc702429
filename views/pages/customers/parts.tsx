// Pieces the customer pages share: the area's tabs, the health badge, and the latest scores with
// their trend.
import { HEALTH_LABELS, type HealthState, type KindScore } from '../../../src/domain/customerHealth';
import { ScoreBadge, Tabs } from '../followups/parts';

export const customerTabs = (current: 'list' | 'churn', staff: boolean) =>
  staff
    ? [
        { href: '/customers', label: 'Customers', current: current === 'list' },
        { href: '/customers/churn', label: 'Churn', current: current === 'churn' },
      ]
    : [];

export function CustomerTabs(p: { current: 'list' | 'churn'; staff: boolean }) {
  const tabs = customerTabs(p.current, p.staff);
  return tabs.length ? <Tabs label="Customers" tabs={tabs} /> : null;
}

const HEALTH_CLASS: Record<HealthState, string> = { at_risk: 'badge badge-danger', healthy: 'badge badge-success', churned: 'badge' };

export function HealthBadge(p: { state: HealthState }) {
  return <span class={HEALTH_CLASS[p.state]}>{HEALTH_LABELS[p.state]}</span>;
}

const TREND_TEXT = { improving: '↑ improving', declining: '↓ declining', steady: '→ steady' } as const;

/** Each kind's latest score, and which way it moved since the previous answer. */
export function Scores(p: { scores: readonly KindScore[] }) {
  if (p.scores.length === 0) return <span class="muted">No answers</span>;
  return (
    <ul class="customer-scores">
      {p.scores.map((s) => (
        <li>
          <ScoreBadge survey={s.survey} score={s.score} />
          {s.trend ? (
            <span class={s.trend === 'declining' ? 'trend text-danger' : s.trend === 'improving' ? 'trend text-success' : 'trend muted'} title={`Previous: ${s.previous}`}>
              {' '}
              {TREND_TEXT[s.trend]}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
