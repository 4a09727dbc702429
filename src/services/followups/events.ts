// Who did something to a task, and the statements that record it: the activity log entry and the
// outgoing webhook event.
import { eq, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { agents, customers, followupEvents, interactions, responses, type FollowupEventKind } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { STATUS_LABELS } from '../../domain/followups';
import { escapeSlack } from '../../domain/slackText';
import { getTask, toApi } from './queries';
import { listens, queueEvent } from './webhooks';

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

/** Queues `followup.opened` or `followup.closed` with the task as it is now. */
export async function queueTaskEvent(
  deps: Pick<Deps, 'db' | 'atomic' | 'config'>,
  followupId: string,
  type: 'followup.opened' | 'followup.closed',
  now: number,
): Promise<void> {
  // Most installs have no webhook: then the task is not read to describe it to nobody.
  if (!(await listens(deps, type))) return;
  const task = await getTask(deps, followupId);
  if (!task) return;
  const view = toApi(task, now, deps.config.publicUrl);
  const email = escapeSlack(view.customer.email);
  const who = view.customer.name ? `${escapeSlack(view.customer.name)} (${email})` : email;
  const text =
    type === 'followup.opened'
      ? `New follow-up: ${who} answered ${view.response.score} (${view.response.survey.toUpperCase()}). ${view.url}`
      : `Follow-up closed as ${STATUS_LABELS[view.status]}: ${who}. ${view.url}`;
  // A task can close, reopen and close again: each closing is its own event.
  const key = type === 'followup.opened' ? `${type}/${followupId}` : `${type}/${followupId}/${task.closedAt ?? now}`;
  await deps.atomic([queueEvent(deps, { key, type, at: now, data: { followup: view }, text })]);
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
