// The recovery survey: a few days after a task is resolved the customer gets the same one-click
// survey again ("Did we make it right?"). It is a survey_requests row with purpose 'recovery', sent
// by the ordinary dispatcher; its answer is stored on the task, never in `responses`.
import { and, eq, ne, or, isNull, sql } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { followups, surveyRequests } from '../../db/schema';
import { DAY_MS } from '../../domain/timeZone';
import type { SurveyKind } from '../../domain/surveys';

/** Why a recovery survey was held back when its task was reopened. */
export const REOPENED = 'task reopened';

/**
 * Schedules the recovery survey for a resolved task. There is one per interaction: resolving a
 * reopened task schedules the held-back one again; one already sent is not sent twice.
 */
export function scheduleRecovery(
  deps: Pick<Deps, 'db' | 'newId'>,
  task: { id: string; interactionId: string; customerId: string; survey: SurveyKind },
  now: number,
  delayDays: number,
): Statement {
  const sendAfter = now + delayDays * DAY_MS;
  return deps.db
    .insert(surveyRequests)
    .values({
      id: deps.newId(),
      interactionId: task.interactionId,
      customerId: task.customerId,
      survey: task.survey,
      purpose: 'recovery',
      followupId: task.id,
      status: 'scheduled',
      sendAfter,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [surveyRequests.interactionId, surveyRequests.purpose],
      set: { status: 'scheduled', sendAfter, reason: null, followupId: task.id },
      setWhere: and(eq(surveyRequests.status, 'suppressed'), eq(surveyRequests.reason, REOPENED)),
    });
}

/** Holds back a task's recovery survey that has not gone out yet. */
export function holdRecovery(deps: Pick<Deps, 'db'>, followupId: string): Statement {
  return deps.db
    .update(surveyRequests)
    .set({ status: 'suppressed', reason: REOPENED })
    .where(and(eq(surveyRequests.followupId, followupId), eq(surveyRequests.purpose, 'recovery'), eq(surveyRequests.status, 'scheduled')));
}

/**
 * Stores a recovery answer on its task, with the same rules as responses: the latest answer wins,
 * except that a flagged (scanner) confirmation never replaces what a person submitted.
 * `comment` undefined keeps the stored comment.
 */
export function recoveryAnswer(
  deps: Pick<Deps, 'db'>,
  followupId: string,
  a: { score: number; comment: string | null | undefined; flagged: boolean; source: 'auto' | 'explicit' },
  now: number,
): Statement {
  const mine = eq(followups.id, followupId);
  return deps.db
    .update(followups)
    .set({
      recoveryScore: a.score,
      ...(a.comment === undefined ? {} : { recoveryComment: a.comment }),
      recoveryFlagged: a.flagged,
      recoverySource: a.source,
      recoveryAt: now,
      updatedAt: now,
    })
    .where(a.flagged ? and(mine, or(isNull(followups.recoverySource), ne(followups.recoverySource, 'explicit'))) : mine);
}

/** A scanner burst found after the fact: an automatically confirmed recovery answer stops counting. */
export function flagRecovery(deps: Pick<Deps, 'db'>, followupId: string): Statement {
  return deps.db
    .update(followups)
    .set({ recoveryFlagged: true })
    .where(and(eq(followups.id, followupId), eq(followups.recoverySource, 'auto')));
}

/** The stored recovery answer, in the shape the survey pages show. */
export async function storedRecoveryAnswer(deps: Pick<Deps, 'db'>, followupId: string) {
  const [row] = await deps.db
    .select({
      score: followups.recoveryScore,
      comment: followups.recoveryComment,
      flagged: followups.recoveryFlagged,
      source: sql<string>`coalesce(${followups.recoverySource}, 'auto')`,
    })
    .from(followups)
    .where(eq(followups.id, followupId));
  return row && row.score !== null ? { score: row.score, comment: row.comment, flagged: row.flagged, source: row.source } : null;
}
