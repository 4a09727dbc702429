// Reminder emails: the same survey, with the same links (signed at the first send, so they expire
// together), to customers who neither opened nor answered it. Never after an answer, a click, an
// unsubscribe, a bounce or a complaint. Each reminder is claimed by one conditional update and sent
// with its own idempotency key, so overlapping runs and retries send it once.
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { surveyRequests } from '../db/schema';
import { CLAIM_TTL } from '../domain/schedule';
import { MAX_REMINDERS } from '../domain/surveyDesign';
import { composeSurveyEmail } from '../mail/surveyEmail';
import { LINK_LIFETIME } from '../security/links';
import { loadFacts } from './dispatch';
import { getSurveyDesign } from './surveyDesign';

const DAY = 86_400_000;
const BATCH = 50;

export interface ReminderReport {
  sent: number;
  failed: number;
}

/** Requests due for reminder number `k + 1`: emailed (or reminded) long enough ago, still silent, links still good for a day. */
async function dueFor(deps: Deps, k: number, afterMs: number, now: number) {
  return deps.db.all<{ id: string; sentAt: number }>(sql`
    SELECT r.id, r.sent_at AS sentAt FROM survey_requests r
    WHERE r.status = 'sent' AND r.reminders_sent = ${k}
      AND coalesce(r.reminded_at, r.sent_at) <= ${now - afterMs}
      AND r.sent_at > ${now - LINK_LIFETIME.survey + DAY}
      AND r.purpose = 'survey' AND r.delivery = 'email'
      AND (r.reminder_claimed_until IS NULL OR r.reminder_claimed_until <= ${now})
      AND coalesce(r.delivery_status, '') NOT IN ('opened', 'clicked', 'bounced', 'complained')
      AND NOT EXISTS (SELECT 1 FROM responses a WHERE a.request_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM response_events e WHERE e.request_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM suppressions s JOIN customers c ON c.email = s.email WHERE c.id = r.customer_id)
    ORDER BY r.sent_at
    LIMIT ${BATCH}`);
}

export async function sendReminders(deps: Deps, now: number): Promise<ReminderReport> {
  const report: ReminderReport = { sent: 0, failed: 0 };
  const design = await getSurveyDesign(deps);
  const rule = design.reminders;
  const afterMs = rule.afterDays * DAY;
  for (let k = 0; k < Math.min(rule.count, MAX_REMINDERS); k++) {
    for (const due of await dueFor(deps, k, afterMs, now)) {
      const unclaimed = or(isNull(surveyRequests.reminderClaimedUntil), lte(surveyRequests.reminderClaimedUntil, now));
      const claimed = await deps.db
        .update(surveyRequests)
        .set({ reminderClaimedUntil: now + CLAIM_TTL })
        .where(and(eq(surveyRequests.id, due.id), eq(surveyRequests.remindersSent, k), unclaimed))
        .returning({ id: surveyRequests.id });
      if (claimed.length === 0) continue;
      const facts = await loadFacts(deps, due.id);
      const result = facts && !facts.suppression ? await deps.mailer.send(await composeSurveyEmail(deps.config, facts, due.sentAt, design, k + 1)) : null;
      const mine = and(eq(surveyRequests.id, due.id), eq(surveyRequests.remindersSent, k));
      if (result?.ok) {
        await deps.db.update(surveyRequests).set({ remindersSent: k + 1, reminderClaimedUntil: null, remindedAt: now }).where(mine);
        report.sent++;
      } else {
        // Released for the next run; the idempotency key keeps a retried send single. An address
        // suppressed since (an erasure under way, whose steps will delete the request) is no failure.
        await deps.db.update(surveyRequests).set({ reminderClaimedUntil: null }).where(mine);
        if (result) report.failed++;
      }
    }
  }
  return report;
}
