// A closed interaction arrives from a helpdesk: remember it and schedule (or hold back) its survey.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { bind, compiled } from '../db/compiled';
import type { Deps, Statement } from '../deps';
import { agents, CHANNELS, customers, interactions, SURVEY_KINDS, surveyRequests, teams, type SuppressionReason } from '../db/schema';
import { decideSchedule } from '../domain/schedule';
import { countSent } from './dashboard/rollups';
import { randomToken } from '../security/crypto';
import { addressHash } from './customers/addressHash';

const email = z
  .string()
  .trim()
  .max(320)
  .email()
  .transform((v) => v.toLowerCase());
const name = z.string().trim().min(1).max(200).optional();

export const ZInteractionInput = z
  .object({
    externalId: z.string().trim().min(1).max(200),
    customer: z.object({
      email,
      name,
      locale: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en, es-MX or zh-CN')
        .optional(),
    }),
    agent: z.object({ email, name }),
    team: z.string().trim().min(1).max(100).optional(),
    channel: z.enum(CHANNELS).default('other'),
    survey: z.enum(SURVEY_KINDS).default('csat'),
    closedAt: z.iso
      .datetime({ offset: true })
      .transform((v) => Date.parse(v))
      .optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    // survey design: 'link' sends no email; the answer carries the links for a chat, SMS or WhatsApp message.
    delivery: z.enum(['email', 'link']).default('email'),
  })
  .strict();
export type TInteractionInput = z.infer<typeof ZInteractionInput>;

export interface IngestResult {
  created: boolean;
  interaction: InteractionView;
  surveyRequest: { id: string; status: string; reason: string | null; sendAfter: string | null };
}

export interface InteractionView {
  id: string;
  externalId: string;
  customer: { email: string; name: string | null; locale: string | null };
  agent: { email: string; name: string | null };
  team: string | null;
  channel: string;
  survey: string;
  tags: string[];
  closedAt: string;
  createdAt: string;
}

const p = sql.placeholder;
const idOfTeam = sql`(select t.id from teams t where t.name = ${p('team')})`;
const idOfCustomer = sql`(select c.id from customers c where c.email = ${p('customerEmail')})`;

// The statements of an ingest, compiled once per database (see src/db/compiled.ts).
const q = {
  // Whether the delivery was seen, the suppression and the customer's latest survey in one round trip.
  facts: compiled((db) =>
    db
      .select({
        seen: sql<string | null>`(select i.id from interactions i where i.external_id = ${p('externalId')})`,
        // data rights: an erased customer's address is suppressed by its keyed hash only.
        suppression: sql<SuppressionReason | 'erased' | null>`coalesce((select s.reason from suppressions s where s.email = ${p('email')}),
          (select 'erased' from hashed_suppressions h where h.hash = ${p('hash')}))`,
        lastSurveyAt: sql<number | null>`(select max(r.send_after) from survey_requests r
          join customers c on c.id = r.customer_id
          where c.email = ${p('email')} and r.status in ('scheduled', 'sending', 'sent'))`,
        // What the answer shows of stored people where this delivery leaves fields out (the write keeps them).
        customerName: sql<string | null>`(select c.name from customers c where c.email = ${p('email')})`,
        customerLocale: sql<string | null>`(select c.locale from customers c where c.email = ${p('email')})`,
        agentName: sql<string | null>`(select a.name from agents a where a.email = ${p('agentEmail')})`,
      })
      .from(sql`(select 1)`),
  ),
  team: compiled((db) =>
    db.insert(teams).values({ id: p('id'), name: p('team'), createdAt: p('now') }).onConflictDoNothing(),
  ),
  // The team rule: an interaction's team belongs to the interaction. An agent's home team is set
  // on purpose by an admin; a new agent (or one without a team) starts in the team of the first
  // interaction that names one, and later interactions for other teams never move them.
  agent: compiled((db) =>
    db
      .insert(agents)
      .values({ id: p('id'), email: p('email'), name: p('name'), teamId: idOfTeam, createdAt: p('now') })
      .onConflictDoUpdate({
        target: agents.email,
        set: {
          name: sql`coalesce(excluded.name, ${agents.name})`,
          teamId: sql`coalesce(${agents.teamId}, excluded.team_id)`,
        },
      }),
  ),
  customer: compiled((db) =>
    db
      .insert(customers)
      .values({ id: p('id'), email: p('customerEmail'), name: p('name'), locale: p('locale'), createdAt: p('now') })
      .onConflictDoUpdate({
        target: customers.email,
        set: {
          name: sql`coalesce(excluded.name, ${customers.name})`,
          locale: sql`coalesce(excluded.locale, ${customers.locale})`,
        },
      }),
  ),
  interaction: compiled((db) =>
    db.insert(interactions).values({
      id: p('id'),
      externalId: p('externalId'),
      customerId: idOfCustomer,
      agentId: sql`(select a.id from agents a where a.email = ${p('agentEmail')})`,
      teamId: idOfTeam,
      channel: p('channel'),
      survey: p('survey'),
      tags: p('tags'),
      closedAt: p('closedAt'),
      createdAt: p('now'),
    }),
  ),
  request: compiled((db) =>
    db.insert(surveyRequests).values({
      id: p('id'),
      interactionId: p('interactionId'),
      customerId: idOfCustomer,
      survey: p('survey'),
      status: p('status'),
      reason: p('reason'),
      sendAfter: p('sendAfter'),
      createdAt: p('now'),
      delivery: p('delivery'),
      shortCode: p('shortCode'),
      sentAt: p('sentAt'),
      messageId: p('messageId'),
    }),
  ),
};

