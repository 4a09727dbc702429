// Themes from counted phrases: which phrases to show, how they trend, how comment searches and
// admins' keywords read. Pure: the counts come in, the choices go out.

export interface PhraseCount {
  key: string;
  /** The most common way customers wrote it: the theme's name. */
  text: string;
  responses: number;
  low: number;
  negative: number;
}

/** Phrases seen in fewer comments than this are not themes yet. */
export const MIN_THEME_RESPONSES = 3;

const words = (key: string) => key.split(' ');
const contains = (long: string, short: string) => ` ${long} `.includes(` ${short} `);

/**
 * The top phrases, one per topic. A phrase is named by a longer one holding it when at least half
 * of its comments use that ("customer" is shown as "customer service"). A phrase inside a chosen
 * one is left out; a longer phrase replaces a shorter one it contains when at least half of the
 * shorter one's comments use it, and is otherwise left out unless it was reached as such a name
 * ("customer service" beside "service").
 */
export function pickThemes(counts: readonly PhraseCount[], limit: number): PhraseCount[] {
  const sorted = [...counts].filter((c) => c.responses >= MIN_THEME_RESPONSES).sort((a, b) => b.responses - a.responses || a.key.localeCompare(b.key));
  const longerName = (c: PhraseCount) =>
    sorted.find((l) => words(l.key).length > words(c.key).length && contains(l.key, c.key) && l.responses * 2 >= c.responses);
  const chosen: PhraseCount[] = [];
  for (const found of sorted) {
    const c = longerName(found) ?? found;
    if (chosen.some((s) => contains(s.key, c.key))) continue;
    const inside = chosen.findIndex((s) => contains(c.key, s.key));
    if (inside !== -1 && c.responses * 2 >= chosen[inside]!.responses) chosen[inside] = c;
    else if (inside === -1 || c !== found) chosen.push(c);
    if (chosen.length >= limit * 2) break;
  }
  return chosen.slice(0, limit);
}

export type Trend = 'new' | 'up' | 'down' | 'flat';

/** The theme's share of comments against the previous period: up or down by a quarter or more. */
export function trendOf(now: { n: number; total: number }, before: { n: number; total: number }): Trend {
  const shareNow = now.total ? now.n / now.total : 0;
  const shareBefore = before.total ? before.n / before.total : 0;
  if (shareBefore === 0) return now.n > 0 ? 'new' : 'flat';
  if (shareNow >= shareBefore * 1.25) return 'up';
  if (shareNow <= shareBefore * 0.8) return 'down';
  return 'flat';
}

/** Up to five words of a comment search or a theme's keywords; Chinese text is matched as typed. */
export function searchTerms(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/u).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))]
    .slice(0, 5)
    .map((t) => t.slice(0, 50));
}

/** A term for SQL LIKE, its wildcards taken literally (with ESCAPE '\'). */
export const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
