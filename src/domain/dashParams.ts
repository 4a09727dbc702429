// What the dashboards' URLs say: range, filters, survey kind, buckets, drill-down and paging.
// Reading is lenient (a value that makes no sense is ignored, the page still answers) because
// people edit and share these URLs; links are written back with only the values that are set.
import { SENTIMENTS, type Sentiment } from '../analysers/analyser';
import { CHANNELS, type Channel } from './channels';
import { BUCKETS, PRESETS, type Bucket, type Preset } from './period';
import { SURVEY_KINDS, type SurveyKind } from './surveys';

/** The agents table's sort keys. */
export const AGENT_SORTS = ['rank', 'name', 'responses', 'csat', 'nps', 'ces', 'followups'] as const;
export type AgentSort = (typeof AGENT_SORTS)[number];

/** Drill-downs by a group of scores rather than one score. */
export const SCORE_GROUPS = ['promoters', 'passives', 'detractors', 'low', 'high'] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

export interface DashParams {
  preset: Preset | null;
  from: string | null;
  to: string | null;
  team: string | null;
  agent: string | null;
  channel: Channel | null;
  survey: SurveyKind | null;
  tag: string | null;
  bucket: Bucket | null;
  /** Drill-down: one score or a group of scores (with a survey kind). */
  score: number | ScoreGroup | null;
  /** Responses list: only those with a comment. */
  comments: boolean;
  /** insight: responses whose comment reads so. */
  sentiment: Sentiment | null;
  /** insight: words searched in comments. */
  q: string | null;
  /** insight: a theme's ref (src/services/insight/themes.ts). */
  theme: string | null;
  cursor: string | null;
  sort: AgentSort | null;
  dir: 'asc' | 'desc' | null;
  /** dashviews: the agents table's page, from 1. */
  page: number | null;
  /** survey design: responses that ticked this reason key, or answered "resolved" yes/no. */
  reason: string | null;
  resolved: 'yes' | 'no' | null;
}

export const EMPTY_PARAMS: DashParams = {
  preset: null,
  from: null,
  to: null,
  team: null,
  agent: null,
  channel: null,
  survey: null,
  tag: null,
  bucket: null,
  score: null,
  comments: false,
  sentiment: null,
  q: null,
  theme: null,
  cursor: null,
  sort: null,
  dir: null,
  page: null,
  reason: null,
  resolved: null,
};

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | null => list.find((x) => x === v) ?? null;
const text = (v: string | undefined, max: number): string | null => {
  const t = v?.trim();
  return t ? t.slice(0, max) : null;
};
const isoDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export function readParams(q: Record<string, string | undefined>): DashParams {
  const scoreText = q.score?.trim();
  return {
    preset: oneOf(PRESETS, q.preset),
    from: isoDay(q.from),
    to: isoDay(q.to),
    team: text(q.team, 100),
    agent: text(q.agent, 100),
    channel: oneOf(CHANNELS, q.channel),
    survey: oneOf(SURVEY_KINDS, q.survey),
    tag: text(q.tag, 50),
    bucket: oneOf(BUCKETS, q.bucket),
    score: scoreText && /^\d{1,2}$/.test(scoreText) ? Number(scoreText) : oneOf(SCORE_GROUPS, scoreText),
    comments: q.comments === '1',
    sentiment: oneOf(SENTIMENTS, q.sentiment),
    q: text(q.q, 200),
    theme: text(q.theme, 210),
    cursor: text(q.cursor, 200),
    sort: oneOf(AGENT_SORTS, q.sort),
    dir: oneOf(['asc', 'desc'] as const, q.dir),
    page: q.page && /^[1-9]\d{0,4}$/.test(q.page) ? Number(q.page) : null,
    reason: q.reason && /^[a-z0-9_]{1,40}$/.test(q.reason) ? q.reason : null,
    resolved: oneOf(['yes', 'no'] as const, q.resolved),
  };
}

/** A dashboard URL carrying only the values that are set. */
export function dashUrl(path: string, p: Partial<DashParams>): string {
  const search = new URLSearchParams();
  const order: Array<keyof DashParams> = ['preset', 'from', 'to', 'team', 'agent', 'channel', 'survey', 'tag', 'bucket', 'score', 'comments', 'sentiment', 'q', 'theme', 'sort', 'dir', 'reason', 'resolved', 'cursor', 'page'];
  for (const key of order) {
    const v = p[key];
    if (v === null || v === undefined || v === false || v === '') continue;
    search.set(key, v === true ? '1' : String(v));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * dashUrl with a custom range, for many ranges over the same filters (a by-day trend links each of
 * its 365 points): the rest of the query is built once. `from` and `to` lead the query when the
 * preset is empty, as in dashUrl's order.
 */
export function rangeUrl(path: string, p: Partial<DashParams>): (from: string, to: string) => string {
  const rest = dashUrl('', { ...p, preset: null, from: null, to: null });
  return (from, to) => `${path}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${rest ? `&${rest.slice(1)}` : ''}`;
}

/** The filters that carry over from one dashboard page to another (range and facets). */
export function carried(p: DashParams): Partial<DashParams> {
  return { preset: p.preset, from: p.from, to: p.to, team: p.team, agent: p.agent, channel: p.channel, survey: p.survey, tag: p.tag };
}
