// The follow-up check of an answer as a durable job. The answer's own atomic write arms a marker
// (followup_checks); the check runs right after the write and removes the marker; if it fails, or
// the process dies first, runDueWork runs it again with backoff. So a detractor always gets a task.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { followupChecks, followupLinks, responses } from '../../db/schema';
import { triggerOf, type FollowupRules } from '../../domain/followups';
import { CLAIM_TTL, retryDelay } from '../../domain/schedule';
import { onAnswerSaved, type SavedAnswer } from './open';

const p = sql.placeholder;
const BATCH = 50;

const rearm = {
  // An answer still unchecked was not announced yet: the earliest save's view wins.
  wasCounted: sql`min(${followupChecks.wasCounted}, excluded.was_counted)`,
  armedAt: sql`excluded.armed_at`,
  attempts: 0,
  nextAttemptAt: sql`excluded.next_attempt_at`,
  lastError: null,
};

const arm = compiled((db) =>
  db
    .insert(followupChecks)
    .values({ requestId: p('requestId'), wasCounted: p('wasCounted'), armedAt: p('now'), attempts: 0, nextAttemptAt: p('leaseUntil') })
    .onConflictDoUpdate({ target: followupChecks.requestId, set: rearm }),
);

// The same marker, armed only when a check of an earlier save is pending or a task holds the
// answer by the time the write runs: a save that skipped its check (followupCheckNeeded) then
// leaves the task to runDueWork, which reads what is stored.
const armIfPending = compiled((db) =>
  db
    .insert(followupChecks)
    .select(
      sql`select ${p('requestId')}, ${p('wasCounted')}, ${p('now')}, 0, ${p('leaseUntil')}, null
      where exists (select 1 from ${followupChecks} c where c.request_id = ${p('requestId')})
        or exists (select 1 from ${followupLinks} l join ${responses} r on r.id = l.response_id where r.request_id = ${p('requestId')})`,
    )
    .onConflictDoUpdate({ target: followupChecks.requestId, set: rearm }),
);

// The same, and only if this write changed the stored answer (the upsert sets updated_at to the
// write's time only then): a save that found the answer as it stands skips its check, and arms one
// only if another save changed the answer between its read and its write.
const armIfPendingAndChanged = compiled((db) =>
  db
    .insert(followupChecks)
    .select(
      sql`select ${p('requestId')}, ${p('wasCounted')}, ${p('now')}, 0, ${p('leaseUntil')}, null
      where exists (select 1 from ${responses} r where r.request_id = ${p('requestId')} and r.updated_at = ${p('now')})
        and (exists (select 1 from ${followupChecks} c where c.request_id = ${p('requestId')})
          or exists (select 1 from ${followupLinks} l join ${responses} r on r.id = l.response_id where r.request_id = ${p('requestId')}))`,
    )
    .onConflictDoUpdate({ target: followupChecks.requestId, set: rearm }),
);

// Removes the marker only if no later save re-armed it meanwhile.
const disarm = compiled((db) =>
  db.delete(followupChecks).where(and(eq(followupChecks.requestId, p('requestId')), eq(followupChecks.armedAt, p('armedAt')))),
);

export interface ArmedCheck {
  requestId: string;
  wasCounted: boolean;
  armedAt: number;
}

/**
 * The marker to put in the answer's atomic write. Its first attempt belongs to the request that
 * saved the answer: runDueWork leaves it alone for one claim period. `ifPending`: only when
 * something already waits on the answer (for saves that skip their check); `ifChanged` as well: only
 * when the write changed the stored answer (for saves that found it as they would store it).
 */
export function armFollowupCheck(deps: Pick<Deps, 'db'>, check: ArmedCheck, opts: { ifPending?: boolean; ifChanged?: boolean } = {}): Statement {
  return bind((opts.ifChanged ? armIfPendingAndChanged : opts.ifPending ? armIfPending : arm)(deps.db), {
    requestId: check.requestId,
    wasCounted: check.wasCounted ? 1 : 0,
    now: check.armedAt,
    leaseUntil: check.armedAt + CLAIM_TTL,
  });
}

/** Runs one check; on failure the marker stays, due again after a backoff. Never throws. */
export async function runFollowupCheck(
  deps: Deps,
  check: ArmedCheck & { attempts?: number },
  saved?: SavedAnswer,
  rules?: FollowupRules,
): Promise<boolean> {
  try {
    const done = bind(disarm(deps.db), { requestId: check.requestId, armedAt: check.armedAt });
    if (!(await onAnswerSaved(deps, check.requestId, check.wasCounted, saved, rules, [done]))) await deps.atomic([done]);
    return true;
  } catch (error) {
    console.error('follow-up check failed, will retry:', error);
    const attempts = (check.attempts ?? 0) + 1;
    await deps.db
      .update(followupChecks)
      .set({ attempts, nextAttemptAt: deps.clock() + retryDelay(attempts), lastError: String(error).slice(0, 300) })
      .where(and(eq(followupChecks.requestId, check.requestId), eq(followupChecks.armedAt, check.armedAt)))
      .catch((e: unknown) => console.error('follow-up check: could not record the failure:', e));
    return false;
  }
}

/**
 * Whether a save must run the follow-up check: only when it can open, change or announce
 * something, which most answers cannot. Not when the stored answer opens no task under the rules,
 * no task holds it, no earlier check of it is pending and no webhook waits for its first count.
 * Skipping saves a read and a second write per answer; a task or check that appears between the
 * read behind `pending` and the write is caught by the conditional marker (armIfPending).
 */
export function followupCheckNeeded(
  facts: { followupPending: boolean; announce: boolean },
  check: ArmedCheck,
  rules: FollowupRules,
  stored: Parameters<typeof triggerOf>[1],
): boolean {
  if (facts.followupPending || triggerOf(rules, stored)) return true;
  return facts.announce && !stored.flagged && !check.wasCounted;
}

export interface CheckReport {
  checked: number;
  failed: number;
}

/** Runs the checks that are due: failed ones after their backoff, abandoned ones after the claim period. */
export async function drainFollowupChecks(deps: Deps, now: number): Promise<CheckReport> {
  const report: CheckReport = { checked: 0, failed: 0 };
  const due = await deps.db
    .select()
    .from(followupChecks)
    .where(lte(followupChecks.nextAttemptAt, now))
    .orderBy(asc(followupChecks.nextAttemptAt))
    .limit(BATCH);
  for (const check of due) {
    // Claimed by a conditional write first, so two dispatchers never run the same check at once.
    const claimed = await deps.db
      .update(followupChecks)
      .set({ nextAttemptAt: now + CLAIM_TTL })
      .where(and(eq(followupChecks.requestId, check.requestId), eq(followupChecks.armedAt, check.armedAt), lte(followupChecks.nextAttemptAt, now)))
      .returning({ requestId: followupChecks.requestId });
    if (claimed.length === 0) continue;
    report[(await runFollowupCheck(deps, check)) ? 'checked' : 'failed']++;
  }
  return report;
}
