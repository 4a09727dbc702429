// The score digest step of runDueWork: each person whose digest is due gets one email per period.
// The (person, period) row in score_digests is the claim and the record: a conditional upsert
// takes it, so two runs at once (or two processes on one database) never both send; a retryable
// failure leaves it pending with a backoff; the mailer's idempotency key covers a crash between
// sending and writing the outcome. A period with nothing to say is recorded as skipped.
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { scoreDigests, users, userTeams } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { digestDueAt, digestPeriod, frequencyOf, nothingToSay, periodKey, type DigestFrequency } from '../../domain/digest';
import type { DayRange } from '../../domain/period';
import { retryDelay } from '../../domain/schedule';
import { dayNumber } from '../../domain/timeZone';
import { pickLocale, type Locale } from '../../i18n';
import { composeScoreDigestEmail } from '../../mail/scoreDigestEmail';
import { withDataImages, type OutgoingEmail, type SendResult } from '../../mail/types';
import { toBase64 } from '../../security/crypto';
import { getScoreDigest, type ScoreDigest } from './report';

const CLAIM_TTL = 5 * 60_000;
/** Like survey requests: about four hours of retries, then the period is given up as failed. */
const MAX_ATTEMPTS = 8;

export interface DigestRecipient extends SessionUser {
  locale: Locale;
  frequency: DigestFrequency;
  weekday: number;
  hour: number;
  /** The zone the chosen hour is read in: the one their teams' schedules share, else TIME_ZONE. */
  zone: string;
}

type DigestDeps = Pick<Deps, 'db' | 'config' | 'atomic' | 'clock' | 'mailer'>;

/** Active managers and admins with their digest settings; `only` narrows to one person. */
export async function findRecipients(deps: Pick<Deps, 'db' | 'config'>, only?: string): Promise<DigestRecipient[]> {
  const rows = await deps.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      allTeams: users.allTeams,
      locale: users.locale,
      digest: users.digest,
      weekday: users.digestWeekday,
      hour: users.digestHour,
      teamIds: sql<string | null>`(select group_concat(${userTeams.teamId}) from ${userTeams} where ${userTeams.userId} = ${users.id})`,
      // Written out in full: drizzle leaves column names unqualified inside sql``, ambiguous in a join.
      zones: sql<string | null>`(select group_concat(distinct ts.time_zone) from team_schedules ts join user_teams ut on ut.team_id = ts.team_id where ut.user_id = "users"."id")`,
    })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['manager', 'admin']), only ? eq(users.id, only) : undefined));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    allTeams: r.allTeams,
    agentId: null,
    teamIds: r.teamIds ? r.teamIds.split(',') : [],
    locale: pickLocale(r.locale),
    frequency: frequencyOf(r.role, r.digest),
    weekday: r.weekday,
    hour: r.hour,
    zone: r.zones && !r.zones.includes(',') && r.role === 'manager' ? r.zones : deps.config.timeZone,
  }));
}

/** The period a digest covers now: its frequency's last complete period (weekly when turned off, for previews). */
export function currentPeriod(deps: Pick<Deps, 'config'>, r: DigestRecipient, now: number) {
  const frequency = r.frequency === 'daily' ? 'daily' : 'weekly';
  const range = digestPeriod(frequency, dayNumber(now, deps.config.timeZone));
  return { frequency, range, key: periodKey(frequency, range) } as const;
}

/** The digest and its email, ready for the mailer. */
export async function buildDigestEmail(
  deps: DigestDeps,
  r: DigestRecipient,
  p: { frequency: 'daily' | 'weekly'; range: DayRange },
  now: number,
): Promise<{ digest: ScoreDigest; email: Omit<OutgoingEmail, 'idempotencyKey'> }> {
  const digest = await getScoreDigest(deps, r, p.frequency, p.range, now);
  const { email, inline } = await composeScoreDigestEmail(digest, r.locale, deps.config.minSample);
  return { digest, email: { to: r.email, from: deps.config.mailFrom, ...email, headers: {}, inline } };
}

/** Takes this period's digest unless another run holds it, it is waiting out a backoff, or it is finished. */
async function claim(deps: Pick<Deps, 'db'>, userId: string, period: string, now: number): Promise<{ attempts: number } | null> {
  const [row] = await deps.db
    .insert(scoreDigests)
    .values({ userId, period, status: 'pending', nextAttemptAt: now, claimedUntil: now + CLAIM_TTL })
    .onConflictDoUpdate({
      target: [scoreDigests.userId, scoreDigests.period],
      set: { claimedUntil: now + CLAIM_TTL },
      setWhere: and(
        eq(scoreDigests.status, 'pending'),
        lte(scoreDigests.nextAttemptAt, now),
        or(isNull(scoreDigests.claimedUntil), lte(scoreDigests.claimedUntil, now)),
      ),
    })
    .returning({ attempts: scoreDigests.attempts });
  return row ?? null;
}

