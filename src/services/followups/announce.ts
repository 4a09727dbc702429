// A task's webhook event (followup.opened, followup.closed) as a durable job, like an answer's
// check (./checks.ts): a marker rides in the write that opens or closes the task, only when a
// webhook listens; right after the commit it becomes the queued deliveries in one write that also
// removes it. If that fails, or the process dies first, runDueWork does it later. The deliveries'
// ids come from the event's key, so turning a marker into deliveries twice queues nothing more.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { followupAnnouncements } from '../../db/schema';
import { STATUS_LABELS } from '../../domain/followups';
import { CLAIM_TTL, retryDelay } from '../../domain/schedule';
import { escapeSlack } from '../../domain/slackText';
import { getTask, toApi } from './queries';
import { listens, queueEvent, type OutgoingEvent } from './webhooks';

export type TaskEventType = 'followup.opened' | 'followup.closed';

export interface TaskEvent {
  key: string;
  followupId: string;
  type: TaskEventType;
  /** When the task opened or closed. */
  at: number;
}

type D = Pick<Deps, 'db' | 'atomic' | 'clock' | 'config'>;

const p = sql.placeholder;
const BATCH = 50;

// Both compiled once: they ride with every task an answer opens while a webhook listens.
const mark = compiled((db) =>
  db
    .insert(followupAnnouncements)
    .values({ key: p('key'), followupId: p('followupId'), type: p('type'), at: p('at'), attempts: 0, nextAttemptAt: p('leaseUntil') })
    .onConflictDoNothing(),
);
const unmark = compiled((db) => db.delete(followupAnnouncements).where(eq(followupAnnouncements.key, p('key'))));

/**
 * The event of a task that opens or closes at `at`, or null when no active webhook listens for it
 * (most installs): then nothing more is written or read. A task can close, reopen and close
 * again: each closing is its own event.
 */
export async function plannedTaskEvent(deps: Pick<Deps, 'db'>, followupId: string, type: TaskEventType, at: number): Promise<TaskEvent | null> {
  if (!(await listens(deps, type))) return null;
  const key = type === 'followup.opened' ? `${type}/${followupId}` : `${type}/${followupId}/${at}`;
  return { key, followupId, type, at };
}

/**
 * The marker to put in the task's own write. Its first attempt belongs to the caller (announceTaskEvent
 * right after the commit): runDueWork leaves it alone for one claim period.
 */
export function markTaskEvent(deps: Pick<Deps, 'db'>, e: TaskEvent): Statement {
  return bind(mark(deps.db), { key: e.key, followupId: e.followupId, type: e.type, at: e.at, leaseUntil: e.at + CLAIM_TTL });
}

/** The event with the task as stored; null when the task is gone (erased). */
async function describe(deps: Pick<Deps, 'db' | 'config'>, e: TaskEvent): Promise<OutgoingEvent | null> {
  const task = await getTask(deps, e.followupId);
  if (!task) return null;
  const view = toApi(task, e.at, deps.config.publicUrl);
  const email = escapeSlack(view.customer.email);
  const who = view.customer.name ? `${escapeSlack(view.customer.name)} (${email})` : email;
  const text =
    e.type === 'followup.opened'
      ? `New follow-up: ${who} answered ${view.response.score} (${view.response.survey.toUpperCase()}). ${view.url}`
      : `Follow-up closed as ${STATUS_LABELS[view.status]}: ${who}. ${view.url}`;
  return { key: e.key, type: e.type, at: e.at, data: { followup: view }, text };
}

/** Queues the event's deliveries and removes its marker, in one write. On failure the marker stays, due after a backoff. Never throws. */
export async function announceTaskEvent(deps: D, e: TaskEvent, attempts = 0): Promise<boolean> {
  try {
    const event = await describe(deps, e);
    await deps.atomic([...(event ? [queueEvent(deps, event)] : []), bind(unmark(deps.db), { key: e.key })]);
    return true;
  } catch (error) {
    console.error(`${e.type} webhook event: queuing failed, will retry:`, error);
    const tries = attempts + 1;
    await deps.db
      .update(followupAnnouncements)
      .set({ attempts: tries, nextAttemptAt: deps.clock() + retryDelay(tries), lastError: String(error).slice(0, 300) })
      .where(eq(followupAnnouncements.key, e.key))
      .catch((err: unknown) => console.error(`${e.type} webhook event: could not record the failure:`, err));
    return false;
  }
}

export interface AnnounceReport {
  announced: number;
  failed: number;
}

/** Queues the events whose first attempt failed (after their backoff) or never ran (after the claim period). */
export async function drainTaskEvents(deps: D, now: number): Promise<AnnounceReport> {
  const report: AnnounceReport = { announced: 0, failed: 0 };
  const due = await deps.db
    .select()
    .from(followupAnnouncements)
    .where(lte(followupAnnouncements.nextAttemptAt, now))
    .orderBy(asc(followupAnnouncements.nextAttemptAt))
    .limit(BATCH);
  for (const m of due) {
    // Claimed by a conditional write first, so two dispatchers do not both describe the same task.
    const claimed = await deps.db
      .update(followupAnnouncements)
      .set({ nextAttemptAt: now + CLAIM_TTL })
      .where(and(eq(followupAnnouncements.key, m.key), lte(followupAnnouncements.nextAttemptAt, now)))
      .returning({ key: followupAnnouncements.key });
    if (claimed.length === 0) continue;
    report[(await announceTaskEvent(deps, m, m.attempts)) ? 'announced' : 'failed']++;
  }
  return report;
}
