// The responses behind the numbers: a filtered, paged list (and the same rows for the CSV export).
import type { Sentiment } from '../../analysers/analyser';
import type { ThemeMatch } from '../../db/queries/countPhrases';
import type { Deps } from '../../deps';
import { findResponses, type ResponseRow } from '../../db/queries/findResponses';
import { rangeMs } from '../../domain/period';
import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from '../../domain/scores';
import { SCALES, scaleOf, type SurveyKind } from '../../domain/surveys';
import { ticketUrlOf } from '../connections';
import { decodeCursor, encodeCursor } from '../responses';
import { visibleOf, type CountQuery } from './counts';

export const SCORE_GROUPS = ['promoters', 'passives', 'detractors', 'low', 'high'] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

export interface ResponseListQuery extends CountQuery {
  survey: SurveyKind | null;
  /** One score, or a named group of scores (needs a survey kind). */
  score: number | ScoreGroup | null;
  withComment: boolean;
  /** insight: sentiment, and theme or search matches that must all hold. */
  sentiment?: Sentiment | null;
  matches?: readonly ThemeMatch[];
  cursor: string | null;
  limit: number;
  /** survey design: the Reasons chart and FCR tile drill down by these. */
  reason?: string | null;
  resolved?: boolean | null;
}

/** The scores a group stands for: NPS groups, or the bottom/top of any scale (CSAT 1-2 / 4-5, CES 1-3 / 5-7). */
export function scoresOf(kind: SurveyKind, score: number | ScoreGroup): number[] {
  if (typeof score === 'number') return [score];
  const all = scaleOf(kind);
  const { max } = SCALES[kind];
  switch (score) {
    case 'promoters':
      return all.filter((s) => s >= NPS_PROMOTER_MIN);
    case 'passives':
      return all.filter((s) => s > NPS_DETRACTOR_MAX && s < NPS_PROMOTER_MIN);
    case 'detractors':
      return all.filter((s) => s <= NPS_DETRACTOR_MAX);
    case 'low':
      return kind === 'nps' ? all.filter((s) => s <= NPS_DETRACTOR_MAX) : all.filter((s) => s <= (kind === 'csat' ? 2 : 3));
    case 'high':
      return kind === 'nps' ? all.filter((s) => s >= NPS_PROMOTER_MIN) : all.filter((s) => s >= max - (kind === 'csat' ? 1 : 2));
  }
}

/** A listed response, with the link to its helpdesk ticket where there is one. */
export type ListedResponse = ResponseRow & { ticketUrl: string | null };

export interface ResponsePage {
  rows: ListedResponse[];
  nextCursor: string | null;
}

export async function listDashboardResponses(deps: Pick<Deps, 'db' | 'config'>, q: ResponseListQuery): Promise<ResponsePage> {
  const v = visibleOf(q.scope, q.filter);
  if (!v) return { rows: [], nextCursor: null };
  const { start, end } = rangeMs(q.range, deps.config.timeZone);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await findResponses(deps.db, {
    start,
    end,
    ...v,
    survey: q.survey,
    scores: q.survey && q.score !== null ? scoresOf(q.survey, q.score) : null,
    withComment: q.withComment,
    sentiment: q.sentiment ?? null,
    matches: q.matches ?? [],
    after,
    limit: q.limit + 1,
    reason: q.reason ?? null,
    resolved: q.resolved ?? null,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { rows: page.map((r) => ({ ...r, ticketUrl: ticketUrlOf(r) })), nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Every matching row, a page at a time: what the CSV export streams. */
export async function* allDashboardResponses(
  deps: Pick<Deps, 'db' | 'config'>,
  q: Omit<ResponseListQuery, 'cursor' | 'limit'>,
  pageSize = 500,
): AsyncGenerator<ListedResponse> {
  let cursor: string | null = null;
  do {
    const page = await listDashboardResponses(deps, { ...q, cursor, limit: pageSize });
    yield* page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}