async function finish(deps: Pick<Deps, 'db'>, userId: string, period: string, set: Partial<typeof scoreDigests.$inferInsert>) {
  await deps.db
    .update(scoreDigests)
    .set({ claimedUntil: null, ...set })
    .where(and(eq(scoreDigests.userId, userId), eq(scoreDigests.period, period)));
}

function outcome(result: SendResult, attempts: number, now: number): Partial<typeof scoreDigests.$inferInsert> {
  if (result.ok) return { status: 'sent', doneAt: now, attempts, lastError: null };
  if (result.retryable && attempts < MAX_ATTEMPTS) return { status: 'pending', attempts, nextAttemptAt: now + retryDelay(attempts), lastError: result.error };
  return { status: 'failed', doneAt: now, attempts, lastError: result.error };
}

export interface DigestRunReport {
  sent: number;
  skipped: number;
  failed: number;
}

/** Sends the digests that are due now. */
export async function sendScoreDigests(deps: DigestDeps, now: number): Promise<DigestRunReport> {
  const report: DigestRunReport = { sent: 0, skipped: 0, failed: 0 };
  for (const r of await findRecipients(deps)) {
    if (r.frequency === 'off') continue;
    if (now < digestDueAt({ frequency: r.frequency, weekday: r.weekday, hour: r.hour }, now, r.zone)) continue;
    const p = currentPeriod(deps, r, now);
    // Cheap check first: most runs find this period's digest finished or waiting.
    const [done] = await deps.db
      .select({ status: scoreDigests.status, nextAttemptAt: scoreDigests.nextAttemptAt })
      .from(scoreDigests)
      .where(and(eq(scoreDigests.userId, r.id), eq(scoreDigests.period, p.key)));
    if (done && (done.status !== 'pending' || done.nextAttemptAt > now)) continue;
    const held = await claim(deps, r.id, p.key, now);
    if (!held) continue;
    try {
      const { digest, email } = await buildDigestEmail(deps, r, p, now);
      const answers = digest.overview.responses.now;
      if (nothingToSay({ answers, openFollowups: digest.followups.open })) {
        await finish(deps, r.id, p.key, { status: 'skipped', doneAt: now });
        report.skipped++;
        continue;
      }
      const attempts = held.attempts + 1;
      const result = await deps.mailer.send({ ...email, idempotencyKey: `score-digest/${r.id}/${p.key}` });
      const set = outcome(result, attempts, now);
      await finish(deps, r.id, p.key, set);
      if (set.status === 'sent') report.sent++;
      if (set.status === 'failed') report.failed++;
    } catch (error) {
      // A bug or a database hiccup while reading the numbers: the same backoff as a provider failure.
      const attempts = held.attempts + 1;
      await finish(deps, r.id, p.key, outcome({ ok: false, retryable: true, error: String(error).slice(0, 300) }, attempts, now));
    }
  }
  return report;
}

/** "Send me a preview": this period's digest to the person asking, whatever their setting and even when quiet. */
export async function sendDigestPreview(deps: DigestDeps, userId: string, now: number): Promise<{ result: SendResult; to: string; subject: string } | null> {
  const [r] = await findRecipients(deps, userId);
  if (!r) return null;
  const p = currentPeriod(deps, r, now);
  const { email } = await buildDigestEmail(deps, r, p, now);
  // One preview per minute at most: a double click (or a retried request) sends once.
  const result = await deps.mailer.send({ ...email, idempotencyKey: `score-digest-preview/${r.id}/${p.key}/${Math.floor(now / 60_000)}` });
  return { result, to: r.email, subject: email.subject };
}

/** This period's digest of the person asking as one HTML page, its charts as data: URIs, for a browser. */
export async function previewDigestHtml(deps: DigestDeps, userId: string, now: number): Promise<string | null> {
  const [r] = await findRecipients(deps, userId);
  if (!r) return null;
  const { email } = await buildDigestEmail(deps, r, currentPeriod(deps, r, now), now);
  return withDataImages(email.html, email.inline, toBase64);
}
