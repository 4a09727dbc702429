// One follow-up task: what the customer said, the interaction, their whole history, the activity
// log, and the forms to act (log a note or call, email the customer, change status, reassign).
import type { SessionUser } from '../../../src/domain/access';
import { isActive, isRecovered, STATUS_LABELS, type FollowupStatus } from '../../../src/domain/followups';
import { SCALES } from '../../../src/domain/surveys';
import type { EmailDraft } from '../../../src/services/followups/pages';
import type { ActivityRow, HistoryRow, TaskRow } from '../../../src/services/followups/queries';
import { History } from '../../partials/customers/History';
import { assigneeOf } from '../../../src/domain/assignment';
import { ticketUrlOf } from '../../../src/domain/ticketLinks';
import { AppShell } from '../../AppShell';
import { LOCALES, messages, pickLocale } from '../../../src/i18n';
import { CsrfField, Note } from '../../partials/forms';
import { Activity } from '../../partials/followups/Activity';
import { EmailForm, type EmailFormProps } from '../../partials/followups/EmailForm';
import { describeScale } from '../../../src/i18n/scale';
import { duration, localTime } from '../../../src/domain/timeText';
import { Due, reasonsText, ScoreBadge, StatusBadge } from './parts';

const LANGUAGE_NAMES = { en: 'English', es: 'Spanish', zh: 'Chinese' } as const;

export interface TaskPageProps {
  user: SessionUser;
  csrf: string;
  task: TaskRow;
  activity: ActivityRow[];
  history: HistoryRow[];
  email: EmailFormProps;
  nextStatuses: FollowupStatus[];
  assignees: { value: string; label: string }[] | null;
  currentAssignee: string;
  errors?: { activity?: string | undefined; status?: string | undefined } | undefined;
  /** What the person chose and wrote in the status form, shown again after an error. */
  statusForm?: { status: string; note: string } | undefined;
  notice?: string | undefined;
  now: number;
  timeZone: string;
}

function Recovery(p: { task: TaskRow; timeZone: string }) {
  const t = p.task;
  if (!t.recovery) return null;
  const answered = t.recoveryScore !== null && !t.recoveryFlagged;
  return (
    <section class="card" aria-labelledby="recovery">
      <h2 id="recovery">Did we make it right?</h2>
      {answered ? (
        <p>
          The customer answered <ScoreBadge survey={t.survey} score={t.recoveryScore!} />{' '}
          {isRecovered(t.survey, t.recoveryScore!) ? <strong class="text-success">Recovered</strong> : <strong>Not recovered</strong>}
        </p>
      ) : t.recovery.status === 'sent' ? (
        <p>Recovery survey sent {localTime(t.recovery.sentAt ?? t.recovery.sendAfter, p.timeZone)}; no answer yet.</p>
      ) : t.recovery.status === 'scheduled' ? (
        <p>Recovery survey goes out {localTime(t.recovery.sendAfter, p.timeZone)}.</p>
      ) : (
        <p class="muted">Recovery survey not sent ({t.recovery.status}).</p>
      )}
      {answered && t.recoveryComment ? <p class="timeline-body">“{t.recoveryComment}”</p> : null}
    </section>
  );
}

