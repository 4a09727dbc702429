// Statements that keep response_rollups exact. Each derives its cells from the rows as they are
// inside the transaction, so "subtract what the row counts now, write, add what it counts after"
// stays right whatever the write did (insert, changed score, flagged, nothing at all).
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db, Statement } from '../../deps';
import { responseRollups, rollupState } from '../schema';
import { AGENT_DAY_CUBE, COUNT_COLUMNS, CUBE, CUBE_GRAINS, GRAIN, grainsOf, responseCountsSql, ROLLUP_VERSION, sentCountsSql, sumOfCountColumns } from './cells';
import { anytimeSpans, localDaySql, monthOfDay, yearOfDay } from './localDay';
import { phraseRebuildStatements } from './phraseCells';

// A VALUES list, not a UNION of SELECTs: D1 allows only a few terms in a compound SELECT.
const cubesTable = (cubes: ReadonlyArray<readonly [cube: number, grain: number]>) =>
  sql.raw(`(SELECT column1 AS cube, column2 AS grain FROM (VALUES ${cubes.map(([cube, grain]) => `(${cube}, ${grain})`).join(', ')}))`);

const RESPONSE_CUBES = cubesTable(CUBE_GRAINS);
// Delivered surveys matter only for response rates, which the dashboards show without an agent dimension.
const withoutAgent = (cubes: ReadonlyArray<readonly [number, number]>) => cubes.filter(([cube]) => (cube & CUBE.agent) === 0);
const SENT_CUBES = cubesTable(withoutAgent(CUBE_GRAINS));

// A rebuild reads the raw tables only for the finest cubes and sums the others from them: each
// coarser cube drops dimensions of a finer one (but never the tag: tag cubes count an answer
// once per tag, so they cannot give the tagless totals).
const PLAIN = CUBE.team | CUBE.channel;
const AGENT = CUBE.agent | CUBE.team | CUBE.channel;
const FINEST = {
  // The agents' day cube comes from the raw rows too: deriving it from the week and month cubes
  // below keeps their grains only.
  plain: [[PLAIN, GRAIN.day], [AGENT, GRAIN.week], [AGENT, GRAIN.month], [AGENT_DAY_CUBE, GRAIN.day]],
  tagged: [[PLAIN | CUBE.tag, GRAIN.day], [AGENT | CUBE.tag, GRAIN.week], [AGENT | CUBE.tag, GRAIN.month]],
} as const;
// Months and years summed from the finest cubes' shorter periods, before the coarser cubes are.
const LONGER: ReadonlyArray<readonly [cube: number, from: number, to: number]> = [
  [PLAIN, GRAIN.day, GRAIN.month],
  [PLAIN, GRAIN.month, GRAIN.year],
  [AGENT, GRAIN.month, GRAIN.year],
  [AGENT | CUBE.tag, GRAIN.month, GRAIN.year],
];
const DERIVED: ReadonlyArray<readonly [cube: number, from: number]> = [
  [0, PLAIN],
  [CUBE.team, PLAIN],
  [CUBE.channel, PLAIN],
  [CUBE.tag, PLAIN | CUBE.tag],
  [CUBE.tag | CUBE.team, PLAIN | CUBE.tag],
  [CUBE.tag | CUBE.channel, PLAIN | CUBE.tag],
  [CUBE.agent | CUBE.team, AGENT],
  [CUBE.agent | CUBE.team | CUBE.tag, AGENT | CUBE.tag],
];


/**
 * The cell key columns. Tag cubes get one row per distinct tag of the interaction (`t`, from
 * json_each) and none for an interaction without tags; the other cubes one row.
 */
function keySql(day: SQL, team: SQL, agent: SQL, channel: SQL): SQL {
  return sql`c.cube, c.grain,
    CASE WHEN c.cube & 4 THEN ${channel} ELSE '' END,
    CASE WHEN c.cube & 8 THEN t.value ELSE '' END,
    CASE c.grain WHEN 1 THEN ${day} WHEN 7 THEN (${day} + 3) / 7 WHEN 365 THEN ${yearOfDay(day)} ELSE ${monthOfDay(day)} END,
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

function upsert(db: Db, select: SQL) {
  const r = responseRollups;
  return db
    .insert(responseRollups)
    .select(select)
    .onConflictDoUpdate({ target: [r.cube, r.grain, r.channel, r.tag, r.period, r.teamId, r.agentId], set: updateSet });
}

/**
 * Which rows a statement reads: those matching a condition, or those whose ids are in a JSON
 * array. The list drives the join (CROSS JOIN keeps SQLite from reordering it), so a batch reads
 * only its own rows however large the table has grown. The rows then meet their interaction and
 * the cubes in that order too: left free, SQLite would loop over the cubes outermost and build a
 * temporary index over the whole table for each statement of a rebuild, however small its slice.
 */
export type RowsOf = { where: SQL } | { idsJson: SQL };

const from = (table: string, alias: string, key: string, rows: RowsOf) =>
  'idsJson' in rows
    ? sql`json_each(${rows.idsJson}) ids CROSS JOIN ${sql.raw(`${table} ${alias}`)} ON ${sql.raw(`${alias}.${key}`)} = ids.value`
    : sql.raw(`${table} ${alias}`);
const where = (rows: RowsOf) => ('where' in rows ? rows.where : sql`1`);

/** Rows of `table` joined to their interaction and spread over the cubes, as both kinds of cell need. */
interface CellSource {
  table: string;
  alias: string;
  key: string;
  /** The column whose local day places a row. */
  at: string;
  /** The alias whose team_id, agent_id and channel a row counts under. */
  dims: string;
  counts: SQL;
  counted: SQL;
}

function cells(db: Db, tz: string, cubes: SQL, rows: RowsOf, s: CellSource) {
  const col = (alias: string, name: string) => sql.raw(`${alias}.${name}`);
  const day = localDaySql(col(s.alias, s.at), anytimeSpans(tz));
  return upsert(
    db,
    sql`SELECT ${keySql(day, col(s.dims, 'team_id'), col(s.dims, 'agent_id'), col(s.dims, 'channel'))}, ${s.counts}
      FROM ${from(s.table, s.alias, s.key, rows)}
      CROSS JOIN interactions i ON i.id = ${col(s.alias, 'interaction_id')}
      CROSS JOIN ${cubes} c
      LEFT JOIN json_each(i.tags) t ON c.cube & 8
      WHERE (${where(rows)}) AND ${s.counted} AND ${TAG_ROWS}
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}

