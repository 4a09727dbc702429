// Theme counts: phrases of counted, analysed comments in a time window, with how many came with a
// low score and how many read negative. Bounded: the top keys first, their spellings second.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import { LOW_SCORE_MAX } from '../../domain/followups';
import { likePattern, MIN_THEME_RESPONSES, type PhraseCount } from '../../domain/themes';
import type { SurveyKind } from '../../domain/surveys';
import { factFilters, tagJoin, type RawSelection } from './sumResponses';

export interface CommentSelection extends Pick<RawSelection, 'start' | 'end' | 'teamIds' | 'agentId' | 'channel' | 'tag'> {
  survey: SurveyKind | null;
}

/** What one theme stands for: phrase keys, and keywords matched in the comment text. */
export interface ThemeMatch {
  keys: readonly string[];
  terms: readonly string[];
}

export const lowScoreSql = sql.raw(
  `(CASE r.survey WHEN 'nps' THEN r.score <= ${LOW_SCORE_MAX.nps} WHEN 'csat' THEN r.score <= ${LOW_SCORE_MAX.csat} ELSE r.score <= ${LOW_SCORE_MAX.ces} END)`,
);

export function commentFilters(s: CommentSelection): SQL[] {
  const where = [sql`r.flagged = 0`, sql`r.created_at >= ${s.start}`, sql`r.created_at < ${s.end}`, ...factFilters('r', s)];
  if (s.survey) where.push(sql`r.survey = ${s.survey}`);
  return where;
}

/** Responses of `r` matching a theme: one of its phrases, or one of its words in the comment. */
export function themeCondition(m: ThemeMatch): SQL {
  const parts: SQL[] = [];
  if (m.keys.length) {
    parts.push(sql`EXISTS (SELECT 1 FROM response_phrases p WHERE p.response_id = r.id AND p.key IN (SELECT value FROM json_each(${JSON.stringify(m.keys)})))`);
  }
  for (const t of m.terms) parts.push(sql`r.comment LIKE ${likePattern(t)} ESCAPE '\\'`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`0`;
}

const joinAnd = (where: SQL[]) => sql.join(where, sql` AND `);

/** Analysed comments in the window, and how many read negative. */
export async function countComments(db: Db, s: CommentSelection): Promise<{ total: number; negative: number }> {
  const [row] = await db.all<{ total: number; negative: number | null }>(
    sql`SELECT COUNT(*) AS total, SUM(r.sentiment = 'negative') AS negative FROM responses r
      ${tagJoin(s)}
      WHERE ${joinAnd([...commentFilters(s), sql`r.sentiment IS NOT NULL`])}`,
  );
  return { total: row?.total ?? 0, negative: row?.negative ?? 0 };
}

/**
 * The most frequent phrases, each named by its most common spelling that reads as a topic. Among
 * all keys, one that fewer than MIN_THEME_RESPONSES comments write as a topic ("told", "fast") is
 * no theme; keys asked for by name (`onlyKeys`, a previous period) are counted whatever they read as.
 */
export async function countPhrases(db: Db, s: CommentSelection, limit: number, onlyKeys?: readonly string[]): Promise<PhraseCount[]> {
  // Only analysed answers have phrases: the condition lets SQLite read the answers from the
  // comments' index (or one agent's), each driving a look-up of its phrases (CROSS JOIN keeps that
  // order), instead of every phrase of every period joined to its answer.
  const where = [...commentFilters(s), sql`r.sentiment IS NOT NULL`];
  // `+p.key`: the keys filter the phrases each answer leads to; as an index term SQLite would probe every key for every answer.
  if (onlyKeys) where.push(sql`+p.key IN (SELECT value FROM json_each(${JSON.stringify(onlyKeys)}))`);
  const topics = onlyKeys ? sql`` : sql`HAVING SUM(p.topic) >= ${MIN_THEME_RESPONSES}`;
  const top = await db.all<{ key: string; responses: number; low: number; negative: number }>(
    sql`SELECT p.key, COUNT(*) AS responses, SUM(${lowScoreSql}) AS low, SUM(r.sentiment = 'negative') AS negative
      FROM responses r ${tagJoin(s, true)} CROSS JOIN response_phrases p ON p.response_id = r.id
      WHERE ${joinAnd(where)}
      GROUP BY p.key ${topics} ORDER BY responses DESC, p.key LIMIT ${limit}`,
  );
  if (top.length === 0) return [];
  const spellings = await db.all<{ key: string; text: string; n: number }>(
    sql`SELECT p.key, p.text, COUNT(*) AS n
      FROM responses r ${tagJoin(s, true)} CROSS JOIN response_phrases p ON p.response_id = r.id
      WHERE ${joinAnd([...commentFilters(s), sql`r.sentiment IS NOT NULL`, sql`p.topic = 1`, sql`+p.key IN (SELECT value FROM json_each(${JSON.stringify(top.map((t) => t.key))}))`])}
      GROUP BY p.key, p.text`,
  );
  return namedBySpelling(top, spellings);
}

/** Each phrase named by its most common spelling (the first in order among equals), else its key. */
export function namedBySpelling<T extends { key: string }>(top: T[], spellings: ReadonlyArray<{ key: string; text: string; n: number }>): Array<T & { text: string }> {
  const best = new Map<string, { text: string; n: number }>();
  for (const sp of spellings) {
    const b = best.get(sp.key);
    if (!b || sp.n > b.n || (sp.n === b.n && sp.text < b.text)) best.set(sp.key, sp);
  }
  return top.map((t) => ({ ...t, text: best.get(t.key)?.text ?? t.key }));
}

/** One theme's counts: distinct responses matching any of its phrases or words. */
export async function countTheme(db: Db, s: CommentSelection, m: ThemeMatch): Promise<{ responses: number; low: number; negative: number }> {
  const [row] = await db.all<{ responses: number; low: number | null; negative: number | null }>(
    sql`SELECT COUNT(*) AS responses, SUM(${lowScoreSql}) AS low, SUM(r.sentiment = 'negative') AS negative
      FROM responses r ${tagJoin(s)}
      WHERE ${joinAnd([...commentFilters(s), themeCondition(m)])}`,
  );
  return { responses: row?.responses ?? 0, low: row?.low ?? 0, negative: row?.negative ?? 0 };
}
