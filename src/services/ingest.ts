// A closed interaction arrives from a helpdesk: remember it and schedule (or hold back) its survey.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../deps';
import { agents, CHANNELS, customers, interactions, SURVEY_KINDS, suppressions, surveyRequests, teams } from '../db/schema';
import { decideSchedule } from '../domain/schedule';

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

/** Statuses that count as "the customer was surveyed" for throttling. */
const SURVEYED = ['scheduled', 'sending', 'sent'] as const;

export async function ingestInteraction(deps: Deps, input: TInteractionInput): Promise<IngestResult> {
  // Retried deliveries are common: answer them from the stored record without writing anything.
  const [seen] = await deps.db
    .select({ id: interactions.id })
    .from(interactions)
    .where(eq(interactions.externalId, input.externalId));
  if (seen) {
    const existing = await findIngested(deps, input.externalId);
    if (existing) return { created: false, ...existing };
  }

  const now = deps.clock();
  const closedAt = input.closedAt ?? now;
  const [suppression, last] = await Promise.all([
    deps.db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.email, input.customer.email)),
    deps.db
      .select({ sendAfter: surveyRequests.sendAfter })
      .from(surveyRequests)
      .innerJoin(customers, eq(customers.id, surveyRequests.customerId))
      .where(and(eq(customers.email, input.customer.email), inArray(surveyRequests.status, SURVEYED)))
      .orderBy(desc(surveyRequests.sendAfter))
      .limit(1),
  ]);
  const decision = decideSchedule({
    now,
    closedAt,
    delayMinutes: deps.config.surveyDelayMinutes,
    throttleDays: deps.config.throttleDays,
    suppression: suppression[0]?.reason ?? null,
    lastSurveyAt: last[0]?.sendAfter ?? null,
  });

  // Agents, customers and teams are looked up by their natural keys inside the same atomic write,
  // so two deliveries racing each other cannot create duplicates or dangling references.
  const interactionId = deps.newId();
  const teamId = input.team ? sql`(select ${teams.id} from ${teams} where ${teams.name} = ${input.team})` : null;
  const statements = [
    ...(input.team
      ? [deps.db.insert(teams).values({ id: deps.newId(), name: input.team, createdAt: now }).onConflictDoNothing()]
      : []),
    deps.db
      .insert(agents)
      .values({ id: deps.newId(), email: input.agent.email, name: input.agent.name ?? null, teamId, createdAt: now })
      .onConflictDoUpdate({
        target: agents.email,
        set: {
          name: sql`coalesce(excluded.name, ${agents.name})`,
          teamId: sql`coalesce(excluded.team_id, ${agents.teamId})`,
        },
      }),
    deps.db
      .insert(customers)
      .values({
        id: deps.newId(),
        email: input.customer.email,
        name: input.customer.name ?? null,
        locale: input.customer.locale ?? null,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: customers.email,
        set: {
          name: sql`coalesce(excluded.name, ${customers.name})`,
          locale: sql`coalesce(excluded.locale, ${customers.locale})`,
        },
      }),
    deps.db.insert(interactions).values({
      id: interactionId,
      externalId: input.externalId,
      customerId: sql`(select ${customers.id} from ${customers} where ${customers.email} = ${input.customer.email})`,
      agentId: sql`(select ${agents.id} from ${agents} where ${agents.email} = ${input.agent.email})`,
      teamId,
      channel: input.channel,
      survey: input.survey,
      tags: JSON.stringify(input.tags),
      closedAt,
      createdAt: now,
    }),
    deps.db.insert(surveyRequests).values({
      id: deps.newId(),
      interactionId,
      customerId: sql`(select ${customers.id} from ${customers} where ${customers.email} = ${input.customer.email})`,
      survey: input.survey,
      status: decision.status,
      reason: decision.status === 'suppressed' ? decision.reason : null,
      sendAfter: decision.sendAfter,
      createdAt: now,
    }),
  ];
  try {
    await deps.atomic(statements);
  } catch (error) {
    // A concurrent delivery of the same externalId won the race: answer with its record.
    const winner = await findIngested(deps, input.externalId);
    if (winner) return { created: false, ...winner };
    throw error;
  }
  const stored = await findIngested(deps, input.externalId);
  if (!stored) throw new Error('interaction vanished after insert');
  return { created: true, ...stored };
}

export async function findIngested(deps: Pick<Deps, 'db'>, externalId: string) {
  const [row] = await deps.db
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
    .innerJoin(surveyRequests, eq(surveyRequests.interactionId, interactions.id))
    .where(eq(interactions.externalId, externalId));
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
