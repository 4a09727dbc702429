// Small pieces the follow-up pages share: status and score badges, due times, and the tabs.
import type { FollowupStatus } from '../../../src/domain/followups';
import { isLowScore, STATUS_LABELS } from '../../../src/domain/followups';
import { SCALES, type SurveyKind } from '../../../src/domain/surveys';
import { duration, localTime } from '../../../src/domain/timeText';

export function StatusBadge(p: { status: FollowupStatus }) {
  const kind = p.status === 'resolved' ? ' badge-success' : p.status === 'open' ? ' badge-accent' : '';
  return <span class={`badge${kind}`}>{STATUS_LABELS[p.status]}</span>;
}

/** "2/5 CSAT", red when it is a low score; the words are there for screen readers too. */
export function ScoreBadge(p: { survey: SurveyKind; score: number }) {
  const low = isLowScore(p.survey, p.score);
  return (
    <span class={low ? 'badge badge-danger' : 'badge badge-success'} title={low ? 'Low score' : undefined}>
      {p.score}/{SCALES[p.survey].max} {p.survey.toUpperCase()}
    </span>
  );
}

/** Why the task opened, in words: "Low score · Mentions “refund”, “cancel”". */
export function reasonsText(t: { lowScore: boolean; keywords: string }): string {
  const keywords = JSON.parse(t.keywords) as string[];
  return [t.lowScore ? 'Low score' : null, keywords.length ? `Mentions ${keywords.map((k) => `“${k}”`).join(', ')}` : null]
    .filter(Boolean)
    .join(' · ');
}

/** When the task is due, and how far off or overdue that is. */
export function Due(p: { dueAt: number; now: number; active: boolean; timeZone: string }) {
  const at = localTime(p.dueAt, p.timeZone);
  if (!p.active) return <span class="muted">Was due {at}</span>;
  if (p.dueAt < p.now) {
    return (
      <span class="due due-overdue">
        <span class="badge badge-danger">Overdue</span> by {duration(p.now - p.dueAt)} <span class="muted small">(due {at})</span>
      </span>
    );
  }
  return (
    <span class="due">
      Due {at} <span class="muted small">(in {duration(p.dueAt - p.now)})</span>
    </span>
  );
}

export interface Tab {
  href: string;
  label: string;
  current: boolean;
}

/** Links between the pages of one area, marked up as navigation with the current page named. */
export function Tabs(p: { label: string; tabs: Tab[] }) {
  return (
    <nav class="tabs" aria-label={p.label}>
      {p.tabs.map((t) => (
        <a href={t.href} aria-current={t.current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}

export const followupTabs = (current: 'inbox' | 'report') => [
  { href: '/follow-ups', label: 'Inbox', current: current === 'inbox' },
  { href: '/follow-ups/report', label: 'Report', current: current === 'report' },
];

export const settingsTabs = (current: 'rules' | 'hours' | 'templates' | 'webhooks') => [
  { href: '/admin/follow-ups', label: 'Rules', current: current === 'rules' },
  { href: '/admin/follow-ups/hours', label: 'Working hours', current: current === 'hours' },
  { href: '/admin/follow-ups/templates', label: 'Templates', current: current === 'templates' },
  { href: '/admin/webhooks', label: 'Webhooks', current: current === 'webhooks' },
];
