// Teams by id (all of them, or only some), for filter menus and labels.
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../deps';
import { teams } from '../schema';

export async function findTeams(db: Db, only: readonly string[] | null): Promise<Array<{ id: string; name: string }>> {
  const q = db.select({ id: teams.id, name: teams.name }).from(teams);
  return only ? q.where(inArray(teams.id, [...only])).orderBy(asc(teams.name)) : q.orderBy(asc(teams.name));
}
