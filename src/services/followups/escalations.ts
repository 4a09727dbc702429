// Overdue tasks escalate by email: at the due time the assignee is told (level 1), and when it is
// still open some business hours later, the team's managers (level 2). Each level goes out once:
// the job holds a task by pushing next_escalation_at ahead before sending, and the mail
// idempotency key makes a retry after a crash harmless.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { followups, users } from '../../db/schema';
import { ACTIVE_STATUSES, HOUR, type FollowupRules } from '../../domain/followups';
import { assigneeOf } from '../../domain/assignment';
import { nextEscalation } from '../../domain/escalation';
import { SCALES } from '../../domain/surveys';
import { renderEscalationEmail, type TaskLine } from '../../mail/templates/FollowupEmails';
import { duration, localTime } from '../../domain/timeText';
import { teamManagers } from './assign';
import { HEARD, logStatement } from './events';
import { getTask, type TaskRow } from './queries';
import { getRules, scheduleFor } from './settings';

/** How long a run holds a task it is escalating, and waits before trying a failed send again. */
const HOLD = 5 * 60_000;
const BATCH = 50;

export function taskLine(t: TaskRow, now: number, publicUrl: string, timeZone: string): TaskLine {
  const assignee = assigneeOf(t);
  return {
    customer: t.customer.name ? `${t.customer.name} (${t.customer.email})` : t.customer.email,
    score: `${t.response.score} of ${SCALES[t.survey].max} (${t.survey.toUpperCase()})${t.response.comment ? ` — “${t.response.comment.slice(0, 140)}”` : ''}`,
    assignee: assignee ? (assignee.name ?? assignee.email) : 'Unassigned',
    due: localTime(t.dueAt, timeZone),
    overdue: t.dueAt < now,
    url: `${publicUrl}/follow-ups/${t.id}`,
  };
}

async function managerContacts(deps: Pick<Deps, 'db'>, teamId: string | null, except: string | null) {
  const ids = (await teamManagers(deps, teamId)).filter((id) => id !== except);
  if (ids.length === 0) return [];
  return deps.db.select({ email: users.email, name: users.name }).from(users).where(inArray(users.id, ids));
}

/** Who hears about a task at a level; an unassigned task goes straight to the managers. */
async function recipients(deps: Pick<Deps, 'db'>, t: TaskRow, level: 1 | 2) {
  const assignee = assigneeOf(t);
  if (level === 1 && assignee) return [assignee.email];
  return (await managerContacts(deps, t.teamId, t.assigneeUserId)).map((m) => m.email);
}

async function escalate(deps: Deps, rules: FollowupRules, id: string, level: 1 | 2, now: number): Promise<number> {
  const t = await getTask(deps, id);
  if (!t) return 0;
  const schedule = await scheduleFor(deps, t.teamId);
  const to = await recipients(deps, t, level);
  const email = await renderEscalationEmail({
    level,
    task: taskLine(t, now, deps.config.publicUrl, schedule.timeZone),
    overdueFor: duration(now - t.dueAt),
  });
  const results = await Promise.all(
    to.map((address) =>
      deps.mailer.send({ to: address, from: deps.config.mailFrom, ...email, headers: {}, idempotencyKey: `followup-escalation/${id}/${level}/${address}` }),
    ),
  );
  if (results.some((r) => !r.ok && r.retryable)) {
    // Try the whole level again shortly; addresses already sent to are covered by their idempotency keys.
    await deps.db.update(followups).set({ nextEscalationAt: now + HOLD }).where(eq(followups.id, id));
    return 0;
  }
  // With nobody assigned, the managers already heard at level 1: there is no level 2.
  const next = level === 1 && assigneeOf(t) ? nextEscalation(1, t.dueAt, rules.managerAfterHours * HOUR, schedule) : null;
  await deps.atomic([
    deps.db
      .update(followups)
      .set({ escalationLevel: next ? level : 2, nextEscalationAt: next?.at ?? null })
      .where(and(eq(followups.id, id), inArray(followups.status, [...ACTIVE_STATUSES]))),
    logStatement(deps, {
      followupId: id,
      actor: HEARD,
      at: now,
      kind: 'escalated',
      body: to.length ? `Overdue: emailed ${to.join(', ')}.` : 'Overdue, but nobody could be emailed.',
      data: { level, to },
    }),
  ]);
  return results.filter((r) => r.ok).length;
}

/** Sends the escalations that are due; returns how many emails went out. */
export async function escalateDue(deps: Deps, now: number): Promise<number> {
  const due = await deps.db
    .select({ id: followups.id, level: followups.escalationLevel })
    .from(followups)
    .where(and(inArray(followups.status, [...ACTIVE_STATUSES]), lte(followups.nextEscalationAt, now)))
    .orderBy(asc(followups.nextEscalationAt))
    .limit(BATCH);
  if (due.length === 0) return 0;
  const rules = await getRules(deps);
  let sent = 0;
  for (const d of due) {
    if (d.level >= 2) continue;
    // Hold the task: only the run whose update matched sends this level.
    const held = await deps.db
      .update(followups)
      .set({ nextEscalationAt: now + HOLD })
      .where(and(eq(followups.id, d.id), eq(followups.escalationLevel, d.level), lte(followups.nextEscalationAt, now)))
      .returning({ id: followups.id });
    if (held.length) sent += await escalate(deps, rules, d.id, d.level === 0 ? 1 : 2, now);
  }
  return sent;
}
