// Everything Heard holds about one customer, as one JSON document written piece by piece: the
// interactions are read a page at a time (with their surveys, answers, events and themes), then
// the follow-up tasks with their activity, then copies of emails sent to them. Memory stays
// bounded by a page whatever the customer's history; the shape is `CustomerExport` in shapes.ts.
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import {
  agents,
  connections,
  customerEvents,
  customers,
  followupEvents,
  followups,
  hashedSuppressions,
  interactions,
  interactionTickets,
  outbox,
  responseEvents,
  responsePhrases,
  responses,
  suppressions,
  surveyRequests,
  teams,
} from '../../db/schema';
import { addressHash, normaliseAddress } from './addressHash';
import type { CustomerRef } from './erase';

const PAGE = 100;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const inJson = (column: unknown, ids: readonly string[]) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
const groupBy = <T, K>(rows: T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/** The customer's export as chunks of JSON text, or null when Heard holds nothing under the address. */
export async function exportCustomer(deps: Pick<Deps, 'db' | 'config' | 'clock'>, ref: CustomerRef): Promise<AsyncGenerator<string> | null> {
  const [customer] = await deps.db
    .select()
    .from(customers)
    .where('email' in ref ? eq(customers.email, normaliseAddress(ref.email)) : eq(customers.id, ref.id));
  if (!customer) return null;
  return document(deps, customer);
}

async function* document(deps: Pick<Deps, 'db' | 'config' | 'clock'>, customer: typeof customers.$inferSelect): AsyncGenerator<string> {
  const { db } = deps;
  const [plain] = await db.select().from(suppressions).where(eq(suppressions.email, customer.email));
  const [hashed] = await db
    .select()
    .from(hashedSuppressions)
    .where(eq(hashedSuppressions.hash, await addressHash(deps.config.appSecret, customer.email)));
  const suppression = plain ?? hashed;
  const churn = await db.select().from(customerEvents).where(eq(customerEvents.customerId, customer.id)).orderBy(asc(customerEvents.at));
  const head = {
    exportedAt: iso(deps.clock()),
    customer: { id: customer.id, email: customer.email, name: customer.name, locale: customer.locale, createdAt: iso(customer.createdAt) },
    suppression: suppression ? { reason: suppression.reason, since: iso(suppression.createdAt) } : null,
    churnEvents: churn.map((e) => ({ type: e.type, at: iso(e.at), reason: e.reason, source: e.source, recordedAt: iso(e.createdAt) })),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"interactions":[`;
  yield* list(interactionPages(deps, customer.id));
  yield '],"followups":[';
  yield* list(followupPages(deps, customer.id));
  yield '],"emails":[';
  yield* list(emailPages(deps, customer.email));
  yield ']}';
}

/** The items of pages as the inside of a JSON array. */
async function* list(pages: AsyncGenerator<unknown[]>): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield (first ? '' : ',') + page.map((item) => JSON.stringify(item)).join(',');
    first = false;
  }
}

type Cursor = { closedAt: number; id: string } | null;

function interactionPage(deps: Pick<Deps, 'db'>, customerId: string, after: Cursor) {
  return deps.db
    .select({
      id: interactions.id,
      externalId: interactions.externalId,
      agent: { email: agents.email, name: agents.name },
      team: teams.name,
      channel: interactions.channel,
      survey: interactions.survey,
      tags: interactions.tags,
      closedAt: interactions.closedAt,
      createdAt: interactions.createdAt,
      ticketId: interactionTickets.ticketId,
      helpdesk: connections.name,
    })
    .from(interactions)
    .innerJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(teams, eq(teams.id, interactions.teamId))
    .leftJoin(interactionTickets, eq(interactionTickets.interactionId, interactions.id))
    .leftJoin(connections, eq(connections.id, interactionTickets.connectionId))
    .where(
      and(
        eq(interactions.customerId, customerId),
        after ? or(gt(interactions.closedAt, after.closedAt), and(eq(interactions.closedAt, after.closedAt), gt(interactions.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(interactions.closedAt), asc(interactions.id))
    .limit(PAGE);
}

async function* interactionPages(deps: Pick<Deps, 'db'>, customerId: string): AsyncGenerator<unknown[]> {
  const { db } = deps;
  let after: Cursor = null;
  for (;;) {
    const page = await interactionPage(deps, customerId, after);
    if (page.length === 0) return;
    const ids = page.map((i) => i.id);
    const reqs = await db.select().from(surveyRequests).where(inJson(surveyRequests.interactionId, ids)).orderBy(asc(surveyRequests.createdAt));
    const reqIds = reqs.map((r) => r.id);
    const answers = await db.select().from(responses).where(inJson(responses.requestId, reqIds));
    const events = await db.select().from(responseEvents).where(inJson(responseEvents.requestId, reqIds)).orderBy(asc(responseEvents.createdAt));
    const phrases = await db.select().from(responsePhrases).where(inJson(responsePhrases.responseId, answers.map((a) => a.id)));
    const reqsOf = groupBy(reqs, (r) => r.interactionId);
    const answerOf = new Map(answers.map((a) => [a.requestId, a]));
    const eventsOf = groupBy(events, (e) => e.requestId);
    const phrasesOf = groupBy(phrases, (p) => p.responseId);
    yield page.map((i) => ({
      id: i.id,
      externalId: i.externalId,
      agent: i.agent,
      team: i.team,
      channel: i.channel,
      survey: i.survey,
      tags: JSON.parse(i.tags) as string[],
      closedAt: iso(i.closedAt),
      createdAt: iso(i.createdAt),
      ticket: i.ticketId ? { helpdesk: i.helpdesk, ticketId: i.ticketId } : null,
      surveys: (reqsOf.get(i.id) ?? []).map((r) => {
        const a = answerOf.get(r.id);
        return {
          id: r.id,
          purpose: r.purpose,
          survey: r.survey,
          delivery: r.delivery,
          status: r.status,
          reason: r.reason,
          sendAfter: iso(r.sendAfter),
          sentAt: iso(r.sentAt),
          deliveryStatus: r.deliveryStatus,
          remindersSent: r.remindersSent,
          response: a
            ? {
                id: a.id,
                score: a.score,
                comment: a.comment,
                reasons: JSON.parse(a.reasons) as string[],
                resolved: a.resolved,
                flagged: a.flagged,
                source: a.source,
                sentiment: a.sentiment,
                sentimentScore: a.sentimentScore,
                severity: a.severity,
                language: a.language,
                themes: (phrasesOf.get(a.id) ?? []).map((p) => p.text),
                createdAt: iso(a.createdAt),
                updatedAt: iso(a.updatedAt),
              }
            : null,
          events: (eventsOf.get(r.id) ?? []).map((e) => ({
            kind: e.kind,
            score: e.score,
            comment: e.comment,
            reasons: e.reasons === null ? null : (JSON.parse(e.reasons) as string[]),
            resolved: e.resolved,
            flagged: e.flagged,
            userAgent: e.userAgent,
            at: iso(e.createdAt),
          })),
        };
      }),
    }));
    const last = page[page.length - 1]!;
    after = { closedAt: last.closedAt, id: last.id };
  }
}

async function* followupPages(deps: Pick<Deps, 'db'>, customerId: string): AsyncGenerator<unknown[]> {
  const { db } = deps;
  let after = '';
  for (;;) {
    const page = await db
      .select()
      .from(followups)
      .where(and(eq(followups.customerId, customerId), gt(followups.id, after)))
      .orderBy(asc(followups.id))
      .limit(PAGE);
    if (page.length === 0) return;
    const activity = groupBy(
      await db.select().from(followupEvents).where(inJson(followupEvents.followupId, page.map((t) => t.id))).orderBy(asc(followupEvents.at)),
      (e) => e.followupId,
    );
    yield page.map((t) => ({
      id: t.id,
      interactionId: t.interactionId,
      responseId: t.responseId,
      survey: t.survey,
      status: t.status,
      openedAt: iso(t.openedAt),
      dueAt: iso(t.dueAt),
      closedAt: iso(t.closedAt),
      outcome: t.outcome,
      recovery: t.recoveryAt === null ? null : { score: t.recoveryScore, comment: t.recoveryComment, at: iso(t.recoveryAt) },
      activity: (activity.get(t.id) ?? []).map((e) => ({ at: iso(e.at), actor: e.actor, kind: e.kind, body: e.body, data: JSON.parse(e.data) as unknown })),
    }));
    after = page[page.length - 1]!.id;
  }
}

/** Copies kept by the outbox transport (with a mail provider, the provider keeps them instead). */
async function* emailPages(deps: Pick<Deps, 'db'>, email: string): AsyncGenerator<unknown[]> {
  let after = '';
  for (;;) {
    const page = await deps.db
      .select({ id: outbox.id, from: outbox.from, subject: outbox.subject, text: outbox.text, createdAt: outbox.createdAt })
      .from(outbox)
      .where(and(eq(outbox.to, email), gt(outbox.id, after)))
      .orderBy(asc(outbox.id))
      .limit(PAGE);
    if (page.length === 0) return;
    yield page.map((m) => ({ id: m.id, from: m.from, subject: m.subject, text: m.text, sentAt: iso(m.createdAt) }));
    after = page[page.length - 1]!.id;
  }
}
