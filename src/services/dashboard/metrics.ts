// The numbers of the pages as data, for GET /api/v1/metrics: one survey kind, one range, split
// by nothing, a time bucket, team, channel or agent. Values are rounded as the pages show them.
import type { Deps } from '../../deps';
import { addCounts, emptyCounts, type Counts } from '../../db/queries/cells';
import { findAgents } from '../../db/queries/findAgents';
import { findTeams } from '../../db/queries/findTeams';
import { bucketIndex, bucketsOf, isoDate } from '../../domain/period';
import { meanOf, round1 } from '../../domain/scores';
import type { SurveyKind } from '../../domain/surveys';
import { countsBy, dailyCounts, type CountQuery } from './counts';
import { rateOf, scoreOf } from './summary';

export const GROUP_BYS = ['none', 'day', 'week', 'month', 'team', 'channel', 'agent'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface MetricsQuery extends CountQuery {
  survey: SurveyKind;
  groupBy: GroupBy;
  minSample: number;
}

export interface MetricRow {
  /** Bucket start (YYYY-MM-DD), team id, channel, agent id; 'all' without grouping; null for "no team". */
  key: string | null;
  label: string | null;
  from?: string;
  to?: string;
  n: number;
  score: number | null;
  low: number | null;
  high: number | null;
  /** Below the minimum sample: shown greyed and not ranked on the pages. */
  enough: boolean;
  mean: number | null;
  /** Not given when split by agent (the agent rollups do not keep deliveries). */
  delivered?: number;
  responseRate?: number | null;
}

function row(q: MetricsQuery, key: string | null, label: string | null, c: Counts, withRate: boolean): MetricRow {
  const r = scoreOf(q.survey, c, q.minSample);
  const rate = rateOf(c, q.survey);
  return {
    key,
    label,
    n: r.n,
    score: round1(r.score),
    low: round1(r.low),
    high: round1(r.high),
    enough: r.enough,
    mean: round1(meanOf(r)),
    ...(withRate ? { delivered: rate.sent, responseRate: round1(rate.rate) } : {}),
  };
}

export async function getMetrics(deps: Pick<Deps, 'db' | 'config'>, q: MetricsQuery): Promise<MetricRow[]> {
  switch (q.groupBy) {
    case 'none': {
      const total = emptyCounts();
      for (const c of (await dailyCounts(deps, q)).values()) addCounts(total, c);
      return [row(q, 'all', null, total, true)];
    }
    case 'day':
    case 'week':
    case 'month': {
      const buckets = bucketsOf(q.range, q.groupBy);
      const per = buckets.map(() => emptyCounts());
      for (const [day, c] of await dailyCounts(deps, q)) addCounts(per[bucketIndex(q.range, q.groupBy, day)]!, c);
      return buckets.map((b, i) => ({ ...row(q, b.key, null, per[i]!, true), from: isoDate(b.from), to: isoDate(b.to) }));
    }
    case 'team': {
      const split = await countsBy(deps, q, 'team');
      const names = new Map((await findTeams(deps.db, [...split.keys()])).map((t) => [t.id, t.name]));
      return byVolume([...split].map(([id, c]) => row(q, id || null, id ? (names.get(id) ?? null) : null, c, true)));
    }
    case 'channel':
      return byVolume([...(await countsBy(deps, q, 'channel'))].map(([ch, c]) => row(q, ch, ch, c, true)));
    case 'agent': {
      const split = await countsBy(deps, q, 'agent');
      const agents = new Map((await findAgents(deps.db, { teamIds: [], agentId: null, withIds: [...split.keys()] })).map((a) => [a.id, a]));
      return byVolume([...split].map(([id, c]) => row(q, id, agents.get(id)?.name ?? agents.get(id)?.email ?? null, c, false)));
    }
  }
}

/** Most answers first; keys break ties so the order is stable. */
const byVolume = (rows: MetricRow[]) =>
  rows.filter((r) => r.n > 0 || (r.delivered ?? 0) > 0).sort((a, b) => b.n - a.n || String(a.key).localeCompare(String(b.key)));
