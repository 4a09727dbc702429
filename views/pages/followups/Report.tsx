// The follow-up report for managers: did customers get a person, how fast, within the SLA, and
// were they won back. Every number links to the tasks behind it.
import type { SessionUser } from '../../../src/domain/access';
import { PRESETS, type Preset } from '../../../src/domain/period';
import { PRESET_LABELS } from '../../../src/domain/periodLabels';
import type { AssigneeStats, FollowupStats } from '../../../src/services/followups/report';
import { AppShell } from '../../AppShell';
import { DataTable } from '../../partials/table';
import { duration } from '../../../src/domain/timeText';
import { followupTabs, Tabs } from './parts';

export interface ReportProps {
  user: SessionUser;
  csrf: string;
  preset: Preset | 'custom';
  period: { from: string; to: string; label: string };
  overall: FollowupStats;
  people: AssigneeStats[];
}

const percent = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)}%`);
const median = (ms: number | null) => (ms === null ? '—' : duration(ms));
const NUMBER_COLUMNS = ['Opened', 'Closed', 'Open now', 'First action', 'Time to close', 'Within SLA', 'Recovered'];

function Tile(p: { label: string; value: string; detail?: string; href?: string }) {
  return (
    <div class="card stat">
      <p class="stat-label">{p.label}</p>
      <p class="stat-value">{p.href ? <a href={p.href}>{p.value}</a> : p.value}</p>
      {p.detail ? <p class="stat-detail muted small">{p.detail}</p> : null}
    </div>
  );
}

export function ReportPage(p: ReportProps) {
  const o = p.overall;
  const range = `from=${p.period.from}&to=${p.period.to}`;
  const tasks = (assignee: string, extra = '') => `/follow-ups?status=all&assignee=${encodeURIComponent(assignee)}&${range}${extra}`;
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Follow-up report" active="follow-ups">
      <div class="page-header">
        <h1>Follow-up report</h1>
        <form method="get" action="/follow-ups/report" class="inline-filters">
          <label for="r-preset" class="visually-hidden">
            Period
          </label>
          <select id="r-preset" name="preset">
            {PRESETS.map((preset) => (
              <option value={preset} selected={preset === p.preset}>
                {PRESET_LABELS[preset]}
              </option>
            ))}
          </select>
          <button type="submit" class="button button-secondary button-small">
            Show
          </button>
        </form>
      </div>
      <Tabs label="Follow-ups" tabs={followupTabs('report')} />
      <p class="muted">{p.period.label}: tasks opened, closed and resolved in this period; open and overdue as of now.</p>
      <div class="grid stat-grid">
        <Tile label="Tasks opened" value={String(o.opened)} href={tasks('anyone')} />
        <Tile label="Closed by people" value={String(o.closed)} detail={o.autoClosed ? `${o.autoClosed} more closed when the customer changed their score` : undefined} />
        <Tile label="Median time to first action" value={median(o.medianFirstActionMs)} />
        <Tile label="Median time to close" value={median(o.medianCloseMs)} />
        <Tile label="Closed within SLA" value={percent(o.withinSla, o.closed)} detail={`${o.withinSla} of ${o.closed}`} />
        <Tile
          label="Recovery rate"
          value={percent(o.recovered, o.answered)}
          detail={`${o.recovered} of ${o.answered} answered recovery surveys (${o.surveyed} sent)`}
        />
        <Tile label="Open now" value={String(o.active)} href="/follow-ups?assignee=anyone" detail={`${o.overdue} overdue`} />
      </div>
      <section class="card section-gap" aria-labelledby="people">
        <h2 id="people">By assignee</h2>
        <DataTable
          columns={['Assignee', ...NUMBER_COLUMNS.map((label) => ({ label, num: true }))]}
          rows={p.people}
          empty="No follow-ups in this period."
          stack
          row={(a) => (
            <tr>
              <th scope="row">
                <a href={tasks(a.key)}>{a.name}</a>
              </th>
              <td class="num" data-label={NUMBER_COLUMNS[0]}>
                {a.opened}
              </td>
              <td class="num" data-label={NUMBER_COLUMNS[1]}>
                {a.closed}
              </td>
              <td class="num" data-label={NUMBER_COLUMNS[2]}>
                {a.active}
                {a.overdue ? <span class="badge badge-danger">{a.overdue} overdue</span> : null}
              </td>
              <td class="num" data-label={NUMBER_COLUMNS[3]}>
                {median(a.medianFirstActionMs)}
              </td>
              <td class="num" data-label={NUMBER_COLUMNS[4]}>
                {median(a.medianCloseMs)}
              </td>
              <td class="num" data-label={NUMBER_COLUMNS[5]}>
                {percent(a.withinSla, a.closed)}
              </td>
              <td class="num" data-label={NUMBER_COLUMNS[6]}>
                {percent(a.recovered, a.answered)} <span class="muted small">({a.recovered}/{a.answered})</span>
              </td>
            </tr>
          )}
        />
      </section>
    </AppShell>
  );
}
