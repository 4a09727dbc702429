// Theme cells: how many analysed comments carried each phrase, per period, team and channel, kept
// in phrase_rollups so the themes panel sums a few thousand cells instead of reading every phrase
// of its range (at 1,000,000 answers a year holds about 550,000 phrases: seconds of work).
//
// A cell counts phrase rows alone: each response_phrases row carries the answer as it was analysed
// (day, team, channel, kind, low score, negative, counted). So the cells change only where phrase
// rows are written or deleted (the analysis job, retention, erasure), each of which moves them in
// the same atomic write, and a rebuild from the phrase rows gives the same cells. Any change to an
// answer queues its comment for analysis again, which writes its phrases, and their snapshot, anew.
//
// The same cells by tag (phrase_tag_rollups: tag, tag + channel) count each phrase row once per
// distinct tag of its answer's interaction, read through the answer in the same statements. An
// interaction's tags are stored with it and never change, so these cells too move only with the
// phrase rows; a writer that changed tags would have to take the cells away and add them again
// around its write, as the score cells' writers do.
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db, Statement } from '../../deps';
import { LOW_SCORE_MAX } from '../../domain/followups';
import { SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { phraseRollups, phraseTagRollups, responsePhrases } from '../schema';
import type { PhraseRow } from './countPhrases';
import { CUBE, GRAIN } from './cells';
import { anytimeSpans, localDaySql, monthOfDay, yearOfDay } from './localDay';

/** The cubes kept (none, team, channel, team + channel), each per day, month and year. */
const FINEST = CUBE.team | CUBE.channel;
const CUBES = [0, CUBE.team, CUBE.channel, FINEST] as const;
/** The tag cubes kept (tag, tag + channel), each per day, month and year. */
const TAG_FINEST = CUBE.tag | CUBE.channel;
const TAG_CUBES = [CUBE.tag, TAG_FINEST] as const;
const GRAINS = [GRAIN.day, GRAIN.month, GRAIN.year] as const;

export const isPhraseCube = (cube: number): boolean => (CUBES as readonly number[]).includes(cube);

const cubesTable = (pairs: ReadonlyArray<readonly [number, number]>) =>
  sql.raw(`(SELECT column1 AS cube, column2 AS grain FROM (VALUES ${pairs.map(([c, g]) => `(${c}, ${g})`).join(', ')}))`);
const allOf = (cubes: readonly number[]) => cubesTable(cubes.flatMap((c) => GRAINS.map((g) => [c, g] as const)));

/**
 * One table of theme cells: which cubes it keeps, the dimension its fourth key column holds (the
 * team, or the tag), and where a phrase row finds that value.
 */
interface PhraseTable {
  table: typeof phraseRollups | typeof phraseTagRollups;
  name: string;
  /** The primary key, where an upsert's added counts meet the cell's. */
  target: SQLiteColumn[];
  cubes: readonly number[];
  finest: number;
  /** The fourth key column, and its value for a phrase row (alias p) in a cube `c`. */
  dim: 'team_id' | 'tag';
  dimSql: SQL;
  /** What a phrase row is joined to for that value, and the condition that comes with it. */
  join: SQL;
  on: SQL;
}

/** A theme table's key: cube, grain, period, its own dimension, channel, phrase key, spelling, topic. */
const keyOf = (t: typeof phraseRollups | typeof phraseTagRollups, dim: SQLiteColumn): SQLiteColumn[] => [t.cube, t.grain, t.period, dim, t.channel, t.key, t.text, t.topic];

const UNTAGGED: PhraseTable = {
  table: phraseRollups,
  name: 'phrase_rollups',
  target: keyOf(phraseRollups, phraseRollups.teamId),
  cubes: CUBES,
  finest: FINEST,
  dim: 'team_id',
  dimSql: sql`CASE WHEN c.cube & 1 THEN coalesce(p.team_id, '') ELSE '' END`,
  join: sql``,
  on: sql`1`,
};
// One row per distinct tag (a tag listed twice counts once, as in the score cells); the answer and
// its interaction are read by primary key in that order (CROSS JOIN keeps SQLite to it).
const TAGGED: PhraseTable = {
  table: phraseTagRollups,
  name: 'phrase_tag_rollups',
  target: keyOf(phraseTagRollups, phraseTagRollups.tag),
  cubes: TAG_CUBES,
  finest: TAG_FINEST,
  dim: 'tag',
  dimSql: sql`t.value`,
  join: sql`CROSS JOIN responses r ON r.id = p.response_id CROSS JOIN interactions i ON i.id = r.interaction_id CROSS JOIN json_each(i.tags) t`,
  on: sql`t.key = (SELECT min(j.key) FROM json_each(i.tags) j WHERE j.value = t.value)`,
};
const TABLES = [UNTAGGED, TAGGED] as const;

const COUNTS = ['n', 'low', 'negative'] as const;
/** Each count per kind, then over every kind, in the tables' column order. */
const countColumns = [...COUNTS.flatMap((what) => SURVEY_KINDS.map((k) => `${what}_${k}`)), ...COUNTS.map((what) => `${what}_all`)];

const KINDS = SURVEY_KINDS.map((k) => `'${k}'`).join(', ');
const countsSql = (sign: 1 | -1) => {
  const count = (what: (typeof COUNTS)[number], kinds: string, name: string) =>
    `${sign === 1 ? '' : '-'}sum(p.survey IN (${kinds})${what === 'n' ? '' : ` AND p.${what} IS 1`}) AS ${name}`;
  return sql.raw(
    [...COUNTS.flatMap((what) => SURVEY_KINDS.map((k) => count(what, `'${k}'`, `${what}_${k}`))), ...COUNTS.map((what) => count(what, KINDS, `${what}_all`))].join(', '),
  );
};

const updateSet = Object.fromEntries(
  countColumns.map((c) => [c.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase()), sql.raw(`"${c}" + excluded."${c}"`)]),
);

