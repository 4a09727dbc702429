// Reading follow-up tasks: one task as the API and webhooks show it, lists filtered by who may see
// them, the customer's whole history, and the activity log.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { compiled } from '../../db/compiled';
import type { Deps } from '../../deps';
import {
  agents,
  connections,
  customers,
  followupEvents,
  followupLinks,
  followups,
  interactions,
  interactionTickets,
  responses,
  surveyRequests,
  teams,
  users,
} from '../../db/schema';
import { scopeOf, type SessionUser } from '../../domain/access';
import { assigneeOf } from '../../domain/assignment';
import { ACTIVE_STATUSES, CLOSING_STATUSES, isRecovered } from '../../domain/followups';
import { ticketUrlOf } from '../../domain/ticketLinks';
import { decodeCursor as decodeTimeCursor, encodeCursor as encodeTimeCursor, olderThan } from '../responses';

const assigneeAgent = alias(agents, 'assignee_agent');
const recovery = alias(surveyRequests, 'recovery');

/** The columns every view of a task needs, joined once. */
const taskColumns = {
  id: followups.id,
  status: followups.status,
  lowScore: followups.lowScore,
  keywords: followups.keywords,
  openedAt: followups.openedAt,
  dueAt: followups.dueAt,
  firstActionAt: followups.firstActionAt,
  closedAt: followups.closedAt,
  outcome: followups.outcome,
  escalationLevel: followups.escalationLevel,
  teamId: followups.teamId,
  agentId: followups.agentId,
  customerId: followups.customerId,
  interactionId: followups.interactionId,
  assigneeAgentId: followups.assigneeAgentId,
  assigneeUserId: followups.assigneeUserId,
  survey: followups.survey,
  recoveryScore: followups.recoveryScore,
  recoveryComment: followups.recoveryComment,
  recoveryFlagged: followups.recoveryFlagged,
  recoveryAt: followups.recoveryAt,
  customer: { email: customers.email, name: customers.name, locale: customers.locale },
  agent: { email: agents.email, name: agents.name },
  assigneeAgent: { email: assigneeAgent.email, name: assigneeAgent.name },
  assigneeUser: { email: users.email, name: users.name },
  team: teams.name,
  response: { id: responses.id, score: responses.score, comment: responses.comment, createdAt: responses.createdAt },
  interaction: { externalId: interactions.externalId, channel: interactions.channel, closedAt: interactions.closedAt, tags: interactions.tags },
  recovery: { id: recovery.id, status: recovery.status, sendAfter: recovery.sendAfter, sentAt: recovery.sentAt },
  ticketId: interactionTickets.ticketId,
  ticketTemplate: connections.ticketUrl,
};