/** Adds (sign 1) or removes (sign -1) the counted responses of `rows` (alias r, keyed by request id). */
export function responseCells(db: Db, tz: string, sign: 1 | -1, rows: RowsOf, cubes: SQL = RESPONSE_CUBES) {
  return cells(db, tz, cubes, rows, {
    table: 'responses',
    alias: 'r',
    key: 'request_id',
    at: 'created_at',
    dims: 'r',
    counts: responseCountsSql(sign),
    counted: sql`r.flagged = 0`,
  });
}

/**
 * Adds (sign 1) or removes the delivered requests of `rows` (alias sr, keyed by id): sent surveys with
 * a provider message id. Imported history has none: some earlier tool sent those.
 */
export function sentCells(db: Db, tz: string, sign: 1 | -1, rows: RowsOf, cubes: SQL = SENT_CUBES) {
  return cells(db, tz, cubes, rows, {
    table: 'survey_requests',
    alias: 'sr',
    key: 'id',
    at: 'sent_at',
    dims: 'i',
    counts: sentCountsSql(sign),
    counted: sql`sr.purpose = 'survey' AND sr.status = 'sent' AND sr.message_id IS NOT NULL AND sr.sent_at IS NOT NULL`,
  });
}

/** A coarser cube summed from a finer one, at the grains it is kept at: the dimensions it lacks become ''. */
function derive(db: Db, cube: number, from: number) {
  const keep = (bit: number, column: string) => sql.raw((cube & bit) !== 0 ? column : "''");
  return upsert(
    db,
    sql`SELECT ${cube}, grain, ${keep(CUBE.channel, 'channel')}, ${keep(CUBE.tag, 'tag')}, period,
        ${keep(CUBE.team, 'team_id')}, ${keep(CUBE.agent, 'agent_id')}, ${sumOfCountColumns}
      FROM response_rollups WHERE cube = ${from} AND grain IN ${sql.raw(`(${grainsOf(cube).join(', ')})`)}
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}

/** A cube's cells of a longer period summed from its cells of a shorter one (days into months, months into years). */
function lengthen(db: Db, cube: number, from: number, to: number) {
  const period = from === GRAIN.day ? monthOfDay(sql`period`) : sql`period / 12`;
  return upsert(
    db,
    sql`SELECT cube, ${to}, channel, tag, ${period}, team_id, agent_id, ${sumOfCountColumns}
      FROM response_rollups WHERE cube = ${cube} AND grain = ${from}
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}

/** The highest rowid of each raw table a rebuild reads (0 when empty). */
export interface RebuildExtent {
  responses: number;
  requests: number;
}

/**
 * Rows per statement of a rebuild. Each statement groups one slice of a raw table by rowid, so
 * its sort (SQLite's GROUP BY sorter) stays the size of a slice however large the table grows;
 * cells that span slices (a week, a month) add up through the upsert.
 */
export const REBUILD_SLICE = 500_000;

/** `alias.rowid` ranges that together cover every row: the first has no lower bound, the last no upper one. */
function slices(alias: string, last: number, size: number): RowsOf[] {
  const rowid = sql.raw(`${alias}.rowid`);
  const out: RowsOf[] = [];
  for (let lo = 0; lo === 0 || lo < last; lo += size) {
    const bounds = [lo > 0 ? sql`${rowid} > ${lo}` : undefined, lo + size < last ? sql`${rowid} <= ${lo + size}` : undefined];
    out.push({ where: sql.join([sql`1`, ...bounds.filter((b) => b !== undefined)], sql` AND `) });
  }
  return out;
}

/** Everything recomputed from the raw tables, for a time zone, reading them in slices of `size` rows. */
export function rebuildStatements(db: Db, tz: string, now: number, extent: RebuildExtent, size = REBUILD_SLICE): Statement[] {
  const answers = slices('r', extent.responses, size);
  const delivered = slices('sr', extent.requests, size);
  return [
    db.delete(responseRollups),
    ...answers.map((rows) => responseCells(db, tz, 1, rows, cubesTable(FINEST.plain))),
    ...answers.map((rows) => responseCells(db, tz, 1, rows, cubesTable(FINEST.tagged))),
    ...delivered.map((rows) => sentCells(db, tz, 1, rows, cubesTable(withoutAgent(FINEST.plain)))),
    ...delivered.map((rows) => sentCells(db, tz, 1, rows, cubesTable(withoutAgent(FINEST.tagged)))),
    ...LONGER.map(([cube, from, to]) => lengthen(db, cube, from, to)),
    ...DERIVED.map(([cube, from]) => derive(db, cube, from)),
    ...phraseRebuildStatements(db, tz),
    db
      .insert(rollupState)
      .values({ id: 1, timeZone: tz, builtAt: now, version: ROLLUP_VERSION, heldUntil: null })
      .onConflictDoUpdate({ target: rollupState.id, set: { timeZone: tz, builtAt: now, version: ROLLUP_VERSION, heldUntil: null } }),
  ];
}
