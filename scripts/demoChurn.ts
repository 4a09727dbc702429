// The churn half of `npm run demo`: some demo customers leave (and a few come back), most often
// those whose last answer was unhappy and whom no follow-up won back, so the customers list and the
// churn view have something to show. Written once, through the same statement as the API's.
import { sql } from 'drizzle-orm';
import type { Deps } from '../src/deps';
import { isLowScore, isRecovered } from '../src/domain/followups';
import type { SurveyKind } from '../src/domain/surveys';
import { DAY_MS } from '../src/domain/timeZone';
import { eventStatement } from '../src/services/customers/events';
import { rng } from './random';

const REASONS = ['Moved to a competitor', 'Too expensive', 'No longer needed', 'Unhappy with support', null];

export interface DemoChurnCounts {
  churned: number;
  reactivated: number;
}

/** With churn events already in the database it does nothing (so `npm run demo` twice adds nothing). */
export async function writeDemoChurn(deps: Pick<Deps, 'db' | 'atomic' | 'newId'>, now: number, seed = 11): Promise<DemoChurnCounts | null> {
  const [{ n }] = (await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM customer_events`)) as [{ n: number }];
  if (n > 0) return null;
  const random = rng(seed);
  // Each customer's latest answer and latest task, oldest customers first so the seed gives the same choices.
  const customers = await deps.db.all<{ email: string; survey: SurveyKind; score: number; at: number; taskSurvey: SurveyKind | null; recovery: number | null; status: string | null; closedAt: number | null }>(sql`
    SELECT c.email, r.survey, r.score, r.created_at AS at, f.survey AS taskSurvey, f.recovery_score AS recovery, f.status, f.closed_at AS closedAt
    FROM customers c
    JOIN responses r ON r.id = (SELECT id FROM responses x WHERE x.customer_id = c.id AND x.flagged = 0 ORDER BY x.created_at DESC LIMIT 1)
    LEFT JOIN followups f ON f.id = (SELECT id FROM followups y WHERE y.customer_id = c.id ORDER BY y.opened_at DESC LIMIT 1)
    ORDER BY c.email`);
  const counts: DemoChurnCounts = { churned: 0, reactivated: 0 };
  const statements = [];
  for (const c of customers) {
    const wonBack = c.taskSurvey !== null && c.recovery !== null && isRecovered(c.taskSurvey, c.recovery);
    const lostCause = c.taskSurvey !== null && !wonBack && c.status !== 'open' && c.status !== 'in_progress';
    // Half a year: about 4% of content customers leave, a fifth of unhappy ones, a third of those a follow-up did not win back.
    const chance = wonBack ? 0.05 : lostCause ? 0.35 : isLowScore(c.survey, c.score) ? 0.2 : 0.04;
    if (random() >= chance) continue;
    // A customer whose task closed leaves after it (the churn view compares won back with not); others 3–43 days after their answer.
    const at = c.closedAt !== null ? Math.floor(c.closedAt + DAY_MS + random() * Math.max(0, now - c.closedAt - DAY_MS)) : Math.floor(c.at + (3 + random() * 40) * DAY_MS);
    if (at > now) continue;
    const reason = REASONS[Math.floor(random() * REASONS.length)] ?? null;
    statements.push(eventStatement(deps.newId(), { email: c.email, type: 'churned', at, reason, source: 'import' }, now));
    counts.churned++;
    const back = at + Math.floor((10 + random() * 30) * DAY_MS);
    if (random() < 0.1 && back <= now) {
      statements.push(eventStatement(deps.newId(), { email: c.email, type: 'reactivated', at: back, reason: 'Signed up again', source: 'import' }, now));
      counts.reactivated++;
    }
  }
  for (let i = 0; i < statements.length; i += 500) await deps.atomic(statements.slice(i, i + 500));
  return counts;
}