function taskQuery(deps: Pick<Deps, 'db'>) {
  return deps.db
    .select(taskColumns)
    .from(followups)
    .innerJoin(customers, eq(customers.id, followups.customerId))
    .innerJoin(agents, eq(agents.id, followups.agentId))
    .innerJoin(responses, eq(responses.id, followups.responseId))
    .innerJoin(interactions, eq(interactions.id, followups.interactionId))
    .leftJoin(assigneeAgent, eq(assigneeAgent.id, followups.assigneeAgentId))
    .leftJoin(users, eq(users.id, followups.assigneeUserId))
    .leftJoin(teams, eq(teams.id, followups.teamId))
    .leftJoin(recovery, and(eq(recovery.followupId, followups.id), eq(recovery.purpose, 'recovery')))
    .leftJoin(interactionTickets, eq(interactionTickets.interactionId, followups.interactionId))
    .leftJoin(connections, eq(connections.id, interactionTickets.connectionId));
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['where']>>[number];



export const isOverdue = (r: Pick<TaskRow, 'status' | 'dueAt'>, now: number) =>
  (ACTIVE_STATUSES as readonly string[]).includes(r.status) && r.dueAt < now;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A task as the API returns it and webhooks carry it. */
export function toApi(r: TaskRow, now: number, publicUrl: string) {
  const answered = r.recoveryScore !== null && !r.recoveryFlagged;
  return {
    id: r.id,
    url: `${publicUrl}/follow-ups/${r.id}`,
    status: r.status,
    reasons: { lowScore: r.lowScore, keywords: JSON.parse(r.keywords) as string[] },
    openedAt: new Date(r.openedAt).toISOString(),
    dueAt: new Date(r.dueAt).toISOString(),
    overdue: isOverdue(r, now),
    firstActionAt: iso(r.firstActionAt),
    closedAt: iso(r.closedAt),
    outcome: r.outcome,
    assignee: assigneeOf(r),
    customer: r.customer,
    agent: r.agent,
    team: r.team,
    response: { id: r.response.id, survey: r.survey, score: r.response.score, comment: r.response.comment },
    interaction: { externalId: r.interaction.externalId, channel: r.interaction.channel },
    ticketUrl: ticketUrlOf(r),
    recovery: r.recovery
      ? {
          status: r.recovery.status,
          sendAfter: iso(r.recovery.sendAfter),
          sentAt: iso(r.recovery.sentAt),
          score: answered ? r.recoveryScore : null,
          recovered: answered ? isRecovered(r.survey, r.recoveryScore!) : null,
        }
      : null,
  };
}
export type FollowupJson = ReturnType<typeof toApi>;

// Compiled once: it describes every task an answer opens to the webhooks.
const taskById = compiled((db) => taskQuery({ db }).where(eq(followups.id, sql.placeholder('id'))));

export async function getTask(deps: Pick<Deps, 'db'>, id: string): Promise<TaskRow | null> {
  const [row] = await taskById(deps.db).all({ id });
  return row ?? null;
}

/** Tasks a signed-in person may see: admins all; managers their teams' and their own; agents their own and their interactions'. */
export function visibleTo(user: SessionUser): SQL | undefined {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'teams':
      return or(eq(followups.assigneeUserId, user.id), scope.teamIds.length ? inArray(followups.teamId, scope.teamIds) : undefined);
    case 'agent':
      return scope.agentId
        ? or(eq(followups.assigneeAgentId, scope.agentId), eq(followups.agentId, scope.agentId), eq(followups.assigneeUserId, user.id))
        : eq(followups.assigneeUserId, user.id);
  }
}

export function canSeeTask(user: SessionUser, r: Pick<TaskRow, 'teamId' | 'agentId' | 'assigneeAgentId' | 'assigneeUserId'>) {
  const scope = scopeOf(user);
  if (r.assigneeUserId === user.id) return true;
  if (scope.kind === 'all') return true;
  if (scope.kind === 'teams') return r.teamId !== null && scope.teamIds.includes(r.teamId);
  return scope.agentId !== null && (r.assigneeAgentId === scope.agentId || r.agentId === scope.agentId);
}

/** Who may hand a task to someone else: managers and admins who can see it. */
export const canReassign = (user: SessionUser, r: Parameters<typeof canSeeTask>[1]) => user.role !== 'agent' && canSeeTask(user, r);

// ---- lists ----

export const STATUS_FILTERS = ['active', 'closed', 'all', ...ACTIVE_STATUSES, ...CLOSING_STATUSES, 'score_changed'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** `me`, `none`, `agent:<id>`, `user:<id>`, or an email address (the API). */
export type AssigneeFilter = 'me' | 'none' | { agentId: string } | { userId: string } | { email: string };

export interface TaskFilter {
  status: StatusFilter;
  assignee?: AssigneeFilter | undefined;
  overdue?: boolean;
  /** Opened within [from, to). */
  openedFrom?: number;
  openedTo?: number;
  cursor?: Cursor | undefined;
  limit: number;
  /** Inbox order (soonest due first) or API order (newest first, paged by cursor). */
  order: 'due' | 'newest';
}

export interface Cursor {
  openedAt: number;
  id: string;
}

// The same opaque [time, id] token as the responses API, keyed by when the task opened.
export const encodeCursor = (c: Cursor) => encodeTimeCursor(c.openedAt, c.id);

export function decodeCursor(text: string): Cursor | null {
  const c = decodeTimeCursor(text);
  return c && { openedAt: c.createdAt, id: c.id };
}

function statusWhere(s: StatusFilter): SQL | undefined {
  if (s === 'all') return undefined;
  if (s === 'active') return inArray(followups.status, [...ACTIVE_STATUSES]);
  if (s === 'closed') return inArray(followups.status, [...CLOSING_STATUSES, 'score_changed']);
  return eq(followups.status, s);
}

function assigneeWhere(a: AssigneeFilter, me: SessionUser | null): SQL | undefined {
  if (a === 'none') return and(isNull(followups.assigneeAgentId), isNull(followups.assigneeUserId));
  if (a === 'me') {
    if (!me) return sql`0`;
    return me.agentId
      ? or(eq(followups.assigneeUserId, me.id), eq(followups.assigneeAgentId, me.agentId))
      : eq(followups.assigneeUserId, me.id);
  }
  if ('agentId' in a) return eq(followups.assigneeAgentId, a.agentId);
  if ('userId' in a) return eq(followups.assigneeUserId, a.userId);
  return or(eq(assigneeAgent.email, a.email), eq(users.email, a.email));
}

/** One page of tasks; `viewer` null means the API (which sees every task). */
export async function listTasks(deps: Pick<Deps, 'db'>, viewer: SessionUser | null, f: TaskFilter, now: number) {
  const where = [
    viewer ? visibleTo(viewer) : undefined,
    statusWhere(f.status),
    f.assignee ? assigneeWhere(f.assignee, viewer) : undefined,
    f.overdue ? and(inArray(followups.status, [...ACTIVE_STATUSES]), lt(followups.dueAt, now)) : undefined,
    f.openedFrom !== undefined ? sql`${followups.openedAt} >= ${f.openedFrom}` : undefined,
    f.openedTo !== undefined ? sql`${followups.openedAt} < ${f.openedTo}` : undefined,
    f.cursor ? olderThan(followups.openedAt, followups.id, f.cursor.openedAt, f.cursor.id) : undefined,
  ];
  const order = f.order === 'due' ? [asc(followups.dueAt), asc(followups.id)] : [desc(followups.openedAt), desc(followups.id)];
  const rows = await taskQuery(deps)
    .where(and(...where))
    .orderBy(...order)
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > f.limit && last ? encodeCursor({ openedAt: last.openedAt, id: last.id }) : null };
}

