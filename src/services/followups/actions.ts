// What people do with a task: notes, calls and contact attempts, emails to the customer, status
// changes with an outcome, and handing it to someone else. Every action is logged; the first one
// by a person stamps first_action_at (the report's "time to first action").
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { followupEvents, followups, suppressions } from '../../db/schema';
import {
  ACTIVE_STATUSES,
  canMove,
  HOUR,
  isClosing,
  nextEscalation,
  STATUS_LABELS,
  type Assignee,
  type FollowupStatus,
} from '../../domain/followups';
import { err, ok, type Result } from '../../domain/result';
import { renderCustomerEmail } from '../../../views/emails/FollowupEmails';
import { pickLocale } from '../../../views/i18n';
import { assigneeColumns, contactOf } from './assign';
import { logStatement, queueTaskEvent, type Actor } from './events';
import { getTask, type TaskRow } from './queries';
import { holdRecovery, scheduleRecovery } from './recovery';
import { getRules, scheduleFor } from './settings';
import { followupWriteback } from '../writebacks';

export type ActionError =
  | 'not-found'
  | 'bad-transition'
  | 'outcome-required'
  | 'empty'
  | 'undeliverable'
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

/** A note (text required), a call or a contact attempt (text optional). */
export async function addActivity(deps: D, taskId: string, actor: Actor, kind: ActivityKind, text: string): Promise<Result<void, ActionError>> {
  const body = text.trim() || DEFAULT_TEXT[kind];
  if (!body) return err('empty');
  const now = deps.clock();
  await deps.atomic([logStatement(deps, { followupId: taskId, actor, at: now, kind, body: body.slice(0, 5000) }), stampAction(deps, taskId, now)]);
  return ok(undefined);
}

/**
 * Moves a task to another status. Closing needs an outcome note; resolving schedules the recovery
 * survey when that rule is on; reopening takes escalation up where it stopped.
 */
export async function changeStatus(
  deps: D,
  taskId: string,
  actor: Actor,
  to: FollowupStatus,
  note: string,
): Promise<Result<TaskRow, ActionError>> {
  const task = await getTask(deps, taskId);
  if (!task) return err('not-found');
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
  const now = deps.clock();
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
  // Conditional on the status this decision was made from: two people acting at once cannot both win.
  const moved = await deps.db
    .update(followups)
    .set({ status: to, ...touched(now), ...closing })
    .where(and(eq(followups.id, taskId), eq(followups.status, task.status)))
    .returning({ id: followups.id });
  if (moved.length === 0) return err('bad-transition');
  const statements: Statement[] = [
    logStatement(deps, {
      followupId: taskId,
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
  if (to === 'open') {
    // A reopened task must not survey the customer about a fix that is not finished.
    statements.push(holdRecovery(deps, taskId));
  }
  await deps.atomic(statements);
  if (isClosing(to)) await queueTaskEvent(deps, taskId, 'followup.closed', now);
  return ok((await getTask(deps, taskId))!);
}

/** Hands the task to someone else (or nobody); escalation follows the new assignee. */
export async function reassign(deps: D, taskId: string, actor: Actor, to: Assignee | null): Promise<Result<void, ActionError>> {
  const now = deps.clock();
  const who = to ? await contactOf(deps, to) : null;
  if (to && !who) return err('not-found');
  const changed = await deps.db
    .update(followups)
    .set({ ...assigneeColumns(to), updatedAt: now })
    .where(eq(followups.id, taskId))
    .returning({ id: followups.id });
  if (changed.length === 0) return err('not-found');
  const body = who ? `Assigned to ${who.name ?? who.email}.` : 'Unassigned.';
  await deps.atomic([logStatement(deps, { followupId: taskId, actor, at: now, kind: 'assigned', body, data: { assignee: to } })]);
  return ok(undefined);
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
  const [suppressed] = await deps.db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.email, task.customer.email));
  if (suppressed && UNDELIVERABLE.has(suppressed.reason)) return err('undeliverable');
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
