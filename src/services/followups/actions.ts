// What people do with a task: notes, calls and contact attempts, emails to the customer, status
// changes with an outcome, and handing it to someone else. Every action is logged; the first one
// by a person stamps first_action_at (the report's "time to first action").
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { followupEvents, followups } from '../../db/schema';
import { ACTIVE_STATUSES, canMove, HOUR, isClosing, STATUS_LABELS, type FollowupStatus } from '../../domain/followups';
import { nextEscalation } from '../../domain/escalation';
import { type Assignee } from '../../domain/assignment';
import { err, ok, type Result } from '../../domain/result';
import { renderCustomerEmail } from '../../mail/templates/FollowupEmails';
import { pickLocale } from '../../i18n';
import { assigneeColumns, contactOf } from './assign';
import { announceTaskEvent, markTaskEvent, plannedTaskEvent } from './announce';
import { logStatement, type Actor } from './events';
import { getTask, type TaskRow } from './queries';
import { holdRecovery, scheduleRecovery } from './recovery';
import { getRules, scheduleFor } from './settings';
import { suppressionOf } from '../suppress';
import { followupWriteback } from '../writebacks';

export type ActionError =
  | 'not-found'
  | 'bad-transition'
  | 'outcome-required'
  | 'empty'
  | 'undeliverable'
  /** The customer asked to be erased: nothing more goes to their address. */
  | 'erased'
  /** Reopening would give the customer a second open task. */
  | 'other-open'
  | { sendFailed: string };

type D = Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId' | 'config' | 'mailer'>;

const touched = (now: number) => ({ firstActionAt: sql`coalesce(${followups.firstActionAt}, ${now})`, updatedAt: now });
const stampAction = (deps: D, id: string, now: number): Statement =>
  deps.db.update(followups).set(touched(now)).where(eq(followups.id, id));