/** What a link survey stores instead of a send: its short code, and a message id that counts it as delivered. */
function linkDelivery(now: number) {
  const shortCode = randomToken(8).slice(0, 10);
  return { shortCode, messageId: `link/${shortCode}/${now}` };
}

/**
 * `also` adds writes that must land with the interaction or not at all (a helpdesk delivery's
 * record and its ticket link); they are not written when the interaction already existed.
 */
export async function ingestInteraction(
  deps: Deps,
  input: TInteractionInput,
  also: (interactionId: string) => Statement[] = () => [],
): Promise<IngestResult> {
  const { db } = deps;
  const hash = await addressHash(deps.config.appSecret, input.customer.email);
  const [facts] = await q.facts(db).all({ email: input.customer.email, hash, externalId: input.externalId, agentEmail: input.agent.email });
  // Retried deliveries are common: answer them from the stored record without writing anything.
  if (facts?.seen) {
    const existing = await findIngested(deps, input.externalId);
    if (existing) return { created: false, ...existing };
  }

  const now = deps.clock();
  const closedAt = input.closedAt ?? now;
  const decision = decideSchedule({
    now,
    closedAt,
    delayMinutes: deps.config.surveyDelayMinutes,
    throttleDays: deps.config.throttleDays,
    suppression: facts?.suppression ?? null,
    lastSurveyAt: facts?.lastSurveyAt ?? null,
  });

  // Agents, customers and teams are looked up by their natural keys inside the same atomic write,
  // so two deliveries racing each other cannot create duplicates or dangling references.
  const interactionId = deps.newId();
  const requestId = deps.newId();
  // A link survey is "sent" the moment Heard hands its links over; it counts in the response rate like an email.
  const link = input.delivery === 'link' && decision.status !== 'suppressed' ? linkDelivery(now) : null;
  const team = input.team ?? null;
  const customerEmail = input.customer.email;
  const statements = [
    ...(team ? [bind(q.team(db), { id: deps.newId(), team, now })] : []),
    bind(q.agent(db), { id: deps.newId(), email: input.agent.email, name: input.agent.name ?? null, team, now }),
    bind(q.customer(db), {
      id: deps.newId(),
      customerEmail,
      name: input.customer.name ?? null,
      locale: input.customer.locale ?? null,
      now,
    }),
    bind(q.interaction(db), {
      id: interactionId,
      externalId: input.externalId,
      customerEmail,
      agentEmail: input.agent.email,
      team,
      channel: input.channel,
      survey: input.survey,
      tags: JSON.stringify(input.tags),
      closedAt,
      now,
    }),
    bind(q.request(db), {
      id: requestId,
      interactionId,
      customerEmail,
      survey: input.survey,
      status: link ? 'sent' : decision.status,
      reason: decision.status === 'suppressed' ? decision.reason : null,
      sendAfter: link ? now : decision.sendAfter,
      now,
      delivery: input.delivery,
      shortCode: link?.shortCode ?? null,
      sentAt: link ? now : null,
      messageId: link?.messageId ?? null,
    }),
    ...also(interactionId),
    ...(link ? [countSent(deps, requestId, link.messageId)] : []),
  ];
  try {
    await deps.atomic(statements);
  } catch (error) {
    // A concurrent delivery of the same externalId won the race: answer with its record.
    const winner = await findIngested(deps, input.externalId);
    if (winner) return { created: false, ...winner };
    throw error;
  }
  // The answer is what was just written, not read back: the upserts keep a stored name or locale
  // only where this delivery left it out, as the facts read before the write saw them.
  return {
    created: true,
    interaction: {
      id: interactionId,
      externalId: input.externalId,
      customer: {
        email: customerEmail,
        name: input.customer.name ?? facts?.customerName ?? null,
        locale: input.customer.locale ?? facts?.customerLocale ?? null,
      },
      agent: { email: input.agent.email, name: input.agent.name ?? facts?.agentName ?? null },
      team,
      channel: input.channel,
      survey: input.survey,
      tags: input.tags,
      closedAt: new Date(closedAt).toISOString(),
      createdAt: new Date(now).toISOString(),
    },
    surveyRequest: {
      id: requestId,
      status: link ? 'sent' : decision.status,
      reason: decision.status === 'suppressed' ? decision.reason : null,
      sendAfter: decision.status === 'suppressed' ? null : new Date(link ? now : decision.sendAfter).toISOString(),
    },
  };
}

