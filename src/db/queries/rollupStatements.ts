// Statements that keep response_rollups exact. Each derives its cells from the rows as they are
// inside the transaction, so "subtract what the row counts now, write, add what it counts after"
// stays right whatever the write did (insert, changed score, flagged, nothing at all).
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db, Statement } from '../../deps';
import { responseRollups, rollupState } from '../schema';
import { COUNT_COLUMNS, DAY_CUBES, GRAIN, responseCountsSql, sentCountsSql, WEEK_CUBES } from './cells';
import { anytimeSpans, localDaySql } from './localDay';

const cubesTable = (cubes: ReadonlyArray<readonly [cube: number, grain: number]>) =>
  sql.raw(`(${cubes.map(([cube, grain]) => `SELECT ${cube} AS cube, ${grain} AS grain`).join(' UNION ALL ')})`);

const RESPONSE_CUBES = cubesTable([
  ...DAY_CUBES.map((c) => [c, GRAIN.day] as const),
  ...WEEK_CUBES.map((c) => [c, GRAIN.week] as const),
]);
// Delivered surveys matter only for response rates, which the dashboards show without an agent dimension.
const SENT_CUBES = cubesTable(DAY_CUBES.map((c) => [c, GRAIN.day] as const));

/**
 * The cell key columns. Tag cubes get one row per distinct tag of the interaction (`t`, from
 * json_each) and none for an interaction without tags; the other cubes one row.
 */
function keySql(day: SQL, team: SQL, agent: SQL, channel: SQL): SQL {
  return sql`c.cube, c.grain,
    CASE WHEN c.cube & 4 THEN ${channel} ELSE '' END,
    CASE WHEN c.cube & 8 THEN t.value ELSE '' END,
    CASE WHEN c.grain = 1 THEN ${day} ELSE (${day} + 3) / 7 END,
    CASE WHEN c.cube & 1 THEN coalesce(${team}, '') ELSE '' END,
    CASE WHEN c.cube & 2 THEN ${agent} ELSE '' END`;
}

const TAG_ROWS = sql`(c.cube & 8 = 0 OR (t.value IS NOT NULL
  AND t.key = (SELECT min(j.key) FROM json_each(i.tags) j WHERE j.value = t.value)))`;

const updateSet = Object.fromEntries(
  Object.entries(getTableColumns(responseRollups))
    .filter(([, col]) => COUNT_COLUMNS.includes(col.name))
    .map(([prop, col]) => [prop, sql.raw(`"${col.name}" + excluded."${col.name}"`)]),
);

function upsert(db: Db, select: SQL): Statement {
  const r = responseRollups;
  return db
    .insert(responseRollups)
    .select(select)
    .onConflictDoUpdate({ target: [r.cube, r.grain, r.channel, r.tag, r.period, r.teamId, r.agentId], set: updateSet });
}

/** Adds (sign 1) or removes (sign -1) the counted responses matching `where` (alias r). */
export function responseCells(db: Db, tz: string, sign: 1 | -1, where: SQL): Statement {
  const day = localDaySql(sql`r.created_at`, anytimeSpans(tz));
  return upsert(
    db,
    sql`SELECT ${keySql(day, sql`r.team_id`, sql`r.agent_id`, sql`r.channel`)}, ${responseCountsSql(sign)}
      FROM responses r
      JOIN interactions i ON i.id = r.interaction_id
      JOIN ${RESPONSE_CUBES} c
      LEFT JOIN json_each(i.tags) t ON c.cube & 8
      WHERE (${where}) AND r.flagged = 0 AND ${TAG_ROWS}
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}

/**
 * Adds (sign 1) or removes the delivered requests matching `where` (alias sr). Requests whose
 * answer was imported were sent by some earlier tool and do not count as delivered here.
 */
export function sentCells(db: Db, tz: string, sign: 1 | -1, where: SQL): Statement {
  const day = localDaySql(sql`sr.sent_at`, anytimeSpans(tz));
  return upsert(
    db,
    sql`SELECT ${keySql(day, sql`i.team_id`, sql`i.agent_id`, sql`i.channel`)}, ${sentCountsSql(sign)}
      FROM survey_requests sr
      JOIN interactions i ON i.id = sr.interaction_id
      JOIN ${SENT_CUBES} c
      LEFT JOIN json_each(i.tags) t ON c.cube & 8
      WHERE (${where}) AND sr.purpose = 'survey' AND sr.status = 'sent' AND sr.sent_at IS NOT NULL AND ${TAG_ROWS}
        AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.request_id = sr.id AND x.source = 'import')
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}

/** Everything recomputed from the raw tables, for a time zone. */
export function rebuildStatements(db: Db, tz: string, now: number): Statement[] {
  return [
    db.delete(responseRollups),
    responseCells(db, tz, 1, sql`1`),
    sentCells(db, tz, 1, sql`1`),
    db
      .insert(rollupState)
      .values({ id: 1, timeZone: tz, builtAt: now })
      .onConflictDoUpdate({ target: rollupState.id, set: { timeZone: tz, builtAt: now } }),
  ];
}
