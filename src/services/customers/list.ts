// The customers list: summary rows (refresh.ts) the viewer may see, filtered by health, team and a
// search, in one of four orders, a page at a time by keyset, so page 400 costs what page 1 does.
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { findTeams } from '../../db/queries/findTeams';
import { canSeeTeam, scopeOf, type SessionUser } from '../../domain/access';
import type { HealthReason, HealthState, KindScore } from '../../domain/customerHealth';
import { base64url, fromBase64url } from '../../security/crypto';

export const CUSTOMER_SORTS = ['recent', 'score', 'contacts', 'overdue'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const HEALTH_FILTERS = ['at_risk', 'healthy', 'churned', 'all'] as const;
export type HealthFilter = (typeof HEALTH_FILTERS)[number];

export interface CustomerListQuery {
  health: HealthFilter;
  team: string | null;
  q: string;
  sort: CustomerSort;
  cursor: string | null;
}

const PAGE = 25;

/** Each order as a column of the summaries (each indexed after health), best first; the id breaks ties. */
const ORDERS: Record<CustomerSort, { key: SQL; dir: 'asc' | 'desc' }> = {
  recent: { key: sql.raw('s.sort_recent'), dir: 'desc' },
  score: { key: sql.raw('s.sort_score'), dir: 'asc' },
  contacts: { key: sql.raw('s.contacts_30'), dir: 'desc' },
  overdue: { key: sql.raw('s.sort_due'), dir: 'asc' },
};

const encodeCursor = (key: number, id: string) => base64url(new TextEncoder().encode(JSON.stringify([key, id])));
function decodeCursor(text: string): [number, string] | null {
  try {
    const bytes = fromBase64url(text);
    const v: unknown = bytes && JSON.parse(new TextDecoder().decode(bytes));
    return Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string' ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

const ofTeams = (column: SQL, teams: SQL) => sql`EXISTS (SELECT 1 FROM customer_teams ct WHERE ct.customer_id = ${column} AND ct.team_id ${teams})`;

/**
 * Customers the viewer may see: admins all; managers those who talked to their teams; agents those
 * they talked to. A team's customers are asked per row (customer_teams' key), so a page walks its
 * order's index and stops once full, rather than first listing every customer of the teams.
 */
export function visibleCustomers(user: SessionUser, column: SQL): SQL | null {
  const scope = scopeOf(user);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'teams') return ofTeams(column, sql`IN (SELECT value FROM json_each(${JSON.stringify(scope.teamIds)}))`);
  return scope.agentId ? sql`${column} IN (SELECT customer_id FROM interactions WHERE agent_id = ${scope.agentId})` : sql`0`;
}

export interface CustomerListRow {
  id: string;
  email: string;
  name: string | null;
  health: HealthState;
  reasons: HealthReason[];
  scores: KindScore[];
  lastContactAt: number | null;
  contacts30: number;
  openTasks: number;
  activeDueAt: number | null;
  churnedAt: number | null;
}

/** One page of the list, or null when the URL names a team the viewer may not see (404). */
export async function getCustomerList(deps: Pick<Deps, 'db' | 'clock'>, user: SessionUser, q: CustomerListQuery) {
  const teams = scopeOf(user).kind === 'agent' ? [] : (await findTeams(deps.db, null)).filter((t) => canSeeTeam(user, t.id));
  if (q.team && !teams.some((t) => t.id === q.team)) return null;
  const order = ORDERS[q.sort];
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const after = cursor
    ? order.dir === 'desc'
      ? sql`(${order.key} < ${cursor[0]} OR (${order.key} = ${cursor[0]} AND s.customer_id < ${cursor[1]}))`
      : sql`(${order.key} > ${cursor[0]} OR (${order.key} = ${cursor[0]} AND s.customer_id > ${cursor[1]}))`
    : null;
  const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const filters = [
    visibleCustomers(user, sql`s.customer_id`),
    q.team ? ofTeams(sql`s.customer_id`, sql`= ${q.team}`) : null,
    q.q ? sql`(c.email LIKE ${like} ESCAPE '\\' OR c.name LIKE ${like} ESCAPE '\\')` : null,
  ].filter((w): w is SQL => w !== null);
  const base = filters.length ? sql.join(filters, sql` AND `) : sql`1`;
  const healthWhere = q.health === 'all' ? sql`1` : sql`s.health = ${q.health}`;
  const dir = sql.raw(order.dir);
  // A search reads every customer's address once (CROSS JOIN keeps that order for the counts): a
  // substring is found by no index, and looking each summary's customer up instead costs more.
  const [rows, counts] = await Promise.all([
    deps.db.all<{ id: string; email: string; name: string | null; health: HealthState; reasons: string; scores: string; lastContactAt: number | null; contacts30: number; openTasks: number; activeDueAt: number | null; churnedAt: number | null; k: number }>(sql`
      SELECT s.customer_id AS id, c.email, c.name, s.health, s.reasons, s.scores, s.last_contact_at AS lastContactAt,
        s.contacts_30 AS contacts30, s.open_tasks AS openTasks, s.active_due_at AS activeDueAt, s.churned_at AS churnedAt, ${order.key} AS k
      FROM customer_summaries s JOIN customers c ON c.id = s.customer_id
      WHERE ${base} AND ${healthWhere} ${after ? sql`AND ${after}` : sql``}
      ORDER BY k ${dir}, s.customer_id ${dir}
      LIMIT ${PAGE + 1}`),
    deps.db.all<{ health: HealthState; n: number }>(sql`
      SELECT s.health, count(*) AS n FROM ${q.q ? sql`customers c CROSS JOIN customer_summaries s ON s.customer_id = c.id` : sql`customer_summaries s`} WHERE ${base} GROUP BY s.health`),
  ]);
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  const byHealth = { at_risk: 0, healthy: 0, churned: 0 } as Record<HealthState, number>;
  for (const c of counts) byHealth[c.health] = Number(c.n);
  return {
    rows: page.map(({ k: _k, reasons, scores, ...r }): CustomerListRow => ({ ...r, reasons: JSON.parse(reasons) as HealthReason[], scores: JSON.parse(scores) as KindScore[] })),
    next: rows.length > PAGE && last ? encodeCursor(last.k, last.id) : null,
    counts: byHealth,
    teams,
    now: deps.clock(),
  };
}
export type CustomerList = NonNullable<Awaited<ReturnType<typeof getCustomerList>>>;
