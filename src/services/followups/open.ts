// Opening, attaching and closing tasks as answers arrive and change. saveAnswer calls onAnswerSaved
// after every stored answer; it looks at what is stored now, so calling it twice changes nothing.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { compiled } from '../../db/compiled';
import type { Deps } from '../../deps';
import { followupLinks, followups, responses, webhooks } from '../../db/schema';
import {
  ACTIVE_STATUSES,
  addBusinessTime,
  HOUR,
  isActive,
  nextEscalation,
  triggerOf,
  type FollowupRules,
  type FollowupStatus,
  type Trigger,
} from '../../domain/followups';
import { SCALES, type SurveyKind } from '../../domain/surveys';
import { assigneeColumns, pickAssignee } from './assign';
import { HEARD, logStatement, queueResponseEvent, queueTaskEvent } from './events';
import { getRules, scheduleFor } from './settings';

export const SCORE_CHANGED_OUTCOME = 'The customer changed their answer before anyone acted.';

// Runs after every stored answer: compiled once.
const answerQuery = compiled((db) =>
  db
    .select({
      id: responses.id,
      survey: responses.survey,
      score: responses.score,
      comment: responses.comment,
      flagged: responses.flagged,
      // insight: only an analysis of the comment as it is now counts.
      sentiment: sql<string | null>`case when ${responses.analysedAt} = ${responses.updatedAt} then ${responses.sentiment} end`,
      severity: sql<string | null>`case when ${responses.analysedAt} = ${responses.updatedAt} then ${responses.severity} end`,
      customerId: responses.customerId,
      agentId: responses.agentId,
      teamId: responses.teamId,
      interactionId: responses.interactionId,
      linkedId: followupLinks.followupId,
      linkedStatus: followups.status,
      linkedActedAt: followups.firstActionAt,
      activeId: sql<string | null>`(select f.id from ${followups} f where f.customer_id = ${responses.customerId}
        and f.status in ('open', 'in_progress'))`,
      // Saves building the event when nobody listens, which is most installs.
      announce: sql<number>`exists (select 1 from ${webhooks} w where w.active = 1
        and exists (select 1 from json_each(w.events) j where j.value = 'response.created'))`,
    })
    .from(responses)
    .leftJoin(followupLinks, eq(followupLinks.responseId, responses.id))
    .leftJoin(followups, eq(followups.id, followupLinks.followupId))
    .where(eq(responses.requestId, sql.placeholder('requestId'))),
);

async function loadAnswer(deps: Pick<Deps, 'db'>, requestId: string) {
  const [row] = await answerQuery(deps.db).all({ requestId });
  return row;
}
type Answer = NonNullable<Awaited<ReturnType<typeof loadAnswer>>>;

/** Says in the log why the task exists. */
export function describeTrigger(t: Trigger, r: { survey: SurveyKind; score: number }): string {
  const parts = [];
  if (t.lowScore) parts.push(`Low score: ${r.score} of ${SCALES[r.survey].max} (${r.survey.toUpperCase()}).`);
  if (t.keywords.length) parts.push(`The comment mentions ${t.keywords.map((k) => `“${k}”`).join(', ')}.`);
  if (t.negative) parts.push('The comment reads strongly negative.');
  return parts.join(' ');
}

/**
 * Keeps tasks in step with a stored answer: a new counted low score (or keyword) opens a task or
 * attaches to the customer's open one; an answer that no longer qualifies closes its untouched task.
 * `wasCounted` says whether the request already had a counted answer before this save.
 */