export const ACTIVITY_KINDS = ['note', 'call', 'attempt'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const DEFAULT_TEXT: Record<ActivityKind, string | null> = {
  note: null,
  call: 'Called the customer.',
  attempt: 'Tried to reach the customer.',
};

/** What an activity writes: the log entry and the "first action" stamp. */
function activityStatements(deps: D, taskId: string, actor: Actor, kind: ActivityKind, text: string, now: number): Result<Statement[], ActionError> {
  const body = text.trim() || DEFAULT_TEXT[kind];
  if (!body) return err('empty');
  return ok([logStatement(deps, { followupId: taskId, actor, at: now, kind, body: body.slice(0, 5000) }), stampAction(deps, taskId, now)]);
}

/** A note (text required), a call or a contact attempt (text optional). */
export async function addActivity(deps: D, taskId: string, actor: Actor, kind: ActivityKind, text: string): Promise<Result<void, ActionError>> {
  const planned = activityStatements(deps, taskId, actor, kind, text, deps.clock());
  if (!planned.ok) return planned;
  await deps.atomic(planned.value);
  return ok(undefined);
}

/**
 * What moving a task to another status writes, decided from the task as read. Closing needs an
 * outcome note; resolving schedules the recovery survey when that rule is on; reopening takes
 * escalation up where it stopped.
 */
async function statusStatements(deps: D, task: TaskRow, actor: Actor, to: FollowupStatus, note: string, now: number): Promise<Result<Statement[], ActionError>> {
  if (!canMove(task.status, to)) return err('bad-transition');
  const outcome = note.trim().slice(0, 5000);
  if (isClosing(to) && !outcome) return err('outcome-required');
  if (to === 'open') {
    const [other] = await deps.db
      .select({ id: followups.id })
      .from(followups)
      .where(and(eq(followups.customerId, task.customerId), inArray(followups.status, [...ACTIVE_STATUSES])));
    if (other) return err('other-open');
  }
  const rules = await getRules(deps);
  const closing = isClosing(to)
    ? { closedAt: now, closedBy: actor.id, outcome, nextEscalationAt: null }
    : to === 'open'
      ? {
          closedAt: null,
          closedBy: null,
          outcome: null,
          nextEscalationAt:
            nextEscalation(task.escalationLevel, task.dueAt, rules.managerAfterHours * HOUR, await scheduleFor(deps, task.teamId))?.at ?? null,
        }
      : {};
  const statements: Statement[] = [
    // Conditional on the status this decision was made from: if someone moved the task meanwhile,
    // the NULL breaks NOT NULL and the whole write is refused, so two people cannot both win.
    deps.db
      .update(followups)
      .set({ status: sql`case when ${followups.status} = ${task.status} then ${to} end`, ...touched(now), ...closing })
      .where(eq(followups.id, task.id)),
    logStatement(deps, {
      followupId: task.id,
      actor,
      at: now,
      kind: 'status',
      body: outcome || `${STATUS_LABELS[task.status]} → ${STATUS_LABELS[to]}`,
      data: { from: task.status, to },
    }),
  ];
  if (to === 'resolved' && rules.recoveryEnabled) statements.push(scheduleRecovery(deps, task, now, rules.recoveryDelayDays));
  // helpdesks: the closing goes back to the ticket the interaction came from.
  if (isClosing(to)) statements.push(followupWriteback(deps, task, { status: to, outcome, by: actor.name }, now));
  // A reopened task must not survey the customer about a fix that is not finished.
  if (to === 'open') statements.push(holdRecovery(deps, task.id));
  return ok(statements);
}

/** What handing the task to someone else (or nobody) writes; escalation follows the new assignee. */
async function assignStatements(deps: D, taskId: string, actor: Actor, to: Assignee | null, now: number): Promise<Result<Statement[], ActionError>> {
  const who = to ? await contactOf(deps, to) : null;
  if (to && !who) return err('not-found');
  const body = who ? `Assigned to ${who.name ?? who.email}.` : 'Unassigned.';
  return ok([
    deps.db.update(followups).set({ ...assigneeColumns(to), updatedAt: now }).where(eq(followups.id, taskId)),
    logStatement(deps, { followupId: taskId, actor, at: now, kind: 'assigned', body, data: { assignee: to } }),
  ]);
}

/** Writes all statements or none; a status that moved since it was read is a refused transition. */
async function applyTo(deps: D, task: TaskRow, statements: Statement[]): Promise<Result<void, ActionError>> {
  try {
    await deps.atomic(statements);
    return ok(undefined);
  } catch (error) {
    const now = await getTask(deps, task.id);
    if (now && now.status !== task.status) return err('bad-transition');
    throw error;
  }
}

export interface TaskChange {
  assignee?: Assignee | null;
  status?: FollowupStatus;
  /** The outcome when the status closes the task, otherwise a note of its own. */
  note?: string;
}

/** Reassigns, moves and notes in one atomic write: either all of it applies or none. */
export async function updateTask(deps: D, taskId: string, actor: Actor, change: TaskChange): Promise<Result<TaskRow, ActionError>> {
  const task = await getTask(deps, taskId);
  if (!task) return err('not-found');
  const now = deps.clock();
  const parts = [
    change.assignee !== undefined ? await assignStatements(deps, taskId, actor, change.assignee, now) : ok([]),
    change.status
      ? await statusStatements(deps, task, actor, change.status, change.note ?? '', now)
      : change.note
        ? activityStatements(deps, taskId, actor, 'note', change.note, now)
        : ok([]),
  ];
  const statements: Statement[] = [];
  for (const p of parts) {
    if (!p.ok) return p;
    statements.push(...p.value);
  }
  // followup.closed: its marker commits with the closing, so the event cannot be lost.
  const event = change.status && isClosing(change.status) ? await plannedTaskEvent(deps, taskId, 'followup.closed', now) : null;
  if (event) statements.push(markTaskEvent(deps, event));
  const applied = await applyTo(deps, task, statements);
  if (!applied.ok) return applied;
  if (event) await announceTaskEvent(deps, event);
  return ok((await getTask(deps, taskId))!);
}

/** Moves a task to another status (see statusStatements). */
export async function changeStatus(
  deps: D,
  taskId: string,
  actor: Actor,
  to: FollowupStatus,
  note: string,
): Promise<Result<TaskRow, ActionError>> {
  return updateTask(deps, taskId, actor, { status: to, note });
}

/** Hands the task to someone else (or nobody); escalation follows the new assignee. */
export async function reassign(deps: D, taskId: string, actor: Actor, to: Assignee | null): Promise<Result<void, ActionError>> {
  const done = await updateTask(deps, taskId, actor, { assignee: to });
  return done.ok ? ok(undefined) : done;
}

/** Addresses that cannot take mail: sending again would only hurt the sender's reputation. */
const UNDELIVERABLE = new Set(['bounced', 'complained']);

/**
 * Emails the customer through the same mailer as surveys, with replies going to the person who
 * wrote it. `key` comes with the form, so sending the same form twice sends one email.
 */
export async function emailCustomer(
  deps: D,
  taskId: string,
  actor: Actor,
  e: { subject: string; body: string; key: string },
): Promise<Result<void, ActionError>> {
  const task = await getTask(deps, taskId);
  if (!task) return err('not-found');
  const subject = e.subject.trim().slice(0, 200);
  const body = e.body.trim().slice(0, 10_000);
  if (!subject || !body) return err('empty');
  // An unsubscribe stops surveys, not a person's reply; a bounce, a complaint or an erasure stops both.
  const suppressed = await suppressionOf(deps, task.customer.email);
  if (suppressed === 'erased') return err('erased');
  if (suppressed && UNDELIVERABLE.has(suppressed)) return err('undeliverable');
  const rendered = await renderCustomerEmail({ locale: pickLocale(task.customer.locale), subject, body, agentName: actor.name });
  const key = e.key.replace(/[^\w-]/g, '').slice(0, 64) || deps.newId();
  const logId = `email/${taskId}/${key}`;
  const [already] = await deps.db.select({ id: followupEvents.id }).from(followupEvents).where(eq(followupEvents.id, logId));
  if (already) return ok(undefined);
  const sent = await deps.mailer.send({
    to: task.customer.email,
    from: deps.config.mailFrom,
    ...(actor.email ? { replyTo: actor.email } : {}),
    ...rendered,
    headers: {},
    idempotencyKey: `followup-email/${taskId}/${key}`,
  });
  if (!sent.ok) return err({ sendFailed: sent.error });
  const now = deps.clock();
  await deps.atomic([
    logStatement(deps, {
      id: logId,
      followupId: taskId,
      actor,
      at: now,
      kind: 'email',
      body,
      data: { subject, to: task.customer.email, replyTo: actor.email, messageId: sent.id },
    }),
    stampAction(deps, taskId, now),
  ]);
  return ok(undefined);
}
