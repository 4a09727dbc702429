// The customers list: health first (at risk by default), each customer's latest scores and trend,
// follow-ups and recent contacts; sortable by column, filtered by health, team and a search, paged.
import type { SessionUser } from '../../../src/domain/access';
import { reasonText } from '../../../src/domain/customerHealth';
import { localTime } from '../../../src/domain/timeText';
import type { CustomerList, CustomerListQuery, CustomerSort, HealthFilter } from '../../../src/services/customers/list';
import { AppShell } from '../../AppShell';
import { CustomerTabs, HealthBadge, Scores } from './parts';

export interface CustomerListProps extends CustomerList {
  user: SessionUser;
  csrf: string;
  query: CustomerListQuery;
  timeZone: string;
}

const SORT_LABELS: Record<CustomerSort, string> = {
  recent: 'Latest contact first',
  score: 'Lowest latest score first',
  contacts: 'Most contacts (30 days) first',
  overdue: 'Follow-up due soonest first',
};

/** The list's URL with some parameters changed; a new order or filter starts again at page one. */
export function listUrl(q: CustomerListQuery, change: Partial<CustomerListQuery>): string {
  const next = { ...q, cursor: null, ...change };
  const params = new URLSearchParams();
  if (next.health !== 'at_risk') params.set('health', next.health);
  if (next.team) params.set('team', next.team);
  if (next.q) params.set('q', next.q);
  if (next.sort !== 'recent') params.set('sort', next.sort);
  if (next.cursor) params.set('cursor', next.cursor);
  const s = params.toString();
  return s ? `/customers?${s}` : '/customers';
}

function SortHeader(p: { q: CustomerListQuery; sort: CustomerSort; label: string; num?: boolean }) {
  const current = p.q.sort === p.sort;
  return (
    <th scope="col" class={p.num ? 'num' : undefined} aria-sort={current ? (p.sort === 'recent' || p.sort === 'contacts' ? 'descending' : 'ascending') : undefined}>
      <a class="sort" href={listUrl(p.q, { sort: p.sort })} data-sort={p.sort}>
        {p.label}
        {current ? ' ▾' : ''}
      </a>
    </th>
  );
}

export function CustomerListPage(p: CustomerListProps) {
  const q = p.query;
  const staff = p.user.role !== 'agent';
  const healthOption = (value: HealthFilter, label: string, n?: number) => (
    <option value={value} selected={q.health === value}>
      {n === undefined ? label : `${label} (${n.toLocaleString('en-US')})`}
    </option>
  );
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Customers" active="customers">
      <div class="page-header">
        <h1>Customers</h1>
        <p class="muted">
          <strong class={p.counts.at_risk ? 'text-danger' : undefined}>{p.counts.at_risk.toLocaleString('en-US')} at risk</strong> ·{' '}
          {p.counts.healthy.toLocaleString('en-US')} healthy · {p.counts.churned.toLocaleString('en-US')} churned
        </p>
      </div>
      <CustomerTabs current="list" staff={staff} />
      <form method="get" action="/customers" class="filters" aria-label="Filter customers">
        <div class="field">
          <label for="c-health">Health</label>
          <select id="c-health" name="health">
            {healthOption('at_risk', 'At risk', p.counts.at_risk)}
            {healthOption('healthy', 'Healthy', p.counts.healthy)}
            {healthOption('churned', 'Churned', p.counts.churned)}
            {healthOption('all', 'All')}
          </select>
        </div>
        {p.teams.length > 1 ? (
          <div class="field">
            <label for="c-team">Team</label>
            <select id="c-team" name="team">
              <option value="">All my teams</option>
              {p.teams.map((t) => (
                <option value={t.id} selected={t.id === q.team}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="c-q">Search</label>
          <input id="c-q" name="q" type="search" value={q.q} placeholder="Email or name" maxlength={100} />
        </div>
        <div class="field">
          <label for="c-sort">Order</label>
          <select id="c-sort" name="sort">
            {(Object.keys(SORT_LABELS) as CustomerSort[]).map((s) => (
              <option value={s} selected={q.sort === s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary button-small">
          Show
        </button>
      </form>
      {p.rows.length === 0 ? (
        <section class="card empty">
          <h2>No customers here</h2>
          <p class="muted">
            {q.q || q.team || q.health !== 'at_risk'
              ? 'No customer matches these filters.'
              : 'Nobody is at risk right now. Customers appear here when their scores fall, a low answer is left unresolved, or they contact you again and again.'}
          </p>
        </section>
      ) : (
        <section class="card table-card">
          <div class="table-wrap">
            <table class="table table-stack customers-table">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Health</th>
                  <SortHeader q={q} sort="score" label="Latest scores" />
                  <SortHeader q={q} sort="overdue" label="Follow-ups" />
                  <SortHeader q={q} sort="contacts" label="Contacts (30 d)" num />
                  <SortHeader q={q} sort="recent" label="Last contact" />
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => {
                  const overdue = r.activeDueAt !== null && r.activeDueAt < p.now;
                  return (
                    <tr>
                      <th scope="row" class="cell-title">
                        <a href={`/customers/${r.id}`}>{r.name ?? r.email}</a>
                        {r.name ? <span class="muted small block">{r.email}</span> : null}
                      </th>
                      <td data-label="Health">
                        <HealthBadge state={r.health} />
                        {r.reasons.length ? <span class="small block">{r.reasons.map(reasonText).join(' · ')}</span> : null}
                      </td>
                      <td data-label="Latest scores">
                        <Scores scores={r.scores} />
                      </td>
                      <td data-label="Follow-ups">
                        {r.openTasks ? (
                          overdue ? (
                            <span class="badge badge-danger">Overdue</span>
                          ) : (
                            <span class="badge badge-accent">Open</span>
                          )
                        ) : (
                          <span class="muted">None open</span>
                        )}
                      </td>
                      <td data-label="Contacts (30 d)" class="num">
                        {r.contacts30}
                      </td>
                      <td data-label="Last contact" class="nowrap">
                        {r.lastContactAt ? localTime(r.lastContactAt, p.timeZone) : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <nav class="pager" aria-label="Pages">
        {q.cursor ? <a href={listUrl(q, {})}>← First page</a> : null}
        {p.next ? <a href={listUrl(q, { cursor: p.next })}>Next page →</a> : null}
      </nav>
      <p class="fine-print">
        Health follows the rule in the README (“Customers and churn”); the list is refreshed within a minute of a change. Times are in {p.timeZone}.
      </p>
    </AppShell>
  );
}
