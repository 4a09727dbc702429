// Themes for a scope, filters and period: admins' own (pinned, renamed, merged) and the phrases
// customers repeat most, each with its share of comments, share negative, share of low scores and
// trend against the previous period of the same length.
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { responsePhrases, themes } from '../../db/schema';
import { countComments, countPhrases, countTheme, topPhrases, type CommentSelection, type ThemeMatch } from '../../db/queries/countPhrases';
import { CUBE, GRAIN } from '../../db/queries/cells';
import { sumPhraseCells } from '../../db/queries/phraseCells';
import { coverRange } from '../../domain/cover';
import { previousRange, rangeMs, type DayRange } from '../../domain/period';
import type { SurveyKind } from '../../domain/surveys';
import { pickThemes, searchTerms, trendOf, type PhraseCount, type Trend } from '../../domain/themes';
import { commentTotals, visibleOf, type CountQuery, type Visible } from '../dashboard/counts';
import { stemsOf } from '../../analysers/languages';

export interface ThemeQuery extends CountQuery {
  survey: SurveyKind | null;
  limit: number;
}

export interface Theme {
  /** `k:<phrase key>` for a phrase nobody touched, `t:<id>` for an admin's theme: what links carry. */
  ref: string;
  name: string;
  pinned: boolean;
  responses: number;
  /** Of the period's analysed comments. */
  share: number;
  negativeShare: number;
  /** Share of the theme's answers with a low score (NPS detractors, CSAT 1-2, CES 1-3). */
  lowShare: number;
  previous: number;
  trend: Trend;
}

export interface ThemeReport {
  range: DayRange;
  previous: DayRange;
  comments: { now: number; before: number; negativeShare: number };
  themes: Theme[];
}

export type AdminTheme = typeof themes.$inferSelect;

/** Keys and words an admin theme stands for. */
export const matchOf = (t: Pick<AdminTheme, 'keys' | 'keywords'>): ThemeMatch => ({
  keys: JSON.parse(t.keys) as string[],
  terms: (JSON.parse(t.keywords) as string[]).flatMap(searchTerms),
});

const ratio = (n: number, d: number) => (d ? n / d : 0);
/** Phrase counts read per period: enough to pick from after admins' themes take their keys. */
const CANDIDATES = 200;

export async function getThemes(deps: Pick<Deps, 'db' | 'config'>, q: ThemeQuery): Promise<ThemeReport> {
  const previous = previousRange(q.range);
  const empty = { range: q.range, previous, comments: { now: 0, before: 0, negativeShare: 0 }, themes: [] };
  const v = visibleOf(q.scope, q.filter);
  if (!v) return empty;
  const tz = deps.config.timeZone;
  const now: CommentSelection = { ...rangeMs(q.range, tz), ...v, survey: q.survey };
  const before: CommentSelection = { ...rangeMs(previous, tz), ...v, survey: q.survey };

  // The comment totals come from the rollup cells (one agent's from the raw rows).
  const comments = async (sel: CommentSelection, range: DayRange) => (await commentTotals(deps, { ...q, range }, q.survey)) ?? countComments(deps.db, sel);
  const [admin, totalNow, totalBefore, phrases] = await Promise.all([
    deps.db.select().from(themes),
    comments(now, q.range),
    comments(before, previous),
    phraseCounts(deps, v, now, q.range, CANDIDATES),
  ]);
  const claimed = new Set(admin.flatMap((t) => matchOf(t).keys));
  const discovered = pickThemes(phrases.filter((p) => !claimed.has(p.key)), q.limit);
  const earlier = new Map(
    discovered.length ? (await phraseCounts(deps, v, before, previous, discovered.length, discovered.map((d) => d.key))).map((p) => [p.key, p.responses]) : [],
  );
  const build = (ref: string, name: string, pinned: boolean, c: { responses: number; low: number; negative: number }, prev: number): Theme => ({
    ref,
    name,
    pinned,
    responses: c.responses,
    share: ratio(c.responses, totalNow.total),
    negativeShare: ratio(c.negative, c.responses),
    lowShare: ratio(c.low, c.responses),
    previous: prev,
    trend: trendOf({ n: c.responses, total: totalNow.total }, { n: prev, total: totalBefore.total }),
  });

  const own = await Promise.all(
    admin
      .filter((t) => !t.hidden)
      .map(async (t) => {
        const [c, p] = await Promise.all([countTheme(deps.db, now, matchOf(t)), countTheme(deps.db, before, matchOf(t))]);
        return build(`t:${t.id}`, t.name, t.pinned, c, p.responses);
      }),
  );
  const found = discovered.map((d) => build(`k:${d.key}`, d.text, false, d, earlier.get(d.key) ?? 0));
  const all = [...own.filter((t) => t.pinned || t.responses > 0), ...found].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.responses - a.responses || a.name.localeCompare(b.name),
  );
  return {
    range: q.range,
    previous,
    comments: { now: totalNow.total, before: totalBefore.total, negativeShare: ratio(totalNow.negative, totalNow.total) },
    themes: all.slice(0, Math.max(q.limit, own.filter((t) => t.pinned).length)),
  };
}

