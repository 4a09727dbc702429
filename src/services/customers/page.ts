// One customer's page: who they are, their health worked out now (with its reasons), every
// contact and answer, their follow-up tasks and churn events. 404 (null) for customers the viewer
// may not see, by the same rule as the list.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { customers } from '../../db/schema';
import { scopeOf, type SessionUser } from '../../domain/access';
import { customerHistory, customerTasks } from '../followups/queries';
import { eventsOf } from './events';
import { factsOf, healthOf } from './facts';

/** The list's rule for one customer, read from their contacts as they are now (the list waits for its refresh). */
function canSeeCustomer(user: SessionUser, id: string): SQL | undefined {
  const scope = scopeOf(user);
  if (scope.kind === 'all') return undefined;
  const contact = scope.kind === 'teams' ? sql`i.team_id IN (SELECT value FROM json_each(${JSON.stringify(scope.teamIds)}))` : sql`i.agent_id = ${scope.agentId ?? ''}`;
  return sql`EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = ${id} AND ${contact})`;
}

const HISTORY = 200;

export async function getCustomerPage(deps: Pick<Deps, 'db' | 'clock'>, user: SessionUser, id: string) {
  const [customer] = await deps.db
    .select({ id: customers.id, email: customers.email, name: customers.name, locale: customers.locale, createdAt: customers.createdAt })
    .from(customers)
    .where(and(eq(customers.id, id), canSeeCustomer(user, id)));
  if (!customer) return null;
  const now = deps.clock();
  const [facts, history, tasks, events] = await Promise.all([
    factsOf(deps, [id], now),
    customerHistory(deps, id, HISTORY),
    customerTasks(deps, id),
    eventsOf(deps, id),
  ]);
  return { customer, health: healthOf(facts.get(id)!, now), history, tasks, events, now };
}
export type CustomerPage = NonNullable<Awaited<ReturnType<typeof getCustomerPage>>>;
