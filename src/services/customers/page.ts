// One customer's page: who they are, their health worked out now (with its reasons), every
// contact and answer, their follow-up tasks and churn events. 404 (null) for customers the viewer
// may not see, by the same rule as the list.
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { customers } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { customerHistory, customerTasks } from '../followups/queries';
import { eventsOf } from './events';
import { factsOf, healthOf } from './facts';
import { visibleCustomers } from './list';

const HISTORY = 200;

export async function getCustomerPage(deps: Pick<Deps, 'db' | 'clock'>, user: SessionUser, id: string) {
  const scope = visibleCustomers(user, sql`${customers.id}`);
  const [customer] = await deps.db
    .select({ id: customers.id, email: customers.email, name: customers.name, locale: customers.locale, createdAt: customers.createdAt })
    .from(customers)
    .where(and(eq(customers.id, id), scope ?? undefined));
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
