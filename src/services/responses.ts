// Responses for integrations, newest first, paged by an opaque keyset cursor.
import { and, desc, eq, gte, lt, or, type Column, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import { agents, connections, customers, interactions, interactionTickets, responses, type SurveyKind } from '../db/schema';
import { parseReasonKeys } from './answerDetails';
import { ticketUrlOf } from './connections';
import type { Sentiment } from '../analysers/analyser';
import { base64url, fromBase64url } from '../security/crypto';

export interface ResponseFilter {
  since?: number;
  survey?: SurveyKind;
  agentEmail?: string;
  sentiment?: Sentiment;
  cursor?: { createdAt: number; id: string };
  limit: number;
}

export function encodeCursor(createdAt: number, id: string): string {
  return base64url(new TextEncoder().encode(JSON.stringify([createdAt, id])));
}

export function decodeCursor(text: string): { createdAt: number; id: string } | null {
  try {
    const bytes = fromBase64url(text);
    const value: unknown = bytes && JSON.parse(new TextDecoder().decode(bytes));
    if (Array.isArray(value) && Number.isInteger(value[0]) && typeof value[1] === 'string') {
      return { createdAt: value[0] as number, id: value[1] };
    }
  } catch {
    // fall through: not a cursor this API issued
  }
  return null;
}

/** Rows after a cursor's row in newest-first order: older, or as old with a smaller id. */
export const olderThan = (time: Column, id: Column, at: number, atId: string) => or(lt(time, at), and(eq(time, at), lt(id, atId)))!;

export async function listResponses(deps: Pick<Deps, 'db'>, f: ResponseFilter) {
  const where: SQL[] = [];
  if (f.since !== undefined) where.push(gte(responses.createdAt, f.since));
  if (f.survey) where.push(eq(responses.survey, f.survey));
  if (f.agentEmail) where.push(eq(agents.email, f.agentEmail));
  if (f.sentiment) where.push(eq(responses.sentiment, f.sentiment));
  if (f.cursor) where.push(olderThan(responses.createdAt, responses.id, f.cursor.createdAt, f.cursor.id));
  const rows = await deps.db
    .select({
      id: responses.id,
      survey: responses.survey,
      score: responses.score,
      comment: responses.comment,
      flagged: responses.flagged,
      reasons: responses.reasons,
      resolved: responses.resolved,
      createdAt: responses.createdAt,
      updatedAt: responses.updatedAt,
      sentimentLabel: responses.sentiment,
      sentimentScore: responses.sentimentScore,
      severity: responses.severity,
      language: responses.language,
      interaction: { externalId: interactions.externalId, channel: interactions.channel, closedAt: interactions.closedAt },
      agent: { email: agents.email, name: agents.name },
      customer: { email: customers.email },
      ticketId: interactionTickets.ticketId,
      ticketTemplate: connections.ticketUrl,
    })
    .from(responses)
    .innerJoin(interactions, eq(interactions.id, responses.interactionId))
    .innerJoin(agents, eq(agents.id, responses.agentId))
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .leftJoin(interactionTickets, eq(interactionTickets.interactionId, responses.interactionId))
    .leftJoin(connections, eq(connections.id, interactionTickets.connectionId))
    .where(and(...where))
    .orderBy(desc(responses.createdAt), desc(responses.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ ticketId, ticketTemplate, sentimentLabel, sentimentScore, severity, language, ...r }) => ({
      ...r,
      reasons: parseReasonKeys(r.reasons),
      resolved: r.resolved ?? null,
      ticketUrl: ticketUrlOf({ ticketId, ticketTemplate }),
      // null until the comment is analysed (within a minute), and for answers without a comment.
      sentiment: sentimentLabel ? { label: sentimentLabel, score: sentimentScore, severity, language } : null,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      interaction: { ...r.interaction, closedAt: new Date(r.interaction.closedAt).toISOString() },
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