function upsert(db: Db, into: PhraseTable, select: SQL) {
  return db.insert(into.table).select(select).onConflictDoUpdate({ target: into.target, set: updateSet });
}

/** The cell keys of the phrase rows of some answers (`responseIds`, a subquery; null: every row), at the cubes and grains of `cubes`. */
function keysSql(into: PhraseTable, tz: string, responseIds: SQL | null, cubes: SQL, rest: SQL): SQL {
  const day = localDaySql(sql`p.at`, anytimeSpans(tz));
  return sql`SELECT c.cube, c.grain,
      CASE c.grain WHEN 1 THEN ${day} WHEN 365 THEN ${yearOfDay(day)} ELSE ${monthOfDay(day)} END,
      ${into.dimSql},
      CASE WHEN c.cube & 4 THEN p.channel ELSE '' END,
      p.key, p.text, p.topic${rest}
    FROM response_phrases p ${into.join} CROSS JOIN ${cubes} c
    WHERE ${responseIds ? sql`p.response_id IN (${responseIds})` : sql`1`} AND p.counted IS 1 AND p.at IS NOT NULL AND ${into.on}`;
}

/**
 * Adds the cells of the phrase rows of some answers (`responseIds`, a subquery of response ids;
 * null: every row), untagged and by tag. Put them after the phrase rows are written, in the same
 * atomic write.
 */
export function addPhraseCells(db: Db, tz: string, responseIds: SQL | null): Statement[] {
  return TABLES.map((into) => addCells(db, into, tz, responseIds, allOf(into.cubes)));
}

