// What happens when a customer follows a survey link: clicks are recorded, the page confirms the
// clicked score, the person may submit a score and comment explicitly. Scanner bursts never count.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { agents, customers, interactions, responseEvents, responses, surveyRequests } from '../db/schema';
import { err, ok, type Result } from '../domain/result';
import { isScannerBurst, SCANNER_WINDOW_MS } from '../domain/scanner';
import { base64url, hmac } from '../security/crypto';
import { verifyLink, type LinkError } from '../security/links';

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
  response: { score: number; comment: string | null; flagged: boolean; source: string } | null;
}

export async function openSurvey(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  token: string,
): Promise<Result<SurveyContext, LinkError>> {
  const link = await verifyLink(deps.config.appSecret, 'survey', token, deps.clock());
  if (!link.ok) return link;
  const [row] = await deps.db
    .select({
      requestId: surveyRequests.id,
      survey: surveyRequests.survey,
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
    })
    .from(surveyRequests)
    .innerJoin(interactions, eq(interactions.id, surveyRequests.interactionId))
    .innerJoin(customers, eq(customers.id, surveyRequests.customerId))
    .innerJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(responses, eq(responses.requestId, surveyRequests.id))
    .where(eq(surveyRequests.id, link.value.requestId));
  if (!row) return err('invalid');
  const { score, comment, flagged, source, ...ctx } = row;
  return ok({
    ...ctx,
    response: score === null ? null : { score, comment, flagged: flagged ?? false, source: source ?? 'auto' },
  });
}

/** A keyed hash of the visitor's address: tells visits apart without keeping the address. */
async function hashIp(secret: string, ip: string | null) {
  return ip ? base64url((await hmac(secret, `ip:${ip}`)).slice(0, 12)) : null;
}

async function event(
  deps: Pick<Deps, 'newId' | 'config'>,
  ctx: SurveyContext,
  visitor: Visitor,
  at: number,
  e: { kind: 'click' | 'confirm' | 'submit'; score: number; comment?: string | null; flagged?: boolean },
) {
  return {
    id: deps.newId(),
    requestId: ctx.requestId,
    kind: e.kind,
    score: e.score,
    comment: e.comment ?? null,
    flagged: e.flagged ?? false,
    userAgent: visitor.userAgent?.slice(0, 500) ?? null,
    ipHash: await hashIp(deps.config.appSecret, visitor.ip),
    createdAt: at,
  };
}

async function recentClicks(deps: Pick<Deps, 'db'>, requestId: string, since: number) {
  return deps.db
    .select({ score: responseEvents.score, at: responseEvents.createdAt })
    .from(responseEvents)
    .where(
      and(eq(responseEvents.requestId, requestId), eq(responseEvents.kind, 'click'), gte(responseEvents.createdAt, since)),
    )
    .then((rows) => rows.flatMap((r) => (r.score === null ? [] : [{ score: r.score, at: r.at }])));
}

/**
 * A score link was opened. Stored as an event only; if it completes a scanner burst, an answer
 * the page confirmed automatically is flagged (explicit submissions stay counted).
 */
export async function recordClick(deps: Deps, ctx: SurveyContext, score: number, visitor: Visitor) {
  const now = deps.clock();
  await deps.db.insert(responseEvents).values(await event(deps, ctx, visitor, now, { kind: 'click', score }));
  const clicks = await recentClicks(deps, ctx.requestId, now - SCANNER_WINDOW_MS);
  const burst = isScannerBurst(clicks, now);
  if (burst) {
    await deps.db
      .update(responses)
      .set({ flagged: true })
      .where(and(eq(responses.requestId, ctx.requestId), eq(responses.source, 'auto')));
  }
  return { burst };
}

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
  input: { mode: 'auto' | 'explicit'; score: number; comment?: string | null },
): Promise<Answer> {
  const now = deps.clock();
  const flagged =
    input.mode === 'auto' && isScannerBurst(await recentClicks(deps, ctx.requestId, now - SCANNER_WINDOW_MS), now);
  const comment = input.mode === 'explicit' ? (input.comment?.trim() || null) : undefined;
  const row = {
    id: deps.newId(),
    requestId: ctx.requestId,
    interactionId: ctx.interactionId,
    customerId: ctx.customerId,
    agentId: ctx.agentId,
    teamId: ctx.teamId,
    channel: ctx.channel,
    survey: ctx.survey,
    score: input.score,
    comment: comment ?? null,
    flagged,
    source: input.mode,
    createdAt: now,
    updatedAt: now,
  };
  await deps.atomic([
    deps.db.insert(responseEvents).values(
      await event(deps, ctx, visitor, now, {
        kind: input.mode === 'auto' ? 'confirm' : 'submit',
        score: input.score,
        comment: comment ?? null,
        flagged,
      }),
    ),
    deps.db
      .insert(responses)
      .values(row)
      .onConflictDoUpdate({
        target: responses.requestId,
        set: {
          score: input.score,
          ...(comment === undefined ? {} : { comment }),
          flagged,
          source: input.mode,
          updatedAt: now,
        },
        // A scanner's confirmation must not overwrite what a person submitted.
        setWhere: flagged ? sql`${responses.source} <> 'explicit'` : undefined,
      }),
  ]);
  // What is stored now follows from what was there: only a flagged confirmation over an explicit
  // answer leaves it untouched.
  const before = ctx.response;
  if (flagged && before?.source === 'explicit') return { score: before.score, comment: before.comment, flagged: before.flagged };
  return { score: input.score, comment: comment === undefined ? (before?.comment ?? null) : comment, flagged };
}
