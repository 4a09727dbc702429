// One customer: their health now and why, the latest scores with trends, follow-up tasks, churn
// events, and every contact with its answer and comment.
import type { SessionUser } from '../../../src/domain/access';
import { isActive, isRecovered, STATUS_LABELS } from '../../../src/domain/followups';
import { reasonText, REPEAT_WINDOW_DAYS } from '../../../src/domain/customerHealth';
import { localTime } from '../../../src/domain/timeText';
import type { CustomerPage } from '../../../src/services/customers/page';
import { AppShell } from '../../AppShell';
import { DataRights } from '../../partials/customers/DataRights';
import { History } from '../../partials/customers/History';
import { Due, ScoreBadge, StatusBadge } from '../followups/parts';
import { HealthBadge, Scores } from './parts';

export interface CustomerPageProps extends CustomerPage {
  user: SessionUser;
  csrf: string;
  timeZone: string;
}

function Tasks(p: { tasks: CustomerPage['tasks']; now: number; timeZone: string }) {
  if (p.tasks.length === 0) return <p class="muted">No follow-up tasks.</p>;
  return (
    <ul class="plain-list">
      {p.tasks.map((t) => {
        const answered = t.recoveryScore !== null && !t.recoveryFlagged;
        return (
          <li>
            <a href={`/follow-ups/${t.id}`}>Opened {localTime(t.openedAt, p.timeZone)}</a> <StatusBadge status={t.status} />{' '}
            {isActive(t.status) ? (
              <Due dueAt={t.dueAt} now={p.now} active timeZone={p.timeZone} />
            ) : answered ? (
              <span>
                Recovery answer <ScoreBadge survey={t.survey} score={t.recoveryScore!} />{' '}
                {isRecovered(t.survey, t.recoveryScore!) ? <strong class="text-success">won back</strong> : <strong>not won back</strong>}
              </span>
            ) : t.status !== 'score_changed' ? (
              <span class="muted">{STATUS_LABELS[t.status]}, no recovery answer</span>
            ) : null}
            {t.outcome ? <span class="small block muted">{t.outcome}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function CustomerPageView(p: CustomerPageProps) {
  const c = p.customer;
  const h = p.health;
  return (
    <AppShell user={p.user} csrf={p.csrf} title={c.name ?? c.email} active="customers">
      <p class="breadcrumb">
        <a href="/customers">← Customers</a>
      </p>
      <div class="page-header">
        <h1 class="customer-name">{c.name ?? c.email}</h1>
        <HealthBadge state={h.state} />
      </div>
      <p class="task-summary">
        {c.email} · {h.contacts30} contact{h.contacts30 === 1 ? '' : 's'} in the last {REPEAT_WINDOW_DAYS} days · known since {localTime(c.createdAt, p.timeZone)}
      </p>
      <div class="task-layout">
        <div class="stack">
          <section class="card" aria-labelledby="health">
            <h2 id="health">Health</h2>
            {h.reasons.length ? (
              <ul class="plain-list">
                {h.reasons.map((r) => (
                  <li>
                    {'taskId' in r ? <a href={`/follow-ups/${r.taskId}`}>{reasonText(r)}</a> : reasonText(r)}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{h.state === 'churned' ? 'Churned; nothing else stands out.' : 'Nothing puts this customer at risk.'}</p>
            )}
            <h3>Latest scores</h3>
            <Scores scores={h.scores} />
          </section>
          <section class="card" aria-labelledby="contacts">
            <h2 id="contacts">Contacts and answers</h2>
            <History rows={p.history} timeZone={p.timeZone} />
          </section>
        </div>
        <div class="stack">
          <section class="card" aria-labelledby="tasks">
            <h2 id="tasks">Follow-ups</h2>
            <Tasks tasks={p.tasks} now={p.now} timeZone={p.timeZone} />
          </section>
          <section class="card" aria-labelledby="churn">
            <h2 id="churn">Churn</h2>
            {p.events.length === 0 ? (
              <p class="muted">No churn events.</p>
            ) : (
              <ol class="plain-list">
                {p.events.map((e) => (
                  <li>
                    <strong>{e.type === 'churned' ? 'Churned' : 'Reactivated'}</strong> {localTime(e.at, p.timeZone)}
                    <span class="muted small"> · {e.source === 'api' ? 'API' : 'import'}</span>
                    {e.reason ? <span class="small block">{e.reason}</span> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          {/* Export and erasure are the administrators' to do, at the side of the page, not in the way. */}
          {p.user.role === 'admin' ? <DataRights customerId={c.id} email={c.email} csrf={p.csrf} /> : null}
        </div>
      </div>
      <p class="fine-print">Times are in {p.timeZone}.</p>
    </AppShell>
  );
}