// ---- one task's page ----

export async function activityOf(deps: Pick<Deps, 'db'>, followupId: string) {
  return deps.db
    .select()
    .from(followupEvents)
    .where(eq(followupEvents.followupId, followupId))
    // Entries written in the same millisecond keep the order they were written in.
    .orderBy(asc(followupEvents.at), sql`rowid`);
}
export type ActivityRow = Awaited<ReturnType<typeof activityOf>>[number];

/** The customer's interactions across channels, newest first, with their answers and any task they belong to. */
export async function customerHistory(deps: Pick<Deps, 'db'>, customerId: string, limit = 500) {
  return deps.db
    .select({
      interactionId: interactions.id,
      externalId: interactions.externalId,
      channel: interactions.channel,
      closedAt: interactions.closedAt,
      tags: interactions.tags,
      agentName: agents.name,
      agentEmail: agents.email,
      survey: responses.survey,
      score: responses.score,
      comment: responses.comment,
      flagged: responses.flagged,
      answeredAt: responses.updatedAt,
      followupId: followupLinks.followupId,
    })
    .from(interactions)
    .innerJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(responses, eq(responses.interactionId, interactions.id))
    .leftJoin(followupLinks, eq(followupLinks.responseId, responses.id))
    .where(eq(interactions.customerId, customerId))
    .orderBy(desc(interactions.closedAt))
    .limit(limit);
}
export type HistoryRow = Awaited<ReturnType<typeof customerHistory>>[number];

/** The customer's earlier follow-up tasks (with recovery answers), for the timeline. */
export async function customerTasks(deps: Pick<Deps, 'db'>, customerId: string) {
  return deps.db
    .select({
      id: followups.id,
      status: followups.status,
      openedAt: followups.openedAt,
      closedAt: followups.closedAt,
      dueAt: followups.dueAt,
      outcome: followups.outcome,
      survey: followups.survey,
      recoveryScore: followups.recoveryScore,
      recoveryFlagged: followups.recoveryFlagged,
      recoveryAt: followups.recoveryAt,
    })
    .from(followups)
    .where(eq(followups.customerId, customerId))
    .orderBy(desc(followups.openedAt));
}


/** How many active tasks a person sees, and how many of them are overdue. */
export async function countActive(deps: Pick<Deps, 'db'>, viewer: SessionUser, now: number) {
  const [row] = await deps.db
    .select({
      active: sql<number>`count(*)`,
      overdue: sql<number>`coalesce(sum(${followups.dueAt} < ${now}), 0)`,
    })
    .from(followups)
    .where(and(visibleTo(viewer), inArray(followups.status, [...ACTIVE_STATUSES])));
  return { active: Number(row?.active ?? 0), overdue: Number(row?.overdue ?? 0) };
}
