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
  // One pass, grouped by spelling too: the keys' totals and their names are summed from its rows.
  const rows = await db.values<PhraseRow>(
    sql`SELECT p.key, p.text, p.topic, COUNT(*), SUM(${lowScoreSql}), SUM(r.sentiment = 'negative')
      FROM responses r ${tagJoin(s, true)} CROSS JOIN response_phrases p ON p.response_id = r.id
      WHERE ${joinAnd(where)}
      GROUP BY p.key, p.text, p.topic`,
  );
  return topPhrases(rows, limit, onlyKeys);
}

/** Counts of one phrase key and spelling: `[key, text, topic, responses, low, negative]`. */
export type PhraseRow = [key: string, text: string, topic: number, n: number, low: number | null, negative: number | null];

/**
 * The `limit` most frequent keys of `rows` (most responses first, then by key), each named by its
 * most common spelling written as a topic; without `onlyKeys`, only keys that at least
 * MIN_THEME_RESPONSES comments write as a topic.
 */
export function topPhrases(rows: readonly PhraseRow[], limit: number, onlyKeys?: readonly string[]): PhraseCount[] {
  const byKey = new Map<string, PhraseCount & { topics: number }>();
  const spellings: Array<{ key: string; text: string; n: number }> = [];
  for (const [key, text, topic, n, low, negative] of rows) {
    let k = byKey.get(key);
    if (!k) byKey.set(key, (k = { key, text: key, responses: 0, low: 0, negative: 0, topics: 0 }));
    k.responses += Number(n);
    k.low += Number(low ?? 0);
    k.negative += Number(negative ?? 0);
    if (Number(topic)) {
      k.topics += Number(n);
      spellings.push({ key, text, n: Number(n) });
    }
  }
  const top = [...byKey.values()]
    .filter((k) => k.responses > 0 && (onlyKeys || k.topics >= MIN_THEME_RESPONSES))
    .sort((a, b) => b.responses - a.responses || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit)
    .map(({ key, responses, low, negative }) => ({ key, responses, low, negative }));
  return namedBySpelling(top, spellings);
}

/** Each phrase named by its most common spelling (the first in order among equals), else its key. */
function namedBySpelling<T extends { key: string }>(top: T[], spellings: ReadonlyArray<{ key: string; text: string; n: number }>): Array<T & { text: string }> {
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
