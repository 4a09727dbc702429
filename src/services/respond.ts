// What happens when a customer follows a survey link: clicks are recorded, the page confirms the
// clicked score, the person may submit a score and comment explicitly. Scanner bursts never count.
import { and, eq, gte, sql } from 'drizzle-orm';
import { bind, compiled } from '../db/compiled';
import type { Deps } from '../deps';
import { agents, customers, followupChecks, followupLinks, interactions, responseEvents, responses, surveyRequests, type RequestPurpose } from '../db/schema';
import { err, ok, type Result } from '../domain/result';
import { isScannerBurst, SCANNER_WINDOW_MS, type Click } from '../domain/scanner';
import { withResponseRollup } from './dashboard/rollups';
import { base64url, hmac } from '../security/crypto';
import { verifyLink, type LinkError } from '../security/links';
import { armFollowupCheck, followupCheckNeeded, runFollowupCheck } from './followups/checks';
import { announcesResponses } from './followups/open';
import { getRules } from './followups/settings';
import { armAlertCheck } from './alerts/checks';
import { answerWritebacks, writableTicket } from './writebacks';
import { detailWrites, type AnswerDetails } from './answerDetails';
import { flagRecovery, recoveryAnswer, storedRecoveryAnswer } from './followups/recovery';

export interface Visitor {
  userAgent: string | null;
  ip: string | null;
}

export interface SurveyContext {
  requestId: string;
  survey: 'csat' | 'nps' | 'ces';
  interactionId: string;
  customerId: string;
  customerLocale: string | null;
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  channel: (typeof interactions.$inferSelect)['channel'];
  /** follow-ups: a recovery survey's answer belongs to its task, not to `responses`. */
  purpose: RequestPurpose;
  followupId: string | null;
  /** Clicks on this email's score links within the scanner window before now. */
  recentClicks: Click[];
  responseId: string | null;
  /** follow-ups: a task holds this answer, or a check of an earlier save is still pending. */
  followupPending: boolean;
  /** follow-ups: a webhook waits for answers' first count (`response.created`). */
  announce: boolean;
  /** helpdesks: the interaction's ticket is on a connection that can write answers back. */
  writesBack: boolean;
  response: { score: number; comment: string | null; flagged: boolean; source: string; resolved?: boolean | null } | null;
}

export async function openSurvey(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  token: string,
): Promise<Result<SurveyContext, LinkError>> {
  const link = await verifyLink(deps.config.appSecret, 'survey', token, deps.clock());
  if (!link.ok) return link;
  const [row] = await contextQuery(deps.db).all({ requestId: link.value.requestId, since: deps.clock() - SCANNER_WINDOW_MS });
  if (!row) return err('invalid');
  const { score, comment, flagged, source, resolved, clicks, followupPending, announce, writesBack, ...rest } = row;
  const ctx = { ...rest, followupPending: followupPending === 1, announce: announce === 1, writesBack: writesBack === 1, recentClicks: (JSON.parse(clicks) as Array<[number, number]>).map(([s, at]) => ({ score: s, at })) };
  if (ctx.purpose === 'recovery' && ctx.followupId) {
    return ok({ ...ctx, response: await storedRecoveryAnswer(deps, ctx.followupId) });
  }
  return ok({
    ...ctx,
    response: score === null ? null : { score, comment, flagged: flagged ?? false, source: source ?? 'auto', resolved: resolved ?? null },
  });
}

const p = sql.placeholder;

const contextQuery = compiled((db) =>
  db
    .select({
      requestId: surveyRequests.id,
      survey: surveyRequests.survey,
      purpose: surveyRequests.purpose,
      followupId: surveyRequests.followupId,
      interactionId: interactions.id,
      customerId: customers.id,
      customerLocale: customers.locale,
      agentId: agents.id,
      agentName: agents.name,
      teamId: interactions.teamId,
      channel: interactions.channel,
      score: responses.score,
      comment: responses.comment,
      flagged: responses.flagged,
      source: responses.source,
      resolved: responses.resolved,
      responseId: responses.id,
      // The scanner rule's facts in the same read.
      clicks: sql<string>`(select json_group_array(json_array(e.score, e.created_at)) from ${responseEvents} e
        where e.request_id = ${surveyRequests.id} and e.kind = 'click' and e.score is not null and e.created_at >= ${p('since')})`,
      // What the follow-up check of a save would look at besides the answer (./followups/checks.ts).
      followupPending: sql<number>`(exists (select 1 from ${followupChecks} c where c.request_id = ${surveyRequests.id})
        or exists (select 1 from ${followupLinks} l where l.response_id = ${responses.id}))`,
      announce: announcesResponses,
      writesBack: writableTicket(interactions.id),
    })
    .from(surveyRequests)
    .innerJoin(interactions, eq(interactions.id, surveyRequests.interactionId))
    .innerJoin(customers, eq(customers.id, surveyRequests.customerId))
    .innerJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(responses, eq(responses.requestId, surveyRequests.id))
    .where(eq(surveyRequests.id, p('requestId'))),
);

