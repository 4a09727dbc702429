// The customers list reads one summary row per customer, kept fresh here as a step of runDueWork:
// customers with a new contact, answer, task change or churn event since the last pass, and those
// whose health time alone changes (a contact leaving the 30 days). A pass takes the changed
// customers in id order, a bounded number per run, and counts as seen only what happened before
// it began, so a large import is worked through over several runs and nothing written meanwhile
// is missed. The first pass takes every customer. Each row is rebuilt from scratch: repeats are harmless.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { customerRefreshState, customerSummaries, customerTeams } from '../../db/schema';
import { churnedAt } from '../../domain/churn';
import { onHundred } from '../../domain/customerHealth';
import { factsOf, healthOf } from './facts';

const BATCH = 200;
/** Customers one run refreshes at most; a larger pass continues on the next run. */
const PER_RUN = 2000;
/** Rows written in the same instant as a pass began may commit after it: look a little back. */
const OVERLAP_MS = 120_000;
/** D1 takes at most 100 bound values per statement; a summary row has 15. */
const ROWS_PER_INSERT = 6;
const TEAMS_PER_INSERT = 49;

async function rebuild(deps: Pick<Deps, 'db' | 'atomic'>, ids: readonly string[], now: number) {
  const facts = await factsOf(deps, ids, now);
  const rows = [...facts.entries()].map(([customerId, f]) => {
    const h = healthOf(f, now);
    const newest = [...f.answers].sort((a, b) => b.at - a.at)[0];
    const active = f.lastTask && (f.lastTask.status === 'open' || f.lastTask.status === 'in_progress') ? f.lastTask : null;
    return {
      customerId,
      health: h.state,
      reasons: JSON.stringify(h.reasons),
      scores: JSON.stringify(h.scores),
      firstContactAt: f.firstContactAt,
      lastContactAt: f.lastContactAt,
      contacts30: h.contacts30,
      openTasks: active ? 1 : 0,
      activeDueAt: active?.dueAt ?? null,
      churnedAt: churnedAt(f.events, now),
      recheckAt: h.recheckAt,
      // No contact, no score or no open task sort last.
      sortRecent: f.lastContactAt ?? 0,
      sortScore: newest ? onHundred(newest.survey, newest.score) : 1000,
      sortDue: active?.dueAt ?? Number.MAX_SAFE_INTEGER,
      refreshedAt: now,
    };
  });
  const teams = [...facts.entries()].flatMap(([customerId, f]) => f.teamIds.map((teamId) => ({ customerId, teamId })));
  const set = (col: string) => sql.raw(`excluded.${col}`);
  const statements: Statement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    statements.push(
      deps.db
        .insert(customerSummaries)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoUpdate({
          target: customerSummaries.customerId,
          set: Object.fromEntries(
            Object.entries({
              health: 'health', reasons: 'reasons', scores: 'scores', firstContactAt: 'first_contact_at',
              lastContactAt: 'last_contact_at', contacts30: 'contacts_30', openTasks: 'open_tasks', activeDueAt: 'active_due_at',
              churnedAt: 'churned_at', recheckAt: 'recheck_at', sortRecent: 'sort_recent', sortScore: 'sort_score', sortDue: 'sort_due',
              refreshedAt: 'refreshed_at',
            }).map(([k, col]) => [k, set(col)]),
          ),
        }),
    );
  }
  statements.push(deps.db.delete(customerTeams).where(inArray(customerTeams.customerId, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`)));
  for (let i = 0; i < teams.length; i += TEAMS_PER_INSERT) statements.push(deps.db.insert(customerTeams).values(teams.slice(i, i + TEAMS_PER_INSERT)).onConflictDoNothing());
  await deps.atomic(statements);
}

async function inBatches(deps: Pick<Deps, 'db' | 'atomic'>, ids: readonly string[], now: number) {
  for (let i = 0; i < ids.length; i += BATCH) await rebuild(deps, ids.slice(i, i + BATCH), now);
}

/** Customers (after `after`, in id order) whose rows changed since `since`; every customer on the first pass. */
async function changedSince(deps: Pick<Deps, 'db'>, since: number, after: string, limit: number) {
  const changed =
    since <= 0
      ? sql`SELECT id FROM customers`
      : sql`SELECT customer_id AS id FROM interactions WHERE created_at > ${since}
          UNION SELECT customer_id FROM responses WHERE created_at > ${since}
          UNION SELECT customer_id FROM followups WHERE updated_at > ${since}
          UNION SELECT customer_id FROM customer_events WHERE created_at > ${since}`;
  const rows = await deps.db.all<{ id: string }>(sql`SELECT id FROM (${changed}) WHERE id > ${after} ORDER BY id LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

export async function refreshCustomers(deps: Pick<Deps, 'db' | 'atomic'>, now: number): Promise<{ refreshed: number; done: boolean }> {
  const [state] = await deps.db.select().from(customerRefreshState).where(eq(customerRefreshState.id, 1));
  const seenUntil = state?.seenUntil ?? 0;
  const passAfter = state?.passAfter ?? '';
  const passStartedAt = state?.passAfter == null ? now : (state.passStartedAt ?? now);
  const changed = await changedSince(deps, seenUntil > 0 ? seenUntil - OVERLAP_MS : 0, passAfter, PER_RUN);
  const due = await deps.db
    .select({ id: customerSummaries.customerId })
    .from(customerSummaries)
    .where(sql`${customerSummaries.recheckAt} <= ${now}`)
    .limit(PER_RUN);
  const ids = [...new Set([...changed, ...due.map((r) => r.id)])];
  await inBatches(deps, ids, now);
  const done = changed.length < PER_RUN;
  const saved = done ? { seenUntil: passStartedAt, passAfter: null, passStartedAt: null } : { seenUntil, passAfter: changed[changed.length - 1]!, passStartedAt };
  await deps.db.insert(customerRefreshState).values({ id: 1, ...saved }).onConflictDoUpdate({ target: customerRefreshState.id, set: saved });
  return { refreshed: ids.length, done };
}

/** Refreshes until the pass is through: after a bulk load (the demo, a benchmark). */
export async function refreshAllCustomers(deps: Pick<Deps, 'db' | 'atomic'>, now: number): Promise<number> {
  for (let total = 0; ; ) {
    const run = await refreshCustomers(deps, now);
    total += run.refreshed;
    if (run.done) return total;
  }
}
