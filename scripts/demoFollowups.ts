// The follow-up half of `npm run demo`: the recent unhappy answers of the demo history open tasks
// through the real services, on a clock that moves through the last weeks, and people work them as
// a team would: most resolved (their customers answer the recovery survey, most of them won back),
// some unreachable or needing nothing, some in progress, the newest open, and the forgotten ones
// overdue and escalated. So the inbox, a task's log and the report are alive on the first start.
import { inArray, sql } from 'drizzle-orm';
import type { Deps } from '../src/deps';
import { followups, surveyRequests } from '../src/db/schema';
import { ACTIVE_STATUSES } from '../src/domain/followups';
import { DAY_MS } from '../src/domain/timeZone';
import { SCALES, type SurveyKind } from '../src/domain/surveys';
import { addActivity, changeStatus } from '../src/services/followups/actions';
import { escalateDue } from '../src/services/followups/escalations';
import type { Actor } from '../src/services/followups/events';
import { onAnswerSaved } from '../src/services/followups/open';
import { recoveryAnswer } from '../src/services/followups/recovery';
import { getRules } from '../src/services/followups/settings';
import { rng } from './random';

/** How far back answers open tasks: older unhappy answers stay history. */
const WINDOW_DAYS = 21;
const HOUR = 3_600_000;

const OUTCOMES = {
  resolved: [
    'Called the customer, apologised and refunded the second charge.',
    'Fixed the settings together on a call; the customer confirmed it works.',
    'Escalated the bug to engineering, shipped a workaround and told the customer.',
    'Sent a replacement and a discount code; the customer was happy with that.',
  ],
  unreachable: ['Three calls and two emails without an answer.'],
  no_action: ['The customer had already been helped in a newer ticket.'],
};

export interface DemoFollowupCounts {
  opened: number;
  open: number;
  inProgress: number;
  overdue: number;
  escalated: number;
  resolved: number;
  recovered: number;
  closedOther: number;
}

/**
 * Writes the demo's follow-up tasks, once: with tasks already in the database it does nothing.
 * `clock` is the clock the services read; it is moved by hand and left at `now`.
 */
export async function writeDemoFollowups(deps: Deps, clock: { now: number }, now: number, seed = 7): Promise<DemoFollowupCounts | null> {
  const [{ n }] = (await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM followups`)) as [{ n: number }];
  if (n > 0) return null;
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const answers = await deps.db.all<{ requestId: string; at: number }>(
    sql`SELECT request_id AS requestId, created_at AS at FROM responses WHERE created_at > ${now - WINDOW_DAYS * DAY_MS} AND created_at <= ${now} ORDER BY created_at`,
  );
  for (const a of answers) {
    clock.now = a.at;
    await onAnswerSaved(deps, a.requestId, false);
  }

  const rules = await getRules(deps);
  const tasks = await deps.db.all<{ id: string; openedAt: number; survey: SurveyKind; agent: string }>(
    sql`SELECT f.id, f.opened_at AS openedAt, f.survey, coalesce(a.name, a.email) AS agent
      FROM followups f JOIN agents a ON a.id = f.agent_id ORDER BY f.opened_at`,
  );
  const counts: DemoFollowupCounts = { opened: tasks.length, open: 0, inProgress: 0, overdue: 0, escalated: 0, resolved: 0, recovered: 0, closedOther: 0 };
  for (const t of tasks) {
    const age = (now - t.openedAt) / DAY_MS;
    const by: Actor = { id: null, name: t.agent, email: null };
    const roll = random();
    clock.now = t.openedAt + (1 + random() * 6) * HOUR;
    if (age > 5 && roll < 0.8) {
      const status = roll < 0.62 ? 'resolved' : roll < 0.72 ? 'unreachable' : 'no_action';
      await addActivity(deps, t.id, by, 'call', status === 'unreachable' ? 'No answer; left a voicemail.' : 'Spoke to the customer.');
      clock.now += (1 + random() * 20) * HOUR;
      await changeStatus(deps, t.id, by, status, pick(OUTCOMES[status]));
      if (status !== 'resolved') {
        counts.closedOther++;
        continue;
      }
      counts.resolved++;
      // The recovery survey went out when it was due and most customers answered, most of them won back.
      const sentAt = clock.now + rules.recoveryDelayDays * DAY_MS;
      if (!rules.recoveryEnabled || sentAt > now) continue;
      await deps.db
        .update(surveyRequests)
        .set({ status: 'sent', sentAt, messageId: `demo:${t.id}`, attempts: 1 })
        .where(sql`${surveyRequests.followupId} = ${t.id} AND ${surveyRequests.purpose} = 'recovery'`);
      if (random() < 0.25) continue;
      const { min, max } = SCALES[t.survey];
      const won = random() < 0.7;
      const score = won ? max - Math.floor(random() * 2) : min + Math.floor(random() * 2);
      if (won) counts.recovered++;
      const answeredAt = Math.min(now, sentAt + random() * DAY_MS);
      await deps.atomic([recoveryAnswer(deps, t.id, { score, comment: won ? 'Thank you for following up.' : null, flagged: false, source: 'explicit' }, answeredAt)]);
    } else if (age > 1 && roll < 0.9) {
      await addActivity(deps, t.id, by, 'attempt', 'Emailed the customer; waiting for a reply.');
      await changeStatus(deps, t.id, by, 'in_progress', '');
      counts.inProgress++;
    }
  }
  // Whatever is still open past its due time escalates now, as the dispatcher would have done.
  clock.now = now;
  await escalateDue(deps, now);
  const active = await deps.db
    .select({ status: followups.status, dueAt: followups.dueAt, level: followups.escalationLevel })
    .from(followups)
    .where(inArray(followups.status, [...ACTIVE_STATUSES]));
  counts.open = active.filter((f) => f.status === 'open').length;
  counts.overdue = active.filter((f) => f.dueAt < now).length;
  counts.escalated = active.filter((f) => f.level > 0).length;
  return counts;
}