/**
 * A keyed hash of the visitor's address: tells visits apart without keeping the address. Not cached:
 * the HMAC is 2–6% of a confirmation's in-process server time (bench/caches.ts, same run, eight
 * runs; median about 4%), not enough to keep visitors' addresses in memory.
 */
async function hashIp(secret: string, ip: string | null) {
  return ip ? base64url((await hmac(secret, `ip:${ip}`)).slice(0, 12)) : null;
}

const insertEvent = compiled((db) =>
  db.insert(responseEvents).values({
    id: p('id'),
    requestId: p('requestId'),
    kind: p('kind'),
    score: p('score'),
    comment: p('comment'),
    flagged: p('flagged'),
    userAgent: p('userAgent'),
    ipHash: p('ipHash'),
    createdAt: p('at'),
  }),
);

async function event(
  deps: Pick<Deps, 'db' | 'newId' | 'config'>,
  ctx: SurveyContext,
  visitor: Visitor,
  at: number,
  e: { kind: 'click' | 'confirm' | 'submit'; score: number; comment?: string | null; flagged?: boolean },
) {
  return bind(insertEvent(deps.db), {
    id: deps.newId(),
    requestId: ctx.requestId,
    kind: e.kind,
    score: e.score,
    comment: e.comment ?? null,
    flagged: e.flagged ? 1 : 0,
    userAgent: visitor.userAgent?.slice(0, 500) ?? null,
    ipHash: await hashIp(deps.config.appSecret, visitor.ip),
    at,
  });
}

const clicksSince = compiled((db) =>
  db
    .select({ score: responseEvents.score, at: responseEvents.createdAt })
    .from(responseEvents)
    .where(
      and(
        eq(responseEvents.requestId, p('requestId')),
        eq(responseEvents.kind, 'click'),
        gte(responseEvents.createdAt, p('since')),
      ),
    ),
);

async function recentClicks(deps: Pick<Deps, 'db'>, requestId: string, since: number) {
  const rows = await clicksSince(deps.db).all({ requestId, since });
  return rows.flatMap((r) => (r.score === null ? [] : [{ score: r.score, at: r.at }]));
}

const flagAutoAnswer = compiled((db) =>
  db
    .update(responses)
    // Queued for analysis again (if it has words): the theme cells count its phrases as analysed.
    .set({ flagged: true, analysedAt: null })
    .where(and(eq(responses.requestId, p('requestId')), eq(responses.source, 'auto'))),
);

/**
 * A score link was opened. Stored as an event only; if it completes a scanner burst, an answer
 * the page confirmed automatically is flagged (explicit submissions stay counted).
 */
export async function recordClick(deps: Deps, ctx: SurveyContext, score: number, visitor: Visitor) {
  const now = deps.clock();
  await deps.atomic([await event(deps, ctx, visitor, now, { kind: 'click', score })]);
  const clicks = await recentClicks(deps, ctx.requestId, now - SCANNER_WINDOW_MS);
  const burst = isScannerBurst(clicks, now);
  if (burst && ctx.purpose === 'recovery' && ctx.followupId) {
    await flagRecovery(deps, ctx.followupId);
  } else if (burst) {
    const check = { requestId: ctx.requestId, wasCounted: wasCounted(ctx), armedAt: now };
    await deps.atomic(
      withResponseRollup(deps, ctx.requestId, [bind(flagAutoAnswer(deps.db), { requestId: ctx.requestId }), armFollowupCheck(deps, check)]),
    );
    await runFollowupCheck(deps, check);
  }
  return { burst };
}

/** The three ways an answer is written; each compiled once. */
const upsertAnswer = (variant: 'explicit' | 'auto' | 'flagged') =>
  compiled((db) =>
    db
      .insert(responses)
      .values({
        id: p('id'),
        requestId: p('requestId'),
        interactionId: p('interactionId'),
        customerId: p('customerId'),
        agentId: p('agentId'),
        teamId: p('teamId'),
        channel: p('channel'),
        survey: p('survey'),
        score: p('score'),
        comment: p('comment'),
        flagged: p('flagged'),
        source: p('source'),
        createdAt: p('now'),
        updatedAt: p('now'),
      })
      .onConflictDoUpdate({
        target: responses.requestId,
        set: {
          score: sql`excluded.score`,
          // Only a person's submission replaces the comment; the page's confirmation keeps it.
          ...(variant === 'explicit' ? { comment: sql`excluded.comment` } : {}),
          flagged: sql`excluded.flagged`,
          source: sql`excluded.source`,
          updatedAt: sql`excluded.updated_at`,
        },
        // An answer confirmed again as it stands (a page reopened, a second click) leaves the row as
        // it is: no index entry rewritten, no comment queued for analysis again. The event records it.
        // A scanner's confirmation must not overwrite what a person submitted.
        setWhere: and(
          variant === 'flagged' ? sql`${responses.source} <> 'explicit'` : undefined,
          sql`(${responses.score} IS NOT excluded.score OR ${responses.flagged} IS NOT excluded.flagged OR ${responses.source} IS NOT excluded.source${
            variant === 'explicit' ? sql` OR ${responses.comment} IS NOT excluded.comment` : sql``
          })`,
        ),
      }),
  );
