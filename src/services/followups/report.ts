// The follow-up report: how many tasks opened and closed in a period, how fast people acted, how
// many closed within their SLA, and how many customers the recovery survey says were won back;
// overall and per assignee. Counts and medians come from SQL (window functions), not from rows.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { agents, followups, users } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { LOW_SCORE_MAX } from '../../domain/followups';
import { visibleTo } from './queries';

export interface Period {
  start: number;
  end: number;
}

export interface FollowupStats {
  opened: number;
  closed: number;
  autoClosed: number;
  withinSla: number;
  active: number;
  overdue: number;
  /** Resolved tasks in the period whose recovery survey went out, was answered, and won the customer back. */
  surveyed: number;
  answered: number;
  recovered: number;
  medianFirstActionMs: number | null;
  medianCloseMs: number | null;
}

export interface AssigneeStats extends FollowupStats {
  key: string;
  name: string;
}

const EMPTY: FollowupStats = {
  opened: 0,
  closed: 0,
  autoClosed: 0,
  withinSla: 0,
  active: 0,
  overdue: 0,
  surveyed: 0,
  answered: 0,
  recovered: 0,
  medianFirstActionMs: null,
  medianCloseMs: null,
};

/** `agent:<id>`, `user:<id>` or `none`: the inbox's assignee filter takes the same keys. */
const ASSIGNEE_KEY = sql`coalesce('agent:' || ${followups.assigneeAgentId}, 'user:' || ${followups.assigneeUserId}, 'none')`;
const RECOVERED = sql.raw(
  `(recovery_score > CASE survey ${Object.entries(LOW_SCORE_MAX)
    .map(([k, max]) => `WHEN '${k}' THEN ${max}`)
    .join(' ')} END)`,
);

async function counts(deps: Pick<Deps, 'db'>, scope: SQL, group: SQL, p: Period, now: number) {
  const inPeriod = (col: SQL) => sql`(${col} >= ${p.start} AND ${col} < ${p.end})`;
  const closedIn = sql`${inPeriod(sql`closed_at`)} AND status <> 'score_changed'`;
  const resolvedIn = sql`${inPeriod(sql`closed_at`)} AND status = 'resolved'`;
  return deps.db.all<Record<string, number | string | null>>(sql`
    SELECT ${group} AS g,
      sum(${inPeriod(sql`opened_at`)}) AS opened,
      sum(${closedIn}) AS closed,
      sum(${inPeriod(sql`closed_at`)} AND status = 'score_changed') AS autoClosed,
      sum(${closedIn} AND closed_at <= due_at) AS withinSla,
      sum(status IN ('open', 'in_progress')) AS active,
      sum(status IN ('open', 'in_progress') AND due_at < ${now}) AS overdue,
      sum(${resolvedIn} AND EXISTS (SELECT 1 FROM survey_requests r
        WHERE r.followup_id = ${followups.id} AND r.purpose = 'recovery' AND r.status = 'sent')) AS surveyed,
      sum(${resolvedIn} AND recovery_score IS NOT NULL AND recovery_flagged = 0) AS answered,
      sum(${resolvedIn} AND recovery_score IS NOT NULL AND recovery_flagged = 0 AND ${RECOVERED}) AS recovered
    FROM ${followups}
    WHERE ${scope} AND (${inPeriod(sql`opened_at`)} OR ${inPeriod(sql`closed_at`)} OR status IN ('open', 'in_progress'))
    GROUP BY g`);
}

/** Median of `value` per group over the rows matching `where`. */
async function medians(deps: Pick<Deps, 'db'>, scope: SQL, group: SQL, value: SQL, where: SQL) {
  const rows = await deps.db.all<{ g: string; m: number }>(sql`
    SELECT g, avg(x) AS m FROM (
      SELECT g, x, row_number() OVER (PARTITION BY g ORDER BY x) AS rn, count(*) OVER (PARTITION BY g) AS n
      FROM (SELECT ${group} AS g, ${value} AS x FROM ${followups} WHERE ${scope} AND ${where})
    ) WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g`);
  return new Map(rows.map((r) => [r.g, Number(r.m)]));
}

async function statsBy(deps: Pick<Deps, 'db'>, viewer: SessionUser, group: SQL, p: Period, now: number) {
  const scope = visibleTo(viewer) ?? sql`1`;
  const [rows, firstAction, close] = await Promise.all([
    counts(deps, scope, group, p, now),
    medians(deps, scope, group, sql`first_action_at - opened_at`, sql`opened_at >= ${p.start} AND opened_at < ${p.end} AND first_action_at IS NOT NULL`),
    medians(deps, scope, group, sql`closed_at - opened_at`, sql`closed_at >= ${p.start} AND closed_at < ${p.end} AND status <> 'score_changed'`),
  ]);
  const out = new Map<string, FollowupStats>();
  for (const r of rows) {
    const g = String(r.g);
    const n = (k: string) => Number(r[k] ?? 0);
    out.set(g, {
      opened: n('opened'),
      closed: n('closed'),
      autoClosed: n('autoClosed'),
      withinSla: n('withinSla'),
      active: n('active'),
      overdue: n('overdue'),
      surveyed: n('surveyed'),
      answered: n('answered'),
      recovered: n('recovered'),
      medianFirstActionMs: firstAction.get(g) ?? null,
      medianCloseMs: close.get(g) ?? null,
    });
  }
  return out;
}

async function names(deps: Pick<Deps, 'db'>, keys: string[]) {
  const ids = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const [a, u] = await Promise.all([
    ids('agent:').length ? deps.db.select({ id: agents.id, name: agents.name, email: agents.email }).from(agents).where(inArray(agents.id, ids('agent:'))) : [],
    ids('user:').length ? deps.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids('user:'))) : [],
  ]);
  return new Map<string, string>([
    ...a.map((r): [string, string] => [`agent:${r.id}`, r.name ?? r.email]),
    ...u.map((r): [string, string] => [`user:${r.id}`, r.name ?? r.email]),
  ]);
}

export async function followupReport(deps: Pick<Deps, 'db'>, viewer: SessionUser, p: Period, now: number) {
  const [overall, byAssignee] = await Promise.all([statsBy(deps, viewer, sql`''`, p, now), statsBy(deps, viewer, ASSIGNEE_KEY, p, now)]);
  const named = await names(deps, [...byAssignee.keys()]);
  const people: AssigneeStats[] = [...byAssignee.entries()]
    .map(([key, s]) => ({ key, name: key === 'none' ? 'Unassigned' : (named.get(key) ?? 'Former user'), ...s }))
    .sort((a, b) => b.opened - a.opened || b.active - a.active || a.name.localeCompare(b.name));
  return { overall: overall.get('') ?? EMPTY, people };
}