export async function onAnswerSaved(deps: Deps, requestId: string, wasCounted: boolean): Promise<void> {
  const now = deps.clock();
  const r = await loadAnswer(deps, requestId);
  if (!r) return;
  if (!r.flagged && !wasCounted && r.announce) await queueResponseEvent(deps, r.id, now);
  const rules = await getRules(deps);
  const trigger = triggerOf(rules, r);
  if (r.linkedId && r.linkedStatus) {
    if (!trigger && isActive(r.linkedStatus) && r.linkedActedAt === null) await closeIfNothingLeft(deps, rules, r.linkedId, now);
    else if (trigger && r.linkedStatus === 'score_changed' && r.activeId === null) await reopen(deps, rules, r.linkedId, now);
    return;
  }
  if (!trigger) return;
  if (r.activeId) return attach(deps, r.activeId, r, trigger, now);
  await open(deps, rules, r, trigger, now);
}

async function attach(deps: Deps, followupId: string, r: Answer, t: Trigger, now: number) {
  await deps.atomic([
    deps.db.insert(followupLinks).values({ responseId: r.id, followupId, linkedAt: now }).onConflictDoNothing(),
    logStatement(deps, { followupId, actor: HEARD, at: now, kind: 'attached', body: describeTrigger(t, r), data: { responseId: r.id } }),
  ]);
}

async function open(deps: Deps, rules: FollowupRules, r: Answer, t: Trigger, now: number) {
  const [assignee, schedule] = await Promise.all([
    pickAssignee(deps, rules.assignment, { agentId: r.agentId, teamId: r.teamId }),
    scheduleFor(deps, r.teamId),
  ]);
  const dueAt = addBusinessTime(now, rules.slaHours * HOUR, schedule);
  const id = deps.newId();
  try {
    await deps.atomic([
      deps.db.insert(followups).values({
        id,
        customerId: r.customerId,
        interactionId: r.interactionId,
        responseId: r.id,
        survey: r.survey,
        agentId: r.agentId,
        teamId: r.teamId,
        ...assigneeColumns(assignee),
        status: 'open',
        lowScore: t.lowScore,
        keywords: JSON.stringify(t.keywords),
        openedAt: now,
        dueAt,
        nextEscalationAt: dueAt,
        updatedAt: now,
      }),
      deps.db.insert(followupLinks).values({ responseId: r.id, followupId: id, linkedAt: now }),
      logStatement(deps, { followupId: id, actor: HEARD, at: now, kind: 'opened', body: describeTrigger(t, r), data: { assignee } }),
    ]);
  } catch (error) {
    // Another answer of the same customer opened a task a moment ago: join it.
    const [active] = await deps.db
      .select({ id: followups.id })
      .from(followups)
      .where(and(eq(followups.customerId, r.customerId), inArray(followups.status, [...ACTIVE_STATUSES])));
    if (active) return attach(deps, active.id, r, t, now);
    throw error;
  }
  await queueTaskEvent(deps, id, 'followup.opened', now);
}

/** Closes an untouched task when none of its answers qualifies any more. */
async function closeIfNothingLeft(deps: Deps, rules: FollowupRules, followupId: string, now: number) {
  const linked = await deps.db
    .select({ survey: responses.survey, score: responses.score, comment: responses.comment, flagged: responses.flagged })
    .from(followupLinks)
    .innerJoin(responses, eq(responses.id, followupLinks.responseId))
    .where(eq(followupLinks.followupId, followupId));
  if (linked.some((r) => triggerOf(rules, r))) return;
  const closed = await deps.db
    .update(followups)
    .set({ status: 'score_changed', closedAt: now, outcome: SCORE_CHANGED_OUTCOME, nextEscalationAt: null, updatedAt: now })
    .where(and(eq(followups.id, followupId), inArray(followups.status, [...ACTIVE_STATUSES]), isNull(followups.firstActionAt)))
    .returning({ status: followups.status });
  if (closed.length === 0) return;
  const data = { from: 'open', to: 'score_changed' };
  await deps.atomic([logStatement(deps, { followupId, actor: HEARD, at: now, kind: 'status', body: SCORE_CHANGED_OUTCOME, data })]);
  await queueTaskEvent(deps, followupId, 'followup.closed', now);
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