const upserts = { explicit: upsertAnswer('explicit'), auto: upsertAnswer('auto'), flagged: upsertAnswer('flagged') };

export type Answer = { score: number; comment: string | null; flagged: boolean };

/**
 * Stores an answer. `auto` is the page confirming the clicked score after it was visible for a
 * moment; it is flagged when it falls in a scanner burst, and never replaces an explicit answer
 * while flagged. `explicit` is a person pressing submit: it always counts and replaces the comment.
 */
export async function saveAnswer(
  deps: Deps,
  ctx: SurveyContext,
  visitor: Visitor,
  input: { mode: 'auto' | 'explicit'; score: number; comment?: string | null; details?: AnswerDetails },
): Promise<Answer> {
  const now = deps.clock();
  const flagged = input.mode === 'auto' && isScannerBurst(ctx.recentClicks, now);
  const comment = input.mode === 'explicit' ? (input.comment?.trim() || null) : undefined;
  const variant = input.mode === 'explicit' ? 'explicit' : flagged ? 'flagged' : 'auto';
  const recovery = ctx.purpose === 'recovery' && ctx.followupId;
  // A new answer gets a new id; a changed one keeps the id it had (the upsert leaves it).
  const newId = deps.newId();
  const responseId = ctx.responseId ?? newId;
  const check = { requestId: ctx.requestId, wasCounted: wasCounted(ctx), armedAt: now };
  // What is stored after this save follows from what was there: only a flagged confirmation over
  // an explicit answer leaves it untouched.
  const before = ctx.response;
  const stored =
    flagged && before?.source === 'explicit'
      ? { score: before.score, comment: before.comment, flagged: before.flagged }
      : { score: input.score, comment: comment === undefined ? (before?.comment ?? null) : comment, flagged };
  const resolved = input.details ? input.details.resolved : (before?.resolved ?? null);
  // The answer confirmed again as it stands (the upsert then leaves the row): its check and alert
  // ran when it last changed. Its markers are armed only if another save changed it since this read.
  const unchanged =
    !recovery && !input.details && before !== null && before.source === input.mode && before.score === stored.score &&
    before.flagged === stored.flagged && before.comment === stored.comment;
  // follow-ups: most answers can open, change or announce nothing; they skip the check (see followupCheckNeeded).
  // Rules that cannot be read are no reason to fail the answer: then the check runs as always.
  const rules = recovery || unchanged ? null : await getRules(deps).catch(() => undefined);
  const checkNow = !recovery && !unchanged && (!rules || followupCheckNeeded(ctx, check, rules, { survey: ctx.survey, resolved, ...stored }));
  const writes = [
    await event(deps, ctx, visitor, now, {
      kind: input.mode === 'auto' ? 'confirm' : 'submit',
      score: input.score,
      comment: comment ?? null,
      flagged,
    }),
    recovery
      ? recoveryAnswer(deps, recovery, { score: input.score, comment, flagged, source: input.mode }, now)
      : bind(upserts[variant](deps.db), {
          id: newId,
          requestId: ctx.requestId,
          interactionId: ctx.interactionId,
          customerId: ctx.customerId,
          agentId: ctx.agentId,
          teamId: ctx.teamId,
          channel: ctx.channel,
          survey: ctx.survey,
          score: input.score,
          comment: comment ?? null,
          flagged: flagged ? 1 : 0,
          source: input.mode,
          now,
        }),
    // helpdesks: the rating goes back to the ticket, in the same write as the answer.
    ...(recovery ? [] : answerWritebacks(deps, ctx, { score: input.score, comment, flagged }, now)),
    // survey design: reasons and "resolved" come with an explicit answer, in the same write.
    ...(input.details && !recovery ? detailWrites(deps, ctx.requestId, input.details, now) : []),
    // alerts: checked by runDueWork; a scanner's confirmation never alerts.
    ...(recovery || flagged ? [] : [armAlertCheck(deps, { requestId: ctx.requestId, at: now, explicit: input.mode === 'explicit', ifChanged: unchanged })]),
  ];
  // The dashboards' rollups and the follow-up check go in the same write as the answer (recovery
  // answers are not responses).
  await deps.atomic(recovery ? writes : withResponseRollup(deps, ctx.requestId, [...writes, armFollowupCheck(deps, check, { ifPending: !checkNow, ifChanged: unchanged })]));
  // follow-ups: a failure here does not fail the customer's request; runDueWork retries the check.
  if (checkNow) {
    const { customerId, agentId, teamId, interactionId, survey } = ctx;
    await runFollowupCheck(deps, check, { id: responseId, survey, customerId, agentId, teamId, interactionId, resolved, ...stored }, rules ?? undefined);
  }
  return stored;
}

/** Whether the request had a counted answer before this save. */
const wasCounted = (ctx: SurveyContext) => ctx.response !== null && !ctx.response.flagged;
