// Opening, attaching and closing tasks as answers arrive and change. Every stored answer arms a
// check (./checks.ts) that calls onAnswerSaved; it looks at what is stored now, so calling it twice
// changes nothing.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { followupLinks, followups, responses, webhooks } from '../../db/schema';
import { ACTIVE_STATUSES, HOUR, isActive, triggerOf, type FollowupRules, type FollowupStatus, type Trigger } from '../../domain/followups';
import { nextEscalation } from '../../domain/escalation';
import { addBusinessTime } from '../../domain/businessHours';
import { SCALES, type SurveyKind } from '../../domain/surveys';
import { assigneeColumns, pickAssignee } from './assign';
import { announceTaskEvent, markTaskEvent, plannedTaskEvent } from './announce';
import { HEARD, logStatement, queueResponseEvent } from './events';
import { getRules, scheduleFor } from './settings';

export const SCORE_CHANGED_OUTCOME = 'The customer changed their answer before anyone acted.';

/** Whether an active webhook listens for `response.created`: saves building the event when nobody does, which is most installs. */
export const announcesResponses = sql<number>`exists (select 1 from ${webhooks} w where w.active = 1
    and exists (select 1 from json_each(w.events) j where j.value = 'response.created'))`;

// The tasks and listeners an answer may touch, by the response's id and customer: one read.
const taskColumns = {
  linkedId: followupLinks.followupId,
  linkedStatus: followups.status,
  linkedActedAt: followups.firstActionAt,
  activeId: sql<string | null>`(select f.id from ${followups} f where f.customer_id = ${responses.customerId}
    and f.status in ('open', 'in_progress'))`,
  announce: announcesResponses,
};

// Runs for answers checked later (runDueWork): compiled once.
const answerQuery = compiled((db) =>
  db
    .select({
      id: responses.id,
      survey: responses.survey,
      score: responses.score,
      comment: responses.comment,
      flagged: responses.flagged,
      resolved: responses.resolved,

      // insight: only an analysis of the comment as it is now counts.
      sentiment: sql<string | null>`case when ${responses.analysedAt} = ${responses.updatedAt} then ${responses.sentiment} end`,
      severity: sql<string | null>`case when ${responses.analysedAt} = ${responses.updatedAt} then ${responses.severity} end`,
      customerId: responses.customerId,
      agentId: responses.agentId,
      teamId: responses.teamId,
      interactionId: responses.interactionId,
      ...taskColumns,
    })
    .from(responses)
    .leftJoin(followupLinks, eq(followupLinks.responseId, responses.id))
    .leftJoin(followups, eq(followups.id, followupLinks.followupId))
    .where(eq(responses.requestId, sql.placeholder('requestId'))),
);

// Runs after every answer the customer just saved, whose fields the caller knows: compiled once.
const tasksQuery = compiled((db) =>
  db
    .select(taskColumns)
    .from(sql`(select ${sql.placeholder('responseId')} as id, ${sql.placeholder('customerId')} as customer_id) as ${responses}`)
    .leftJoin(followupLinks, eq(followupLinks.responseId, responses.id))
    .leftJoin(followups, eq(followups.id, followupLinks.followupId)),
);

/** An answer as stored, as the follow-up rules see it. */
export interface SavedAnswer {
  id: string;
  survey: SurveyKind;
  score: number;
  comment: string | null;
  flagged: boolean;
  resolved: boolean | null;
  customerId: string;
  agentId: string;
  teamId: string | null;
  interactionId: string;
}

async function loadAnswer(deps: Pick<Deps, 'db'>, requestId: string, saved?: SavedAnswer) {
  if (saved) {
    const [tasks] = await tasksQuery(deps.db).all({ responseId: saved.id, customerId: saved.customerId });
    return tasks && { ...saved, ...tasks };
  }
  const [row] = await answerQuery(deps.db).all({ requestId });
  return row;
}
type Answer = NonNullable<Awaited<ReturnType<typeof loadAnswer>>>;

/** Says in the log why the task exists. */
export function describeTrigger(t: Trigger, r: { survey: SurveyKind; score: number }): string {
  const parts = [];
  if (t.lowScore) parts.push(`Low score: ${r.score} of ${SCALES[r.survey].max} (${r.survey.toUpperCase()}).`);
  if (t.keywords.length) parts.push(`The comment mentions ${t.keywords.map((k) => `“${k}”`).join(', ')}.`);
  if (t.notResolved) parts.push('The customer says the issue was not resolved.');

  if (t.negative) parts.push('The comment reads strongly negative.');
  return parts.join(' ');
}

/**
 * Keeps tasks in step with a stored answer: a new counted low score (or keyword) opens a task or
 * attaches to the customer's open one; an answer that no longer qualifies closes its untouched task.
 * `wasCounted` says whether the request already had a counted answer before this save. `saved` is
 * the answer as its caller just wrote it, so it is not read back. `finish` (the check's own
 * marker removal) rides in the write that opens a task, so a detractor's answer waits for two
 * commits rather than three; true when it was committed that way, false when the caller still must.
 */
