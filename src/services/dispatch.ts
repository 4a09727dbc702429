// Sends due survey requests. Safe to run from several places at once (a timer, a cron trigger,
// two processes): each row is claimed by one conditional update before anything is sent.
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { cleanUpAccess } from './authHousekeeping';
import { agents, customers, interactions, suppressions, surveyRequests } from '../db/schema';
import { CLAIM_TTL, MAX_SEND_ATTEMPTS, retryDelay } from '../domain/schedule';
import { composeSurveyEmail } from '../mail/surveyEmail';
import { countSent, rebuildAbandonedRollups } from './dashboard/rollups';
import { analyseComments } from './insight/analyseComments';
import { runFollowupWork } from './followups/due';
import { emailConnectionAttention } from './connectionAttention';
import { deliverWritebacks } from './writebacks';

import { getSurveyDesign } from './surveyDesign';
import { sendReminders } from './reminders';
import { sendScoreDigests } from './digest/send';
import { advanceImportJobs } from './importer/jobs';
import { restoreBulkIndexes } from '../db/bulkMode';
import { runAlertWork } from './alerts/due';
import { hashedSuppression } from './customers/addressHash';
import { resumeErasures } from './customers/erase';
import { applyRetention } from './retention';
import { refreshCustomers } from './customers/refresh';

const BATCH = 20;
/** Keeps one run short enough for a Worker's scheduled invocation. */
const MAX_PER_RUN = 500;

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
}

async function claimDue(deps: Deps, now: number) {
  const due = or(
    and(eq(surveyRequests.status, 'scheduled'), lte(surveyRequests.sendAfter, now)),
    and(eq(surveyRequests.status, 'sending'), lte(surveyRequests.claimedUntil, now)),
  );
  const ids = deps.db
    .select({ id: surveyRequests.id })
    .from(surveyRequests)
    .where(due)
    .orderBy(asc(surveyRequests.sendAfter))
    .limit(BATCH);
  return deps.db
    .update(surveyRequests)
    .set({ status: 'sending', claimedUntil: now + CLAIM_TTL, attempts: sql`${surveyRequests.attempts} + 1` })
    .where(and(inArray(surveyRequests.id, ids), due))
    .returning({ id: surveyRequests.id, attempts: surveyRequests.attempts });
}

export async function loadFacts(deps: Deps, requestId: string) {
  const [row] = await deps.db
    .select({
      requestId: surveyRequests.id,
      survey: surveyRequests.survey,
      purpose: surveyRequests.purpose,
      customerEmail: customers.email,
      customerName: customers.name,
      customerLocale: customers.locale,
      agentName: agents.name,
      suppression: suppressions.reason,
    })
    .from(surveyRequests)
    .innerJoin(interactions, eq(interactions.id, surveyRequests.interactionId))
    .innerJoin(customers, eq(customers.id, surveyRequests.customerId))
    .innerJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(suppressions, eq(suppressions.email, customers.email))
    .where(eq(surveyRequests.id, requestId));
  // data rights: an address erased since the survey was scheduled is suppressed by its hash.
  if (row && !row.suppression && (await hashedSuppression(deps, row.customerEmail))) return { ...row, suppression: 'erased' as const };
  return row;
}

type Outcome = keyof DispatchReport;

async function sendOne(deps: Deps, claim: { id: string; attempts: number }, now: number): Promise<Outcome> {
  const mine = and(eq(surveyRequests.id, claim.id), eq(surveyRequests.status, 'sending'));
  const finish = (set: Partial<typeof surveyRequests.$inferInsert>) =>
    deps.db.update(surveyRequests).set({ claimedUntil: null, ...set }).where(mine);
  const facts = await loadFacts(deps, claim.id);
  if (!facts) return 'failed';
  // The address may have unsubscribed or bounced since the survey was scheduled.
  if (facts.suppression) {
    await finish({ status: 'suppressed', reason: facts.suppression });
    return 'suppressed';
  }
  const email = await composeSurveyEmail(deps.config, facts, now, await getSurveyDesign(deps));
  const result = await deps.mailer.send(email);
  if (result.ok) {
    // Counted as delivered for the dashboards in the same write, and only if this send took effect.
    await deps.atomic([finish({ status: 'sent', sentAt: now, messageId: result.id, reason: null }), countSent(deps, claim.id, result.id)]);
    return 'sent';
  }
  if (result.retryable && claim.attempts < MAX_SEND_ATTEMPTS) {
    await finish({ status: 'scheduled', sendAfter: now + retryDelay(claim.attempts), reason: result.error });
    return 'retried';
  }
  await finish({ status: 'failed', reason: result.error });
  return 'failed';
}

export async function dispatchSurveys(deps: Deps, now: number): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, retried: 0, failed: 0, suppressed: 0 };
  for (let handled = 0; handled < MAX_PER_RUN; ) {
    const claimed = await claimDue(deps, now);
    if (claimed.length === 0) break;
    handled += claimed.length;
    const outcomes = await Promise.all(
      claimed.map((c) =>
        sendOne(deps, c, now).catch(async (error: unknown) => {
          // An unexpected failure must not leave the row claimed until the TTL runs out.
          await deps.db
            .update(surveyRequests)
            .set({ status: 'scheduled', claimedUntil: null, sendAfter: now + retryDelay(c.attempts), reason: String(error).slice(0, 300) })
            .where(and(eq(surveyRequests.id, c.id), eq(surveyRequests.status, 'sending')));
          return 'retried' as const;
        }),
      ),
    );
    for (const o of outcomes) report[o]++;
  }
  return report;
}

/** Everything time-driven, in one idempotent call: the Node timer and the Workers cron both use it. */
export async function runDueWork(deps: Deps, now: number) {
  return {
    surveys: await dispatchSurveys(deps, now),
    // survey design: reminders to customers who neither opened nor answered.
    reminders: await sendReminders(deps, now),
    access: await cleanUpAccess(deps, now),
    // follow-ups: escalations, digests and outgoing webhooks (recovery surveys go out with the surveys above).
    followups: await runFollowupWork(deps, now),
    // helpdesks: ratings and closed follow-ups written back to tickets.
    writebacks: await deliverWritebacks(deps, now),
    // helpdesks: admins emailed when a connection's credentials were refused.
    connectionAttention: await emailConnectionAttention(deps, now),
    // history import: chunks of confirmed uploads, for up to 10 s per run (the page's own polling does the rest).
    importChunks: await advanceImportJobs(deps, now, 10_000),
    // history import: indexes a large command-line import dropped and could not make again (a crash or a stop).
    bulkIndexes: await restoreBulkIndexes(deps, now),
    // history import: rollup cells such an import held stale, rebuilt.
    bulkRollups: await rebuildAbandonedRollups(deps, now),

    // insight: sentiment and theme phrases of comments saved or imported since the last run.
    insight: await analyseComments(deps),
    // score digest: each manager's weekly (or daily) scores, once per period.
    scoreDigests: await sendScoreDigests(deps, now),
    // alerts: after the analysis, so rules on sentiment and themes see this run's comments.
    alerts: await runAlertWork(deps, now),
    // data rights: erasures a crash or a very large customer left unfinished.
    erasures: await resumeErasures(deps, now),
    retention: await applyRetention(deps, now),
    // customers: the health summaries the customers list reads.
    customers: await refreshCustomers(deps, now),
  };
}