const findQuery = compiled((db) =>
  db
    .select({
      interaction: interactions,
      customer: { email: customers.email, name: customers.name, locale: customers.locale },
      agent: { email: agents.email, name: agents.name },
      team: teams.name,
      request: {
        id: surveyRequests.id,
        status: surveyRequests.status,
        reason: surveyRequests.reason,
        sendAfter: surveyRequests.sendAfter,
      },
    })
    .from(interactions)
    .innerJoin(customers, eq(customers.id, interactions.customerId))
    .innerJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(teams, eq(teams.id, interactions.teamId))
    // follow-ups: an interaction may also have a recovery survey; this is about its own survey.
    .innerJoin(surveyRequests, and(eq(surveyRequests.interactionId, interactions.id), eq(surveyRequests.purpose, 'survey')))
    .where(eq(interactions.externalId, p('externalId'))),
);

export async function findIngested(deps: Pick<Deps, 'db'>, externalId: string) {
  const [row] = await findQuery(deps.db).all({ externalId });
  if (!row) return null;
  const i = row.interaction;
  return {
    interaction: {
      id: i.id,
      externalId: i.externalId,
      customer: row.customer,
      agent: row.agent,
      team: row.team,
      channel: i.channel,
      survey: i.survey,
      tags: JSON.parse(i.tags) as string[],
      closedAt: new Date(i.closedAt).toISOString(),
      createdAt: new Date(i.createdAt).toISOString(),
    },
    surveyRequest: {
      id: row.request.id,
      status: row.request.status,
      reason: row.request.reason,
      sendAfter: row.request.status === 'suppressed' ? null : new Date(row.request.sendAfter).toISOString(),
    },
  };
}
