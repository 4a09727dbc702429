// History for dashboard tests: deterministic random interactions with answered and unanswered
// surveys, written through the import writer (so the rollups are maintained as in real use), and
// the same rows kept in memory to compute what the dashboards must show, independently of SQL.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../src/deps';
import type { Channel } from '../../src/db/schema';
import { dayNumber } from '../../src/domain/timeZone';
import { SCALES, type SurveyKind } from '../../src/domain/surveys';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { pickFrom, rng } from '../../scripts/random';

export const TEAMS = ['Tier 1', 'Tier 2', 'Billing'];
export const AGENTS = Array.from({ length: 7 }, (_, i) => ({ email: `agent${i}@support.example`, name: `Agent ${i}`, team: TEAMS[i % 3]! }));
const CHANNELS: Channel[] = ['email', 'chat', 'phone'];
const KINDS: SurveyKind[] = ['csat', 'csat', 'nps', 'ces'];
const TAGS = ['billing', 'refund', 'vip'];

export interface SeedOptions {
  count: number;
  /** Interactions close between these instants. */
  from: number;
  to: number;
  seed?: number;
}

/** Random history; about 70% answered, a few answers imported. */
export function historyRows(o: SeedOptions): HistoryRow[] {
  const random = rng(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => pickFrom(random, xs);
  return Array.from({ length: o.count }, (_, i) => {
    const closedAt = Math.floor(o.from + random() * (o.to - o.from));
    const agent = pick(AGENTS);
    const survey = pick(KINDS);
    const { min, max } = SCALES[survey];
    const answered = random() < 0.7;
    const at = closedAt + 3_600_000 + Math.floor(random() * 30 * 3_600_000);
    const tags = TAGS.filter(() => random() < 0.35);
    return {
      externalId: `H-${o.seed ?? 7}-${i}`,
      closedAt,
      sentAt: closedAt + 3_600_000,
      agent: { email: agent.email, name: agent.name },
      // A few interactions come without a team.
      team: random() < 0.05 ? null : agent.team,
      channel: pick(CHANNELS),
      customer: { email: `customer${Math.floor(random() * 40)}@example.com`, name: null, locale: null },
      survey,
      tags: random() < 0.1 ? [...tags, ...tags] : tags,
      response: answered
        ? {
            score: min + Math.floor(random() * (max - min + 1)),
            comment: random() < 0.3 ? `Comment ${i}, "quoted"` : null,
            at,
            source: random() < 0.1 ? ('import' as const) : ('explicit' as const),
          }
        : null,
    };
  });
}

export async function seedHistory(deps: Deps, o: SeedOptions): Promise<HistoryRow[]> {
  const rows = historyRows(o);
  for (let i = 0; i < rows.length; i += 100) await recordHistory(deps, rows.slice(i, i + 100));
  return rows;
}

export async function idsByName(deps: Deps) {
  const teams = await deps.db.all<{ id: string; name: string }>(sql`SELECT id, name FROM teams`);
  const agents = await deps.db.all<{ id: string; email: string }>(sql`SELECT id, email FROM agents`);
  return {
    team: (name: string) => teams.find((t) => t.name === name)!.id,
    agent: (email: string) => agents.find((a) => a.email === email)!.id,
  };
}

/** What a dashboard must count, worked out from the rows in memory. */
export interface Expected {
  answers: Record<SurveyKind, number[]>;
  sent: number;
  direct: number;
}

export function expectedFor(
  rows: readonly HistoryRow[],
  tz: string,
  range: { from: number; to: number },
  keep: (r: HistoryRow) => boolean,
): Expected {
  const e: Expected = { answers: { csat: [0, 0, 0, 0, 0, 0], nps: new Array(11).fill(0), ces: new Array(8).fill(0) }, sent: 0, direct: 0 };
  const inRange = (ms: number) => {
    const d = dayNumber(ms, tz);
    return d >= range.from && d <= range.to;
  };
  for (const r of rows) {
    if (!keep(r)) continue;
    const imported = r.response?.source === 'import';
    if (!imported && inRange(r.sentAt)) e.sent++;
    if (r.response && inRange(r.response.at)) {
      e.answers[r.survey][r.response.score]!++;
      if (!imported) e.direct++;
    }
  }
  return e;
}
