// The daily digest: each manager with open tasks in their teams gets one email per local day,
// from the configured hour on, however often the job runs. The (manager, day) row is the claim.
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { followupDigests, users, userTeams } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { digestDay, digestDue } from '../../domain/escalation';
import { renderDigestEmail } from '../../mail/templates/FollowupEmails';
import { taskLine } from './escalations';
import { countActive, listTasks } from './queries';
import { getRules } from './settings';

const CLAIM_TTL = 5 * 60_000;
const LISTED = 20;

async function managers(deps: Pick<Deps, 'db'>): Promise<SessionUser[]> {
  const rows = await deps.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      allTeams: users.allTeams,
      teamIds: sql<string | null>`(select group_concat(${userTeams.teamId}) from ${userTeams} where ${userTeams.userId} = ${users.id})`,
    })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.active, true)));
  return rows.map((r) => ({ ...r, role: 'manager', agentId: null, teamIds: r.teamIds ? r.teamIds.split(',') : [] }));
}

/** Takes today's digest for a manager unless another run has it or it went out. */
async function claim(deps: Pick<Deps, 'db'>, userId: string, day: string, now: number): Promise<boolean> {
  const rows = await deps.db
    .insert(followupDigests)
    .values({ userId, day, claimedUntil: now + CLAIM_TTL })
    .onConflictDoUpdate({
      target: [followupDigests.userId, followupDigests.day],
      set: { claimedUntil: now + CLAIM_TTL },
      setWhere: and(isNull(followupDigests.sentAt), or(isNull(followupDigests.claimedUntil), lte(followupDigests.claimedUntil, now))),
    })
    .returning({ userId: followupDigests.userId });
  return rows.length > 0;
}

/** Sends today's digests that are due; returns how many went out. */
export async function sendDigests(deps: Deps, now: number): Promise<number> {
  const tz = deps.config.timeZone;
  const rules = await getRules(deps);
  if (!digestDue(now, tz, rules.digestHour)) return 0;
  const day = digestDay(now, tz);
  let sent = 0;
  for (const manager of await managers(deps)) {
    // Cheap check first: most runs of the day find every digest already sent.
    const [done] = await deps.db
      .select({ sentAt: followupDigests.sentAt })
      .from(followupDigests)
      .where(and(eq(followupDigests.userId, manager.id), eq(followupDigests.day, day)));
    if (done?.sentAt) continue;
    const counts = await countActive(deps, manager, now);
    if (counts.active === 0 || !(await claim(deps, manager.id, day, now))) continue;
    const listed = await listTasks(deps, manager, { status: 'active', order: 'due', limit: LISTED }, now);
    const email = await renderDigestEmail({
      name: manager.name,
      day,
      open: counts.active,
      overdue: counts.overdue,
      tasks: listed.rows.map((t) => taskLine(t, now, deps.config.publicUrl, tz)),
      inboxUrl: `${deps.config.publicUrl}/follow-ups`,
    });
    const result = await deps.mailer.send({
      to: manager.email,
      from: deps.config.mailFrom,
      ...email,
      headers: {},
      idempotencyKey: `followup-digest/${manager.id}/${day}`,
    });
    const mine = and(eq(followupDigests.userId, manager.id), eq(followupDigests.day, day));
    if (result.ok) {
      await deps.db.update(followupDigests).set({ sentAt: now, claimedUntil: null }).where(mine);
      sent++;
    } else if (result.retryable) {
      await deps.db.update(followupDigests).set({ claimedUntil: null }).where(mine);
    } else {
      // A permanent failure (a bad address): do not try again today.
      await deps.db.update(followupDigests).set({ sentAt: now, claimedUntil: null }).where(mine);
    }
  }
  return sent;
}
