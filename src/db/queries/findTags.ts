// Tags that occur on answered interactions within the visible teams, for the tag filter.
import { sql } from 'drizzle-orm';
import type { Db } from '../../deps';
import { CUBE, GRAIN } from './cells';

export async function findTags(db: Db, teamIds: readonly string[] | null): Promise<string[]> {
  const rows = await db.values<[string]>(
    teamIds
      ? sql`SELECT DISTINCT tag FROM response_rollups WHERE cube = ${CUBE.tag | CUBE.team} AND grain = ${GRAIN.day} AND channel = ''
          AND team_id IN (SELECT value FROM json_each(${JSON.stringify(teamIds)})) ORDER BY tag LIMIT 500`
      : sql`SELECT DISTINCT tag FROM response_rollups WHERE cube = ${CUBE.tag} AND grain = ${GRAIN.day} AND channel = '' ORDER BY tag LIMIT 500`,
  );
  return rows.map((r) => r[0]);
}