export async function onAnswerSaved(
  deps: Deps,
  requestId: string,
  wasCounted: boolean,
  saved?: SavedAnswer,
  known?: FollowupRules,
  finish: readonly Statement[] = [],
): Promise<boolean> {
  const now = deps.clock();
  const r = await loadAnswer(deps, requestId, saved);
  if (!r) return false;
  if (!r.flagged && !wasCounted && r.announce) await queueResponseEvent(deps, r.id, now);
  const rules = known ?? (await getRules(deps));
  const trigger = triggerOf(rules, r);
  if (r.linkedId && r.linkedStatus) {
    if (!trigger && isActive(r.linkedStatus) && r.linkedActedAt === null) await closeIfNothingLeft(deps, rules, r.linkedId, now);
    else if (trigger) {
      await addReasons(deps, r.linkedId, r, trigger, now);
      if (r.linkedStatus === 'score_changed' && r.activeId === null) await reopen(deps, rules, r.linkedId, now);
    }
    return false;
  }
  if (!trigger) return false;
  if (r.activeId) {
    await attach(deps, r.activeId, r, trigger, now);
    return false;
  }
  return open(deps, rules, r, trigger, now, finish);
}

// The statements of opening and attaching, compiled once: detractors are a fifth of answers or more.
const p = sql.placeholder;
const q = {
  link: compiled((db) => db.insert(followupLinks).values({ responseId: p('responseId'), followupId: p('followupId'), linkedAt: p('now') })),
  linkAgain: compiled((db) =>
    db.insert(followupLinks).values({ responseId: p('responseId'), followupId: p('followupId'), linkedAt: p('now') }).onConflictDoNothing(),
  ),
  task: compiled((db) =>
    db.insert(followups).values({
      id: p('id'),
      customerId: p('customerId'),
      interactionId: p('interactionId'),
      responseId: p('responseId'),
      survey: p('survey'),
      agentId: p('agentId'),
      teamId: p('teamId'),
      assigneeAgentId: p('assigneeAgentId'),
      assigneeUserId: p('assigneeUserId'),
      status: 'open',
      lowScore: p('lowScore'),
      keywords: p('keywords'),
      openedAt: p('now'),
      dueAt: p('dueAt'),
      nextEscalationAt: p('dueAt'),
      updatedAt: p('now'),
    }),
  ),
  reasons: compiled((db) =>
    db
      .update(followups)
      .set({
        lowScore: sql`(${followups.lowScore} or ${p('lowScore')})`,
        keywords: sql`(select json_group_array(value) from (select value from json_each(${followups.keywords})
          union all select value from json_each(${p('keywords')}) where value not in (select value from json_each(${followups.keywords}))))`,
        updatedAt: sql`${p('now')}`,
      })
      .where(eq(followups.id, p('id'))),
  ),
  reasonsOf: compiled((db) => db.select({ lowScore: followups.lowScore, keywords: followups.keywords }).from(followups).where(eq(followups.id, p('id')))),
};

async function attach(deps: Deps, followupId: string, r: Answer, t: Trigger, now: number) {
  await deps.atomic([
    bind(q.linkAgain(deps.db), { responseId: r.id, followupId, now }),
    logStatement(deps, { followupId, actor: HEARD, at: now, kind: 'attached', body: describeTrigger(t, r), data: { responseId: r.id } }),
    reasonsStatement(deps, followupId, t, now),
  ]);
}

/** Adds a trigger's reasons to the task's, keeping the order they came in and every one of them. */
function reasonsStatement(deps: Pick<Deps, 'db'>, followupId: string, t: Trigger, now: number) {
  return bind(q.reasons(deps.db), { id: followupId, lowScore: t.lowScore ? 1 : 0, keywords: JSON.stringify(t.keywords), now });
}

/**
 * A later save of an answer already on the task (the comment added after an automatic low score)
 * may say more: its new reasons are recorded and logged. Nothing new, nothing written.
 */
async function addReasons(deps: Deps, followupId: string, r: Answer, t: Trigger, now: number) {
  const [task] = await q.reasonsOf(deps.db).all({ id: followupId });
  if (!task) return;
  const had = JSON.parse(task.keywords) as string[];
  const fresh: Trigger = { lowScore: t.lowScore && !task.lowScore, keywords: t.keywords.filter((k) => !had.includes(k)) };
  if (!fresh.lowScore && fresh.keywords.length === 0) return;
  await deps.atomic([
    reasonsStatement(deps, followupId, t, now),
    logStatement(deps, { followupId, actor: HEARD, at: now, kind: 'reason', body: describeTrigger(fresh, r), data: { responseId: r.id } }),
  ]);
}