const addCells = (db: Db, into: PhraseTable, tz: string, responseIds: SQL | null, cubes: SQL) =>
  upsert(db, into, sql`${keysSql(into, tz, responseIds, cubes, sql`, ${countsSql(1)}`)} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);

/**
 * Takes away the cells of the phrase rows of some answers; put it before they are deleted, in the
 * same atomic write. Cells left counting nothing are deleted: they name a phrase in the customer's
 * words, which must go with the comment (erasure, retention, an edited comment).
 */
export function removePhraseCells(db: Db, tz: string, responseIds: SQL): Statement[] {
  return TABLES.flatMap((into) => {
    const all = allOf(into.cubes);
    return [
      upsert(db, into, sql`${keysSql(into, tz, responseIds, all, sql`, ${countsSql(-1)}`)} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`),
      db
        .delete(into.table)
        .where(
          sql`n_csat = 0 AND n_nps = 0 AND n_ces = 0
            AND (cube, grain, period, ${sql.raw(into.dim)}, channel, key, text, topic) IN (${keysSql(into, tz, responseIds, all, sql``)})`,
        ),
    ];
  });
}

/** The ids of the answers in a JSON array. */
export const responseIdsIn = (json: string): SQL => sql`SELECT value FROM json_each(${json})`;

const SUMS = sql.raw(countColumns.map((c) => `sum(${c})`).join(', '));

/**
 * Every theme cell recomputed from the phrase rows: in each table the finest cube per day from
 * the rows, its months and years from its days, the coarser cubes from it. Rows from before the
 * snapshot columns take their answer's values first (once: afterwards the analysis writes them).
 */
export function phraseRebuildStatements(db: Db, tz: string): Statement[] {
  const low = SURVEY_KINDS.map((k) => `WHEN '${k}' THEN r.score <= ${LOW_SCORE_MAX[k]}`).join(' ');
  const rebuild = (into: PhraseTable) => {
    const dim = sql.raw(into.dim);
    const lengthen = (from: number, to: number, period: SQL) =>
      upsert(
        db,
        into,
        sql`SELECT cube, ${to}, ${period}, ${dim}, channel, key, text, topic, ${SUMS}
          FROM ${sql.raw(into.name)} WHERE cube = ${into.finest} AND grain = ${from} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      );
    // A coarser cube blanks the channel, and in the untagged table the team; a tag cube keeps its tag.
    const derive = (cube: number, grain: number) =>
      upsert(
        db,
        into,
        sql`SELECT ${cube}, grain, period, ${sql.raw(into.dim === 'tag' || cube & CUBE.team ? into.dim : "''")}, ${sql.raw(cube & CUBE.channel ? 'channel' : "''")},
            key, text, topic, ${SUMS}
          FROM ${sql.raw(into.name)} WHERE cube = ${into.finest} AND grain = ${grain} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      );
    return [
      addCells(db, into, tz, null, cubesTable([[into.finest, GRAIN.day]])),
      lengthen(GRAIN.day, GRAIN.month, monthOfDay(sql`period`)),
      lengthen(GRAIN.month, GRAIN.year, sql`period / 12`),
      ...into.cubes.filter((c) => c !== into.finest).flatMap((cube) => GRAINS.map((g) => derive(cube, g))),
    ];
  };
  return [
    db.delete(phraseRollups),
    db.delete(phraseTagRollups),
    db
      .update(responsePhrases)
      .set({
        at: sql`r.created_at`,
        teamId: sql`r.team_id`,
        channel: sql`r.channel`,
        survey: sql`r.survey`,
        low: sql.raw(`CASE r.survey ${low} END`),
        negative: sql`r.sentiment IS 'negative'`,
        counted: sql`r.flagged = 0`,
      })
      .from(sql`responses r`)
      .where(sql`r.id = ${responsePhrases.responseId} AND ${responsePhrases.at} IS NULL`),
    ...TABLES.flatMap(rebuild),
  ];
}

export interface PhraseSpan {
  grain: number;
  from: number;
  to: number;
  sign: 1 | -1;
}

export interface PhraseCellSelection {
  cube: number;
  teamIds: readonly string[] | null;
  /** A tag cube's tag (then `teamIds` is null: the tag cells have no team). */
  tag: string | null;
  channel: string | null;
  survey: SurveyKind | null;
  spans: readonly PhraseSpan[];
}

const kindSum = (what: (typeof COUNTS)[number], survey: SurveyKind | null) => sql.raw(`p.sign * c.${what}_${survey ?? 'all'}`);

/**
 * `columns` of the cells the spans cover, with the selection's filters and `extra`. The spans go
 * to SQLite as one JSON parameter, one entry per period: with the period, team and channel all
 * equal to a value, each period is a seek into the cells' key (for the teams of a scope, or the
 * few keys of `onlyKeys`) rather than a read of every cell of the period.
 */
function spanCells(s: PhraseCellSelection, columns: SQL, extra: SQL[]): SQL {
  const where: SQL[] = [
    sql`c.cube = ${s.cube}`,
    sql`c.grain = p.grain`,
    sql`c.period = p.period`,
    s.tag !== null
      ? sql`c.tag = ${s.tag}`
      : s.teamIds
        ? sql`c.team_id IN (SELECT value FROM json_each(${JSON.stringify(s.teamIds)}))`
        : sql`c.team_id = ''`,
    sql`c.channel = ${s.channel ?? ''}`,
    ...extra,
  ];
  const periods = JSON.stringify(s.spans.flatMap((p) => Array.from({ length: p.to - p.from + 1 }, (_, i) => [p.grain, p.from + i, p.sign])));
  return sql`WITH p(grain, period, sign) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${periods}))
    SELECT ${columns} FROM p CROSS JOIN ${sql.raw(s.tag !== null ? TAGGED.name : UNTAGGED.name)} c WHERE ${sql.join(where, sql` AND `)}`;
}

/**
 * Every phrase key and spelling's counts over the spans (signed sums of cells), as rows for
 * topPhrases; `onlyKeys` counts just those.
 */
export async function sumPhraseCells(db: Db, s: PhraseCellSelection, onlyKeys?: readonly string[]): Promise<PhraseRow[]> {
  if (s.spans.length === 0) return [];
  const extra = onlyKeys ? [sql`c.key IN (SELECT value FROM json_each(${JSON.stringify(onlyKeys)}))`] : [];
  const columns = sql`c.key, c.text, c.topic, sum(${kindSum('n', s.survey)}) AS n, sum(${kindSum('low', s.survey)}), sum(${kindSum('negative', s.survey)})`;
  return db.values<PhraseRow>(sql`${spanCells(s, columns, extra)} GROUP BY c.key, c.text, c.topic HAVING n <> 0`);
}
