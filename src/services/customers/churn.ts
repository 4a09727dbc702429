// The churn report's counts, per period: customers at its start and at its midpoint, and the
// churns in it, each split by the customer's last NPS and CSAT answer and last follow-up's outcome
// at that instant. One ordered read of each customer's history (domain/churn.ts addHistory walks
// it); the rates are domain/churn.ts too.
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import {
  addHistory,
  type ChurnHistory,
  type ChurnInterval,
  churnPeriods,
  churnRow,
  type CustomerEvent,
  type ScoreAt,
  emptyCounts,
  midpoint,
  sumCounts,
} from '../../domain/churn';
import { LOW_SCORE_MAX } from '../../domain/followups';
import type { DayRange } from '../../domain/period';
import { dayStartMs } from '../../domain/timeZone';

/** More periods than this is a range to narrow (or to see by quarter). */
export const MAX_PERIODS = 40;

/** When a task's recovery answer (or the customer's own changed score) won them back; null if it did not. */
const recoveredAt = sql.raw(`CASE WHEN f.status = 'score_changed' OR (f.recovery_flagged = 0 AND f.recovery_score > CASE f.survey ${Object.entries(LOW_SCORE_MAX)
  .map(([k, max]) => `WHEN '${k}' THEN ${max}`)
  .join(' ')} END) THEN coalesce(f.recovery_at, f.closed_at) END`);

/** Customers read per round: a few thousand rows of history each time, whatever the total. */
const CHUNK = 2000;

type CustomerRow = { id: string; first: number };
type TaskRow = { id: string; openedAt: number; recoveredAt: number | null };
type EventRow = { id: string; type: CustomerEvent['type']; at: number };

/** Answers by customer and kind, from [customer, survey, at, score] rows in customer order (the most rows: read as arrays). */
function answersByCustomer(rows: readonly [string, 'nps' | 'csat', number, number][]) {
  const out = new Map<string, { nps: ScoreAt[]; csat: ScoreAt[] }>();
  let id = '';
  let own = { nps: [] as ScoreAt[], csat: [] as ScoreAt[] };
  for (const r of rows) {
    if (r[0] !== id) {
      id = r[0];
      own = out.get(id) ?? { nps: [], csat: [] };
      out.set(id, own);
    }
    const list = own[r[1]];
    const answer = { at: r[2], score: r[3] };
    // Rows come ordered by time; at one instant the higher score counts as the later answer, as the
    // look-up of a latest answer has it. Ties are rare, so a step back keeps them in order without a sort.
    let i = list.length;
    while (i > 0 && list[i - 1]!.at === answer.at && list[i - 1]!.score > answer.score) i--;
    list.splice(i, 0, answer);
  }
  return out;
}

/** Rows by customer, each customer's in the order read. */
function byCustomer<T extends { id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const own = out.get(r.id);
    if (own) own.push(r);
    else out.set(r.id, [r]);
  }
  return out;
}

/**
 * The report's counts in one ordered pass over each customer's history, a chunk of customers at a
 * time (keyed by id, so a chunk's answers, tasks and events are index ranges): customers at every
 * instant and the churns of every period, by segment.
 */
async function countAll(deps: Pick<Deps, 'db'>, where: SQL, instants: number[], periods: { start: number; end: number }[], chunk: number) {
  const atInstant = instants.map(() => emptyCounts());
  const churned = periods.map(() => emptyCounts());
  const until = periods[periods.length - 1]?.end ?? 0;
  let after = '';
  for (;;) {
    const customers = await deps.db.all<CustomerRow>(sql`
      SELECT s.customer_id AS id, s.first_contact_at AS first FROM customer_summaries s
      WHERE s.customer_id > ${after} AND s.first_contact_at < ${until} AND ${where}
      ORDER BY s.customer_id LIMIT ${chunk}`);
    if (customers.length === 0) break;
    const lo = customers[0]!.id;
    const hi = customers[customers.length - 1]!.id;
    after = hi;
    const [answers, tasks, events] = await Promise.all([
      deps.db.values<[string, 'nps' | 'csat', number, number]>(sql`
        SELECT r.customer_id, r.survey, r.created_at, r.score FROM responses r
        WHERE r.customer_id >= ${lo} AND r.customer_id <= ${hi} AND r.survey IN ('nps', 'csat') AND r.flagged = 0 AND r.created_at < ${until}
        ORDER BY r.customer_id, r.survey, r.created_at`),
      deps.db.all<TaskRow>(sql`
        SELECT f.customer_id AS id, f.opened_at AS openedAt, ${recoveredAt} AS recoveredAt FROM followups f
        WHERE f.customer_id >= ${lo} AND f.customer_id <= ${hi} AND f.opened_at < ${until}
        ORDER BY f.customer_id, f.opened_at, f.rowid`),
      deps.db.all<EventRow>(sql`
        SELECT e.customer_id AS id, e.type, e.at FROM customer_events e
        WHERE e.customer_id >= ${lo} AND e.customer_id <= ${hi} AND e.at < ${until}
        ORDER BY e.customer_id, e.at, e.type`),
    ]);
    const [answersOf, tasksOf, eventsOf] = [answersByCustomer(answers), byCustomer(tasks), byCustomer(events)];
    for (const c of customers) {
      const own = answersOf.get(c.id);
      const history: ChurnHistory = {
        firstContactAt: c.first,
        nps: own?.nps ?? [],
        csat: own?.csat ?? [],
        tasks: tasksOf.get(c.id) ?? [],
        events: eventsOf.get(c.id) ?? [],
      };
      addHistory(history, instants, atInstant, periods, churned);
    }
    if (customers.length < chunk) break;
  }
  return { atInstant, churned };
}

export interface ChurnQuery {
  range: DayRange;
  interval: ChurnInterval;
  teamId: string | null;
  /** Customers the viewer may see (null: all). */
  scope: SQL | null;
}

export async function getChurnReport(deps: Pick<Deps, 'db' | 'config'>, q: ChurnQuery, chunk = CHUNK) {
  const tz = deps.config.timeZone;
  const where = sql.join(
    [sql`1`, q.scope, q.teamId ? sql`s.customer_id IN (SELECT customer_id FROM customer_teams WHERE team_id = ${q.teamId})` : null].filter((w): w is SQL => w !== null),
    sql` AND `,
  );
  const periods = churnPeriods(q.range, q.interval).map((p) => {
    const start = dayStartMs(p.from, tz);
    const end = dayStartMs(p.to + 1, tz);
    return { p, start, end, mid: midpoint(start, end) };
  });
  const { atInstant, churned } = await countAll(deps, where, periods.flatMap((p) => [p.start, p.mid]), periods, chunk);
  const counts = periods.map(({ p }, i) => ({ p, start: atInstant[2 * i]!, mid: atInstant[2 * i + 1]!, churned: churned[i]! }));
  // The periods pooled: the segments' rates over more churns than any one period has.
  const pooled = { start: sumCounts(counts.map((c) => c.start)), mid: sumCounts(counts.map((c) => c.mid)), churned: sumCounts(counts.map((c) => c.churned)) };
  return { rows: counts.map((c) => churnRow(c.p, c)), total: churnRow({ ...q.range, label: 'All' }, pooled) };
}
