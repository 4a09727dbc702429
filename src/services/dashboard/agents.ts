// The agents table: everyone in scope with their answers, scores, rank, a weekly trend and open
// follow-ups. Ranking follows src/domain/scores.ts: by the interval's lower bound, enough answers only.
import type { Deps } from '../../deps';
import { addCounts, emptyCounts } from '../../db/queries/cells';
import { countOpenFollowups } from '../../db/queries/countOpenFollowups';
import { findAgents, type AgentRow } from '../../db/queries/findAgents';
import type { AgentSort } from '../../domain/dashParams';
import { defaultBucket, monthIndexStart, monthOf, weekOf, weekStart } from '../../domain/period';
import { rankAgents } from '../../domain/scores';
import { SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { agentTotals, agentTrend, visibleOf, type CountQuery } from './counts';
import { answered, mainKind, scoreOf, type KindResult } from './summary';

export interface AgentsQuery extends CountQuery {
  /** The kind agents are ranked by; by default the one with the most answers. */
  survey: SurveyKind | null;
  minSample: number;
  sort: AgentSort;
  dir: 'asc' | 'desc';
  /** Which page to draw, from 1 (past the last: the last), of how many rows (AGENTS_PAGE_SIZE on the pages). */
  page: number;
  pageSize: number;
}

export interface AgentLine {
  agent: AgentRow;
  /** Answers of every kind in the range. */
  n: number;
  scores: Record<SurveyKind, KindResult>;
  rank: number | null;
  /** Weekly or monthly score of the ranking kind, oldest first; null where there were no answers. */
  spark: Array<number | null>;
  openFollowups: number;
}

export interface AgentsTable {
  rankKind: SurveyKind;
  /** Weekly trend for ranges up to half a year, monthly beyond. */
  sparkBucket: 'week' | 'month';
  /** First day of each sparkline bucket. */
  sparkStarts: number[];
  /** The rows of this page, in the order asked for. */
  lines: AgentLine[];
  /** This page (from 1), how many pages, rows per page, and how many agents in all. */
  page: number;
  pages: number;
  pageSize: number;
  agents: number;
  /** The kinds any agent in scope has answers of. */
  kinds: SurveyKind[];
}

/** At least eight weeks of trend, even for a short range. */
const SPARK_WEEKS = 8;

/** Rows drawn per page. Ranks and sorting are over every agent in scope; only the drawing is paged. */
export const AGENTS_PAGE_SIZE = 50;

export async function getAgentsTable(deps: Pick<Deps, 'db' | 'config'>, q: AgentsQuery): Promise<AgentsTable> {
  const v = visibleOf(q.scope, q.filter);
  const bucket = defaultBucket(q.range) === 'month' ? 'month' : 'week';
  const bucketOf = bucket === 'week' ? weekOf : monthOf;
  const startOf = bucket === 'week' ? weekStart : monthIndexStart;
  const sparkFrom = bucket === 'week' ? Math.min(q.range.from, weekStart(weekOf(q.range.to) - (SPARK_WEEKS - 1))) : q.range.from;
  const [totals, followups] = await Promise.all([
    agentTotals(deps, q),
    v ? countOpenFollowups(deps.db, v) : Promise.resolve(new Map<string, number>()),
  ]);
  const agents = v ? await findAgents(deps.db, { teamIds: v.teamIds, agentId: v.agentId, withIds: [...totals.keys()] }) : [];
  const all = emptyCounts();
  for (const c of totals.values()) addCounts(all, c);
  const rankKind = q.survey ?? mainKind(all);

  // Every agent is scored by the kinds that rank and sort them; the page's rows by every kind.
  const needed = SURVEY_KINDS.filter((k) => k === rankKind || k === q.sort);
  const lines = agents.map((agent) => {
    const total = totals.get(agent.id) ?? emptyCounts();
    const scores: Partial<Record<SurveyKind, KindResult>> = Object.fromEntries(needed.map((k) => [k, scoreOf(k, total, q.minSample)]));
    return { agent, total, n: answered(total, null), scores, openFollowups: followups.get(agent.id) ?? 0 };
  });
  const ranked = rankAgents(
    lines.map((l) => ({ ...l, key: `${(l.agent.name ?? l.agent.email).toLowerCase()}\u0000${l.agent.id}`, n: l.scores[rankKind]!.n, low: l.scores[rankKind]!.low, answers: l.n })),
    q.minSample,
  ).map(({ key: _key, low: _low, n: _n, answers, ...l }) => ({ ...l, n: answers }));
  const sorted = sortLines(ranked, q.sort, q.dir);
  const pages = Math.max(1, Math.ceil(sorted.length / q.pageSize));
  const page = Math.min(Math.max(1, q.page), pages);
  const shown: AgentLine[] = sorted.slice((page - 1) * q.pageSize, page * q.pageSize).map(({ total, scores, ...l }) => ({
    ...l,
    scores: Object.fromEntries(SURVEY_KINDS.map((k) => [k, scores[k] ?? scoreOf(k, total, q.minSample)])) as Record<SurveyKind, KindResult>,
    spark: [],
  }));

  // The sparklines of the page's agents only; a short range gets a few more weeks before it, read
  // in the same statement.
  const trend = await agentTrend(deps, { ...q, range: { from: sparkFrom, to: q.range.to } }, { bucket, kind: rankKind, agentIds: shown.map((l) => l.agent.id) });
  const first = bucketOf(sparkFrom);
  const sparkStarts = Array.from({ length: bucketOf(q.range.to) - first + 1 }, (_, i) => startOf(first + i));
  for (const line of shown) {
    line.spark = sparkStarts.map((_, i) => {
      const p = trend.get(line.agent.id)?.get(first + i);
      return p?.n ? (100 * (p.good - p.bad)) / p.n : null;
    });
  }
  return { rankKind, sparkBucket: bucket, sparkStarts, lines: shown, page, pages, pageSize: q.pageSize, agents: sorted.length, kinds: SURVEY_KINDS.filter((k) => answered(all, k) > 0) };
}

type Sortable = Pick<AgentLine, 'agent' | 'n' | 'rank' | 'openFollowups'> & { scores: Partial<Record<SurveyKind, KindResult>> };

function sortLines<L extends Sortable>(lines: L[], sort: AgentSort, dir: 'asc' | 'desc'): L[] {
  if (sort === 'rank') {
    if (dir === 'asc') return lines;
    // Worst ranked first; agents without a rank stay at the end.
    return [...lines.filter((l) => l.rank !== null).reverse(), ...lines.filter((l) => l.rank === null)];
  }
  const value = (l: L): number | string | null => {
    switch (sort) {
      case 'name':
        return (l.agent.name ?? l.agent.email).toLowerCase();
      case 'responses':
        return l.n;
      case 'followups':
        return l.openFollowups;
      default:
        return l.scores[sort]?.score ?? null;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  // Rows without a value go last either way; ties keep the rank order.
  return [...lines].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
}