/**
 * The most frequent phrases of a period (as countPhrases): from the theme cells (by tag for a tag
 * filter), the fewest year, month and day cells that add up to the range; for one agent, or a tag
 * with a team (which no cells split by), from the phrase rows.
 */
async function phraseCounts(
  deps: Pick<Deps, 'db'>,
  v: Visible,
  sel: CommentSelection,
  range: DayRange,
  limit: number,
  onlyKeys?: readonly string[],
): Promise<PhraseCount[]> {
  if (v.agentId !== null || (v.tag !== null && v.teamIds !== null)) return countPhrases(deps.db, sel, limit, onlyKeys);
  const cells = {
    cube: (v.teamIds ? CUBE.team : 0) | (v.channel !== null ? CUBE.channel : 0) | (v.tag !== null ? CUBE.tag : 0),
    teamIds: v.teamIds,
    tag: v.tag,
    channel: v.channel,
    survey: sel.survey,
    spans: coverRange(range, { weeks: false, months: true, years: true, day: 1 }).map((p) => ({ ...p, grain: GRAIN[p.grain] })),
  };
  return topPhrases(await sumPhraseCells(deps.db, cells, onlyKeys), limit, onlyKeys);
}

/** What a theme link (`ref`) selects, for the responses list; null when it names nothing. */
export async function themeMatch(deps: Pick<Deps, 'db'>, ref: string): Promise<ThemeMatch | null> {
  if (ref.startsWith('k:') && ref.length > 2) return { keys: [ref.slice(2)], terms: [] };
  if (!ref.startsWith('t:')) return null;
  const [t] = await deps.db.select().from(themes).where(eq(themes.id, ref.slice(2)));
  return t ? matchOf(t) : null;
}

/** A comment search: each word must appear as typed (any language) or as a phrase sharing its stem. */
export const searchMatches = (text: string | null): ThemeMatch[] => (text ? searchTerms(text).map((t) => ({ keys: stemsOf(t), terms: [t] })) : []);

/** A theme's name for a filter chip: the admin's, else the phrase's most common spelling. */
export async function themeName(deps: Pick<Deps, 'db'>, ref: string): Promise<string | null> {
  if (ref.startsWith('t:')) {
    const [t] = await deps.db.select({ name: themes.name }).from(themes).where(eq(themes.id, ref.slice(2)));
    return t?.name ?? null;
  }
  if (!ref.startsWith('k:')) return null;
  const [p] = await deps.db
    .select({ text: responsePhrases.text, n: sql<number>`count(*)` })
    .from(responsePhrases)
    .where(eq(responsePhrases.key, ref.slice(2)))
    .groupBy(responsePhrases.text)
    .orderBy(sql`max(${responsePhrases.topic}) desc`, sql`2 desc`)
    .limit(1);
  return p?.text ?? null;
}
