// What the health rule reads about a set of customers, in five indexed queries whatever the set's
// size (ids travel as one JSON parameter): contacts, the latest answers of each kind, the last
// follow-up task, churn events and teams. The list's refresh and the customer page share it.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { churnedAt, type CustomerEvent } from '../../domain/churn';
import { customerHealth, REPEAT_WINDOW_DAYS, type Answer, type Health, type TaskFact } from '../../domain/customerHealth';
import type { FollowupStatus } from '../../domain/followups';
import type { SurveyKind } from '../../domain/surveys';
import { DAY_MS } from '../../domain/timeZone';

export interface CustomerFacts {
  answers: Answer[];
  lastTask: TaskFact | null;
  contacts: number[];
  events: CustomerEvent[];
  firstContactAt: number | null;
  lastContactAt: number | null;
  teamIds: string[];
}

const empty = (): CustomerFacts => ({ answers: [], lastTask: null, contacts: [], events: [], firstContactAt: null, lastContactAt: null, teamIds: [] });

export async function factsOf(deps: Pick<Deps, 'db'>, ids: readonly string[], now: number): Promise<Map<string, CustomerFacts>> {
  const out = new Map(ids.map((id) => [id, empty()]));
  if (ids.length === 0) return out;
  const set = sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  const since = now - REPEAT_WINDOW_DAYS * DAY_MS;
  const [spans, recent, answers, tasks, events] = await Promise.all([
    deps.db.all<{ c: string; team: string | null; first: number; last: number }>(sql`
      SELECT customer_id AS c, team_id AS team, min(closed_at) AS first, max(closed_at) AS last
      FROM interactions WHERE customer_id IN ${set} GROUP BY customer_id, team_id`),
    deps.db.all<{ c: string; at: number }>(sql`
      SELECT customer_id AS c, closed_at AS at FROM interactions
      WHERE customer_id IN ${set} AND closed_at > ${since} AND closed_at <= ${now}`),
    // The two latest counted answers of each kind (what a trend compares).
    deps.db.all<{ c: string; survey: SurveyKind; score: number; at: number }>(sql`
      SELECT c, survey, score, at FROM (
        SELECT customer_id AS c, survey, score, created_at AS at,
          row_number() OVER (PARTITION BY customer_id, survey ORDER BY created_at DESC) AS rn
        FROM responses WHERE customer_id IN ${set} AND flagged = 0)
      WHERE rn <= 2`),
    deps.db.all<{ c: string; id: string; status: FollowupStatus; openedAt: number; closedAt: number | null; dueAt: number; recovery: number | null; survey: SurveyKind }>(sql`
      SELECT customer_id AS c, id, status, opened_at AS openedAt, closed_at AS closedAt, due_at AS dueAt, survey,
        CASE WHEN recovery_flagged = 0 THEN recovery_score END AS recovery
      FROM (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY opened_at DESC, id DESC) AS rn
            FROM followups WHERE customer_id IN ${set})
      WHERE rn = 1`),
    deps.db.all<{ c: string; type: CustomerEvent['type']; at: number }>(sql`
      SELECT customer_id AS c, type, at FROM customer_events WHERE customer_id IN ${set}`),
  ]);
  for (const s of spans) {
    const f = out.get(s.c)!;
    f.firstContactAt = Math.min(f.firstContactAt ?? s.first, s.first);
    f.lastContactAt = Math.max(f.lastContactAt ?? s.last, s.last);
    if (s.team) f.teamIds.push(s.team);
  }
  for (const r of recent) out.get(r.c)!.contacts.push(r.at);
  for (const a of answers) out.get(a.c)!.answers.push({ survey: a.survey, score: a.score, at: a.at });
  for (const t of tasks) {
    out.get(t.c)!.lastTask = { id: t.id, status: t.status, openedAt: t.openedAt, closedAt: t.closedAt, dueAt: t.dueAt, recoveryScore: t.recovery, survey: t.survey };
  }
  for (const e of events) out.get(e.c)!.events.push({ type: e.type, at: e.at });
  return out;
}

export const healthOf = (f: CustomerFacts, now: number): Health =>
  customerHealth({ answers: f.answers, lastTask: f.lastTask, contacts: f.contacts, churnedAt: churnedAt(f.events, now) }, now);