export function TaskPage(p: TaskPageProps) {
  const t = p.task;
  const locale = pickLocale(t.customer.locale);
  // Staff read English; the customer's own words stay as written.
  const scale = describeScale(messages('en'), t.survey);
  const word = scale.points.find((pt) => pt.score === t.response.score)?.word;
  const assignee = assigneeOf(t);
  const tags = JSON.parse(t.interaction.tags) as string[];
  const ticketUrl = ticketUrlOf(t);
  const active = isActive(t.status);
  return (
    <AppShell user={p.user} csrf={p.csrf} title={`Follow-up: ${t.customer.name ?? t.customer.email}`} active="follow-ups">
      <p class="breadcrumb">
        <a href="/follow-ups">← Follow-ups</a>
      </p>
      <div class="page-header">
        <h1>Follow-up with {t.customer.name ?? t.customer.email}</h1>
        <StatusBadge status={t.status} />
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <p class="task-summary">
        <Due dueAt={t.dueAt} now={p.now} active={active} timeZone={p.timeZone} /> ·{' '}
        {assignee ? `Assigned to ${assignee.name ?? assignee.email}` : 'Unassigned'}
        {t.closedAt ? ` · Closed after ${duration(t.closedAt - t.openedAt)}${t.closedAt <= t.dueAt ? ', within the SLA' : ', after the SLA'}` : ''}
      </p>
      <div class="task-layout">
        <div class="stack">
          <section class="card" aria-labelledby="said">
            <h2 id="said">What they said</h2>
            <p class="said-score">
              <ScoreBadge survey={t.survey} score={t.response.score} /> {word ? <span>{word}</span> : null}{' '}
              <span class="muted small">
                {t.response.score} of {SCALES[t.survey].max} on {t.survey.toUpperCase()}, {localTime(t.response.createdAt, p.timeZone)}
              </span>
            </p>
            {t.response.comment ? <blockquote class="said-comment">{t.response.comment}</blockquote> : <p class="muted">No comment.</p>}
            <dl class="facts">
              <dt>Language</dt>
              <dd>{LANGUAGE_NAMES[locale]}{t.customer.locale && !LOCALES.some((l) => l === t.customer.locale) ? ` (${t.customer.locale})` : ''}</dd>
              <dt>Why a task</dt>
              <dd>{reasonsText(t)}</dd>
              {t.outcome ? (
                <>
                  <dt>Outcome</dt>
                  <dd>{t.outcome}</dd>
                </>
              ) : null}
            </dl>
          </section>

          <section class="card" aria-labelledby="act">
            <h2 id="act">Log what you did</h2>
            <form method="post" action={`/follow-ups/${t.id}/activity`} class="form-stack">
              <CsrfField token={p.csrf} />
              {p.errors?.activity ? <Note kind="error">{p.errors.activity}</Note> : null}
              <fieldset>
                <legend>What</legend>
                <div class="choice-row">
                  <label class="check">
                    <input type="radio" name="kind" value="note" checked /> Note
                  </label>
                  <label class="check">
                    <input type="radio" name="kind" value="call" /> Call
                  </label>
                  <label class="check">
                    <input type="radio" name="kind" value="attempt" /> Contact attempt
                  </label>
                </div>
              </fieldset>
              <div class="field">
                <label for="activity-body">Details</label>
                <textarea id="activity-body" name="body" rows={3}></textarea>
              </div>
              <button type="submit" class="button button-secondary">
                Add to the log
              </button>
            </form>
          </section>

          <section class="card" aria-labelledby="email">
            <h2 id="email">Email {t.customer.name ?? 'the customer'}</h2>
            <EmailForm {...p.email} />
          </section>

          <section class="card" aria-labelledby="status">
            <h2 id="status">Status</h2>
            {p.nextStatuses.length === 0 ? (
              <p class="muted">{STATUS_LABELS[t.status]}.</p>
            ) : !active ? (
              <form method="post" action={`/follow-ups/${t.id}/status`} class="form-stack">
                <CsrfField token={p.csrf} />
                <input type="hidden" name="status" value="open" />
                {p.errors?.status ? <Note kind="error">{p.errors.status}</Note> : null}
                <p>
                  Closed as <strong>{STATUS_LABELS[t.status]}</strong>. Reopen it if the customer still needs help; a recovery survey not sent
                  yet is cancelled.
                </p>
                <div class="field">
                  <label for="status-note">
                    Why <span class="muted">(optional)</span>
                  </label>
                  <textarea id="status-note" name="note" rows={2}></textarea>
                </div>
                <button type="submit" class="button button-secondary">
                  Reopen task
                </button>
              </form>
            ) : (
              <form method="post" action={`/follow-ups/${t.id}/status`} class="form-stack">
                <CsrfField token={p.csrf} />
                {p.errors?.status ? <Note kind="error">{p.errors.status}</Note> : null}
                <div class="field">
                  <label for="status-to">Move to</label>
                  <select id="status-to" name="status">
                    {p.nextStatuses.map((s) => (
                      <option value={s} selected={s === p.statusForm?.status}>
                        {STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="status-note">Outcome note</label>
                  <p class="hint" id="status-note-hint">
                    Required to close: what happened, in a sentence or two.
                  </p>
                  <textarea id="status-note" name="note" rows={3} aria-describedby="status-note-hint">
                    {p.statusForm?.note ?? ''}
                  </textarea>
                </div>
                <button type="submit" class="button">
                  Change status
                </button>
              </form>
            )}
          </section>

          <section class="card" aria-labelledby="log">
            <h2 id="log">Activity</h2>
            <Activity rows={p.activity} timeZone={p.timeZone} />
          </section>
        </div>

        <div class="stack">
          <Recovery task={t} timeZone={p.timeZone} />
          {p.assignees ? (
            <section class="card" aria-labelledby="assign">
              <h2 id="assign">Assignee</h2>
              <form method="post" action={`/follow-ups/${t.id}/assign`} class="form-stack">
                <CsrfField token={p.csrf} />
                <div class="field">
                  <label for="assign-to">Assigned to</label>
                  <select id="assign-to" name="assignee">
                    {p.assignees.map((a) => (
                      <option value={a.value} selected={a.value === p.currentAssignee}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="button button-secondary button-small">
                  Reassign
                </button>
              </form>
            </section>
          ) : null}
          <section class="card" aria-labelledby="interaction">
            <h2 id="interaction">The interaction</h2>
            <dl class="facts">
              <dt>Channel</dt>
              <dd>{t.interaction.channel}</dd>
              <dt>Reference</dt>
              <dd>
                <code>{t.interaction.externalId}</code>
                {ticketUrl ? (
                  <>
                    {' · '}
                    <a href={ticketUrl}>Open ticket {t.ticketId}</a>
                  </>
                ) : null}
              </dd>
              <dt>Closed</dt>
              <dd>{localTime(t.interaction.closedAt, p.timeZone)}</dd>
              <dt>Agent</dt>
              <dd>{t.agent.name ?? t.agent.email}</dd>
              <dt>Team</dt>
              <dd>{t.team ?? '—'}</dd>
              {tags.length ? (
                <>
                  <dt>Tags</dt>
                  <dd>{tags.join(', ')}</dd>
                </>
              ) : null}
              <dt>Customer</dt>
              <dd>
                <a href={`/customers/${t.customerId}`}>{t.customer.email}</a>
              </dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="history">
            <div class="card-head">
              <h2 id="history">Customer history</h2>
              <a href={`/customers/${t.customerId}`}>Customer page</a>
            </div>
            <History rows={p.history} currentInteractionId={t.interactionId} currentTaskId={t.id} timeZone={p.timeZone} />
          </section>
        </div>
      </div>
      <p class="fine-print">Times are in {p.timeZone}.</p>
    </AppShell>
  );
}
