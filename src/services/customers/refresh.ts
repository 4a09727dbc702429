// The customers list reads one summary row per customer, kept fresh here as a step of runDueWork:
// customers with a new contact, answer, task change or churn event since the last run, those whose
// health time alone changes (a contact leaving the 30 days), and a sweep over everyone that fills
// the table the first time and then runs again once a day for what nothing signals (an answer
// changed later). Each customer's row is rebuilt from scratch, so running twice is harmless.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { customerRefreshState, customers, customerSummaries, customerTeams } from '../../db/schema';
import { churnedAt } from '../../domain/churn';
import { onHundred } from '../../domain/customerHealth';
import { DAY_MS } from '../../domain/timeZone';
import { factsOf, healthOf } from './facts';

const BATCH = 200;
/** Changed customers one run takes; past that (a large import) the sweep picks them up. */
const MAX_CHANGED = 5000;
const SWEEP_PER_RUN = 2000;
/** Rows written in the same instant as the last look may commit after it: look a little back. */
const OVERLAP_MS = 120_000;
/** D1 takes at most 100 bound values per statement; a summary row has 13. */
const ROWS_PER_INSERT = 7;
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
      lastScore: newest ? onHundred(newest.survey, newest.score) : null,
      firstContactAt: f.firstContactAt,
      lastContactAt: f.lastContactAt,
      contacts30: h.contacts30,
      openTasks: active ? 1 : 0,
      activeDueAt: active?.dueAt ?? null,
      churnedAt: churnedAt(f.events, now),
      recheckAt: h.recheckAt,
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
              health: 'health', reasons: 'reasons', scores: 'scores', lastScore: 'last_score', firstContactAt: 'first_contact_at',
              lastContactAt: 'last_contact_at', contacts30: 'contacts_30', openTasks: 'open_tasks', activeDueAt: 'active_due_at',
              churnedAt: 'churned_at', recheckAt: 'recheck_at', refreshedAt: 'refreshed_at',
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

/** Customers whose rows changed since `since`, or whose health time changes by `now`; at most `limit`. */
async function changedSince(deps: Pick<Deps, 'db'>, since: number, now: number, limit: number) {
  const rows = await deps.db.all<{ id: string }>(sql`
    SELECT customer_id AS id FROM interactions WHERE created_at > ${since}
    UNION SELECT customer_id FROM responses WHERE created_at > ${since}
    UNION SELECT customer_id FROM followups WHERE updated_at > ${since}
    UNION SELECT customer_id FROM customer_events WHERE created_at > ${since}
    UNION SELECT customer_id FROM customer_summaries WHERE recheck_at <= ${now}
    LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

export async function refreshCustomers(deps: Pick<Deps, 'db' | 'atomic'>, now: number): Promise<{ refreshed: number }> {
  const [state] = await deps.db.select().from(customerRefreshState).where(eq(customerRefreshState.id, 1));
  let refreshed = 0;
  let { sweepAfter, sweptAt } = state ?? { sweepAfter: '', sweptAt: null };
  if (state) {
    const changed = await changedSince(deps, state.seenUntil - OVERLAP_MS, now, MAX_CHANGED + 1);
    // Too many to take now: sweep everyone again, from the start.
    if (changed.length > MAX_CHANGED) sweepAfter = '';
    else {
      await inBatches(deps, changed, now);
      refreshed += changed.length;
    }
  }
  if (sweepAfter === null && sweptAt !== null && now - sweptAt > DAY_MS) sweepAfter = '';
  if (sweepAfter !== null) {
    const next = await deps.db
      .select({ id: customers.id })
      .from(customers)
      .where(sql`${customers.id} > ${sweepAfter}`)
      .orderBy(customers.id)
      .limit(SWEEP_PER_RUN);
    await inBatches(
      deps,
      next.map((r) => r.id),
      now,
    );
    refreshed += next.length;
    if (next.length < SWEEP_PER_RUN) {
      sweepAfter = null;
      sweptAt = now;
    } else sweepAfter = next[next.length - 1]!.id;
  }
  const saved = { seenUntil: now, sweepAfter, sweptAt };
  await deps.db.insert(customerRefreshState).values({ id: 1, ...saved }).onConflictDoUpdate({ target: customerRefreshState.id, set: saved });
  return { refreshed };
}

/** Refreshes until the sweep has passed every customer: after a bulk load (the demo, a benchmark). */
export async function refreshAllCustomers(deps: Pick<Deps, 'db' | 'atomic'>, now: number): Promise<number> {
  for (let total = 0; ; ) {
    total += (await refreshCustomers(deps, now)).refreshed;
    const [state] = await deps.db.select({ sweepAfter: customerRefreshState.sweepAfter }).from(customerRefreshState);
    if (!state || state.sweepAfter === null) return total;
  }
}