/** Opens a task with `finish` in the same write; true when they committed together. */
async function open(deps: Deps, rules: FollowupRules, r: Answer, t: Trigger, now: number, finish: readonly Statement[]): Promise<boolean> {
  const id = deps.newId();
  const [assignee, schedule, event] = await Promise.all([
    pickAssignee(deps, rules.assignment, { agentId: r.agentId, teamId: r.teamId }),
    scheduleFor(deps, r.teamId),
    plannedTaskEvent(deps, id, 'followup.opened', now),
  ]);
  const dueAt = addBusinessTime(now, rules.slaHours * HOUR, schedule);
  try {
    await deps.atomic([
      bind(q.task(deps.db), {
        id,
        customerId: r.customerId,
        interactionId: r.interactionId,
        responseId: r.id,
        survey: r.survey,
        agentId: r.agentId,
        teamId: r.teamId,
        ...assigneeColumns(assignee),
        lowScore: t.lowScore ? 1 : 0,
        keywords: JSON.stringify(t.keywords),
        now,
        dueAt,
      }),
      bind(q.link(deps.db), { responseId: r.id, followupId: id, now }),
      logStatement(deps, { followupId: id, actor: HEARD, at: now, kind: 'opened', body: describeTrigger(t, r), data: { assignee } }),
      // followup.opened: its marker commits with the task, so the event cannot be lost.
      ...(event ? [markTaskEvent(deps, event)] : []),
      ...finish,
    ]);
  } catch (error) {
    // Another answer of the same customer opened a task a moment ago: join it.
    const [active] = await deps.db
      .select({ id: followups.id })
      .from(followups)
      .where(and(eq(followups.customerId, r.customerId), inArray(followups.status, [...ACTIVE_STATUSES])));
    if (active) {
      await attach(deps, active.id, r, t, now);
      return false;
    }
    throw error;
  }
  if (event) await announceTaskEvent(deps, event);
  return finish.length > 0;
}

/** Closes an untouched task when none of its answers qualifies any more. */
async function closeIfNothingLeft(deps: Deps, rules: FollowupRules, followupId: string, now: number) {
  const linked = await deps.db
    .select({ survey: responses.survey, score: responses.score, comment: responses.comment, flagged: responses.flagged, resolved: responses.resolved })
    .from(followupLinks)
    .innerJoin(responses, eq(responses.id, followupLinks.responseId))
    .where(eq(followupLinks.followupId, followupId));
  if (linked.some((r) => triggerOf(rules, r))) return;
  const event = await plannedTaskEvent(deps, followupId, 'followup.closed', now);
  const closable = and(inArray(followups.status, [...ACTIVE_STATUSES]), isNull(followups.firstActionAt));
  const data = { from: 'open', to: 'score_changed' };
  try {
    await deps.atomic([
      // Conditional on the task still being untouched: if someone acted on it meanwhile, the NULL
      // breaks NOT NULL and nothing is written, neither the log entry nor the event.
      deps.db
        .update(followups)
        .set({ status: sql`case when ${closable} then 'score_changed' end`, closedAt: now, outcome: SCORE_CHANGED_OUTCOME, nextEscalationAt: null, updatedAt: now })
        .where(eq(followups.id, followupId)),
      logStatement(deps, { followupId, actor: HEARD, at: now, kind: 'status', body: SCORE_CHANGED_OUTCOME, data }),
      ...(event ? [markTaskEvent(deps, event)] : []),
    ]);
  } catch (error) {
    const [task] = await deps.db.select({ id: followups.id }).from(followups).where(and(eq(followups.id, followupId), closable));
    if (!task) return;
    throw error;
  }
  if (event) await announceTaskEvent(deps, event);
}

/** The customer went back to a low score after the task closed itself: it opens again. */
async function reopen(deps: Deps, rules: FollowupRules, followupId: string, now: number) {
  const [task] = await deps.db
    .select({ dueAt: followups.dueAt, level: followups.escalationLevel, teamId: followups.teamId })
    .from(followups)
    .where(eq(followups.id, followupId));
  if (!task) return;
  const next = nextEscalation(task.level, task.dueAt, rules.managerAfterHours * HOUR, await scheduleFor(deps, task.teamId));
  const from: FollowupStatus = 'score_changed';
  const rows = await deps.db
    .update(followups)
    .set({ status: 'open', closedAt: null, closedBy: null, outcome: null, nextEscalationAt: next?.at ?? null, updatedAt: now })
    .where(and(eq(followups.id, followupId), eq(followups.status, from)))
    .returning({ id: followups.id });
  if (rows.length === 0) return;
  const body = 'The customer changed their answer back to a low score.';
  await deps.atomic([logStatement(deps, { followupId, actor: HEARD, at: now, kind: 'reopened', body, data: { from, to: 'open' } })]);
}
