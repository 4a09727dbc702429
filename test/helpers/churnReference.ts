// The churn report counted the slow way, as the definitions read: one look-up per customer per
// instant. The reference src/services/customers/churn.ts must equal (test/services/churnCounts.test.ts),
// and the bench's "before" (bench/customers.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../src/deps';
import {
  addTo,
  churnPeriods,
  churnRow,
  csatSegment,
  emptyCounts,
  midpoint,
  npsSegment,
  sumCounts,
  type RecoverySegment,
  type SegmentCounts,
} from '../../src/domain/churn';
import { LOW_SCORE_MAX } from '../../src/domain/followups';
import type { ChurnQuery } from '../../src/services/customers/churn';
import { dayStartMs } from '../../src/domain/timeZone';

/** Whether a task's recovery answer (or the customer's own changed score) won them back by `at`. */
const recoveredBy = (at: SQL) =>
  sql.raw(`(f.status = 'score_changed' OR (f.recovery_flagged = 0 AND f.recovery_score > CASE f.survey ${Object.entries(LOW_SCORE_MAX)
    .map(([k, max]) => `WHEN '${k}' THEN ${max}`)
    .join(' ')} END))`).append(sql` AND coalesce(f.recovery_at, f.closed_at) < ${at}`);

/** The segments of customer `who` at instant `at`, as three columns. */
function segmentsAt(who: SQL, at: SQL) {
  const last = (survey: string) =>
    sql`(SELECT r.score FROM responses r WHERE r.customer_id = ${who} AND r.survey = ${survey} AND r.flagged = 0 AND r.created_at < ${at} ORDER BY r.created_at DESC LIMIT 1)`;
  return sql`${last('nps')} AS nps, ${last('csat')} AS csat,
    (SELECT CASE WHEN ${recoveredBy(at)} THEN 'recovered' ELSE 'not_recovered' END
     FROM followups f WHERE f.customer_id = ${who} AND f.opened_at < ${at} ORDER BY f.opened_at DESC LIMIT 1) AS rec`;
}

/** The customer's latest event before `at` was a churn. */
const churnedBefore = (who: SQL, at: SQL) =>
  sql`coalesce((SELECT p.type FROM customer_events p WHERE p.customer_id = ${who} AND p.at < ${at} ORDER BY p.at DESC, p.type DESC LIMIT 1), '') = 'churned'`;

type SegmentRow = { nps: number | null; csat: number | null; rec: RecoverySegment | null; n: number };

function tally(rows: SegmentRow[]): SegmentCounts {
  const c = emptyCounts();
  for (const r of rows) addTo(c, { nps: npsSegment(r.nps), csat: csatSegment(r.csat), recovery: r.rec ?? 'none' }, Number(r.n));
  return c;
}

/**
 * Customers at `t`: a first contact before it, and not churned just before it (latest event
 * before `t` not a churn). So one who churns at the very start of a period counts in that period.
 */
async function customersAt(deps: Pick<Deps, 'db'>, where: SQL, t: number) {
  return tally(
    await deps.db.all<SegmentRow>(sql`
      SELECT nps, csat, rec, count(*) AS n FROM (
        SELECT ${segmentsAt(sql`s.customer_id`, sql`${t}`)} FROM customer_summaries s
        WHERE s.first_contact_at < ${t} AND ${where} AND NOT ${churnedBefore(sql`s.customer_id`, sql`${t}`)})
      GROUP BY nps, csat, rec`),
  );
}

/** Churns in [start, end): of customers Heard had met by then, and not already churned. */
async function churnedIn(deps: Pick<Deps, 'db'>, where: SQL, start: number, end: number) {
  return tally(
    await deps.db.all<SegmentRow>(sql`
      SELECT nps, csat, rec, count(*) AS n FROM (
        SELECT ${segmentsAt(sql`e.customer_id`, sql`e.at`)} FROM customer_events e
        JOIN customer_summaries s ON s.customer_id = e.customer_id
        WHERE e.type = 'churned' AND e.at >= ${start} AND e.at < ${end} AND s.first_contact_at < e.at AND ${where}
          AND NOT ${churnedBefore(sql`e.customer_id`, sql`e.at`)})
      GROUP BY nps, csat, rec`),
  );
}

export async function churnReportByLookups(deps: Pick<Deps, 'db' | 'config'>, q: ChurnQuery) {
  const tz = deps.config.timeZone;
  const where = sql.join(
    [sql`1`, q.scope, q.teamId ? sql`s.customer_id IN (SELECT customer_id FROM customer_teams WHERE team_id = ${q.teamId})` : null].filter((w): w is SQL => w !== null),
    sql` AND `,
  );
  const counts = [];
  for (const p of churnPeriods(q.range, q.interval)) {
    const start = dayStartMs(p.from, tz);
    const end = dayStartMs(p.to + 1, tz);
    const [atStart, atMid, churned] = await Promise.all([customersAt(deps, where, start), customersAt(deps, where, midpoint(start, end)), churnedIn(deps, where, start, end)]);
    counts.push({ p, start: atStart, mid: atMid, churned });
  }
  // The periods pooled: the segments' rates over more churns than any one period has.
  const pooled = { start: sumCounts(counts.map((c) => c.start)), mid: sumCounts(counts.map((c) => c.mid)), churned: sumCounts(counts.map((c) => c.churned)) };
  return { rows: counts.map((c) => churnRow(c.p, c)), total: churnRow({ ...q.range, label: 'All' }, pooled) };
}
