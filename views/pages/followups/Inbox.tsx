// The follow-up inbox: tasks soonest due first, overdue ones marked. Agents see their own;
// managers their teams' (and can narrow to theirs or the unassigned).
import type { SessionUser } from '../../../src/domain/access';
import { isActive } from '../../../src/domain/followups';
import { ticketUrlOf } from '../../../src/services/connections';
import { assigneeOf, type TaskRow } from '../../../src/services/followups/queries';
import { AppShell } from '../../AppShell';
import { Note } from '../../partials/forms';
import { Due, followupTabs, reasonsText, ScoreBadge, StatusBadge, Tabs } from './parts';

export interface InboxFilter {
  status: 'active' | 'closed' | 'all';
  assignee: 'me' | 'anyone' | 'none' | string;
  overdue: boolean;
}

export interface InboxProps {
  user: SessionUser;
  csrf: string;
  rows: TaskRow[];
  more: boolean;
  counts: { active: number; overdue: number };
  filter: InboxFilter;
  /** A label for an assignee filter that came from a link (the report's drill-down). */
  assigneeLabel?: string | undefined;
  period?: { from: string; to: string } | undefined;
  now: number;
  timeZone: string;
}

function Option(p: { value: string; current: string; label: string }) {
  return (
    <option value={p.value} selected={p.value === p.current}>
      {p.label}
    </option>
  );
}

export function TaskCard(p: { t: TaskRow; now: number; timeZone: string }) {
  const t = p.t;
  const assignee = assigneeOf(t);
  const ticketUrl = ticketUrlOf(t);
  const overdue = isActive(t.status) && t.dueAt < p.now;
  return (
    <li class={overdue ? 'task task-overdue' : 'task'}>
      <div class="task-head">
        <a class="task-title" href={`/follow-ups/${t.id}`}>
          {t.customer.name ?? t.customer.email}
        </a>
        <ScoreBadge survey={t.survey} score={t.response.score} />
        <StatusBadge status={t.status} />
      </div>
      <p class="task-why">
        <span class="muted">Why:</span> {reasonsText(t)}
      </p>
      {t.response.comment ? <p class="task-comment">“{t.response.comment}”</p> : null}
      <div class="task-meta">
        <Due dueAt={t.dueAt} now={p.now} active={isActive(t.status)} timeZone={p.timeZone} />
        <span>{assignee ? `Assigned to ${assignee.name ?? assignee.email}` : 'Unassigned'}</span>
        <span class="muted">
          {t.interaction.channel} · {t.interaction.externalId}
        </span>
        {ticketUrl ? <a href={ticketUrl}>Ticket {t.ticketId}</a> : null}
      </div>
    </li>
  );
}

export function InboxPage(p: InboxProps) {
  const staff = p.user.role !== 'agent';
  const f = p.filter;
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Follow-ups" active="follow-ups">
      <div class="page-header">
        <h1>Follow-ups</h1>
        <p class="muted">
          {p.counts.active} open · <strong class={p.counts.overdue ? 'text-danger' : undefined}>{p.counts.overdue} overdue</strong>
        </p>
      </div>
      <Tabs label="Follow-ups" tabs={followupTabs('inbox')} />
      <form method="get" action="/follow-ups" class="filters" aria-label="Filter tasks">
        <div class="field">
          <label for="f-assignee">Assigned to</label>
          <select id="f-assignee" name="assignee">
            <Option value="me" current={f.assignee} label="Me" />
            <Option value="anyone" current={f.assignee} label={staff ? 'Anyone in my teams' : 'Me or my customers'} />
            {staff ? <Option value="none" current={f.assignee} label="Nobody yet" /> : null}
            {p.assigneeLabel ? <Option value={f.assignee} current={f.assignee} label={p.assigneeLabel} /> : null}
          </select>
        </div>
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            <Option value="active" current={f.status} label="Open and in progress" />
            <Option value="closed" current={f.status} label="Closed" />
            <Option value="all" current={f.status} label="All" />
          </select>
        </div>
        <label class="check">
          <input type="checkbox" name="overdue" value="1" checked={f.overdue} /> Overdue only
        </label>
        {p.period ? (
          <>
            <input type="hidden" name="from" value={p.period.from} />
            <input type="hidden" name="to" value={p.period.to} />
          </>
        ) : null}
        <button type="submit" class="button button-secondary button-small">
          Show
        </button>
      </form>
      {p.period ? (
        <Note kind="info">
          Tasks opened from {p.period.from} to {p.period.to}. <a href="/follow-ups">Show the whole inbox</a>
        </Note>
      ) : null}
      {p.rows.length === 0 ? (
        <section class="card empty">
          <h2>Nothing here</h2>
          <p class="muted">
            {f.status === 'active'
              ? 'No open follow-ups match. New ones appear when a customer gives a low score or mentions a keyword.'
              : 'No follow-ups match these filters.'}
          </p>
        </section>
      ) : (
        <ul class="task-list">
          {p.rows.map((t) => (
            <TaskCard t={t} now={p.now} timeZone={p.timeZone} />
          ))}
        </ul>
      )}
      {p.more ? <p class="muted">Showing the first {p.rows.length}. Narrow the filters to see others.</p> : null}
      <p class="fine-print">Times are in {p.timeZone}.</p>
    </AppShell>
  );
}
