// Who did something to a task, and the statements that record it: the activity log entry and the
// outgoing `response.created` event (a task's own events: ./announce.ts).
import { eq, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { agents, customers, followupEvents, interactions, responses, type FollowupEventKind } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { escapeSlack } from '../../domain/slackText';
import { queueEvent } from './webhooks';

export interface Actor {
  /** The signed-in user, or null for Heard itself and the API. */
  id: string | null;
  name: string;
  /** Where a customer's reply to an email from this actor should go. */
  email: string | null;
}

export const HEARD: Actor = { id: null, name: 'Heard', email: null };
export const apiActor = (keyName: string): Actor => ({ id: null, name: `API key ${keyName}`, email: null });
export const userActor = (u: SessionUser): Actor => ({ id: u.id, name: u.name ?? u.email, email: u.email });

export interface LogEntry {
  followupId: string;
  actor: Actor;
  at: number;
  kind: FollowupEventKind;
  body?: string | null;
  data?: Record<string, unknown>;
  /** A stable id makes the entry write once, e.g. for a form sent twice. */
  id?: string;
}

const p = sql.placeholder;

// Compiled once: it rides in every change to a task, and in every task an answer opens.
const insertLog = compiled((db) =>
  db
    .insert(followupEvents)
    .values({ id: p('id'), followupId: p('followupId'), at: p('at'), actorId: p('actorId'), actor: p('actor'), kind: p('kind'), body: p('body'), data: p('data') })
    .onConflictDoNothing(),
);

export function logStatement(deps: Pick<Deps, 'db' | 'newId'>, e: LogEntry): Statement {
  return bind(insertLog(deps.db), {
    id: e.id ?? deps.newId(),
    followupId: e.followupId,
    at: e.at,
    actorId: e.actor.id,
    actor: e.actor.name,
    kind: e.kind,
    body: e.body ?? null,
    data: JSON.stringify(e.data ?? {}),
  });
}

/** Queues `response.created` the first time a response counts. */
export async function queueResponseEvent(deps: Pick<Deps, 'db' | 'atomic'>, responseId: string, now: number): Promise<void> {
  const [r] = await deps.db
    .select({
      id: responses.id,
      survey: responses.survey,
      score: responses.score,
      comment: responses.comment,
      channel: responses.channel,
      createdAt: responses.createdAt,
      externalId: interactions.externalId,
      agent: { email: agents.email, name: agents.name },
      customer: { email: customers.email, name: customers.name },
    })
    .from(responses)
    .innerJoin(interactions, eq(interactions.id, responses.interactionId))
    .innerJoin(agents, eq(agents.id, responses.agentId))
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .where(eq(responses.id, responseId));
  if (!r) return;
  const { externalId, agent, customer, ...response } = r;
  const data = {
    response: { ...response, createdAt: new Date(response.createdAt).toISOString() },
    interaction: { externalId },
    agent,
    customer,
  };
  const comment = r.comment ? ` — “${escapeSlack(r.comment.slice(0, 200))}”` : '';
  const text = `New ${r.survey.toUpperCase()} response: ${r.score} from ${escapeSlack(customer.email)}${comment}`;
  await deps.atomic([queueEvent(deps, { key: `response.created/${r.id}`, type: 'response.created', at: now, data, text })]);
}
