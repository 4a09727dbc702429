// A large, realistic database for the dashboard benchmark: 500 agents in 25 teams, 1,000,000
// answers (and the surveys that went unanswered) over the 13 months before `now`. Written with
// plain prepared statements in one transaction, then the rollups are rebuilt by the app's own SQL.
import type Database from 'better-sqlite3';
import { openSqlite, type SqliteHandle } from '../src/db/sqlite';
import { rebuildRollups } from '../src/services/dashboard/rollups';
import { testConfig } from '../test/helpers/deps';
import { pickWeighted, rng } from '../scripts/random';

export interface BenchShape {
  responses: number;
  agents: number;
  teams: number;
  /** Share of delivered surveys that get an answer. */
  answerRate: number;
  days: number;
}

export const BENCH_SHAPE: BenchShape = { responses: 1_000_000, agents: 500, teams: 25, answerRate: 0.67, days: 395 };

export const CHANNEL_WEIGHTS = [
  ['email', 0.4],
  ['chat', 0.3],
  ['phone', 0.15],
  ['messaging', 0.08],
  ['social', 0.05],
  ['other', 0.02],
] as const;
export const TAGS = ['billing', 'shipping', 'refund', 'login', 'bug', 'vip', 'returns', 'setup', 'account', 'outage', 'pricing', 'feedback'];

const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(7, '0')}`;

/** Fills an empty database; returns the ids the benchmark filters by. */
export function generate(sqlite: Database.Database, now: number, shape: BenchShape = BENCH_SHAPE) {
  const random = rng(42);
  const teamIds = Array.from({ length: shape.teams }, (_, i) => id('tm', i));
  const agentIds = Array.from({ length: shape.agents }, (_, i) => id('ag', i));
  const skill = agentIds.map(() => random() * 1.6 - 0.6);
  const customers = Math.round(shape.responses / 5);
  const start = now - shape.days * 86_400_000;
  const requests = Math.round(shape.responses / shape.answerRate);

  // A throwaway database: speed over durability while it is filled.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1000000');
  sqlite.transaction(() => {
    const t = sqlite.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)');
    teamIds.forEach((tid, i) => t.run(tid, `Team ${i + 1}`, start));
    const a = sqlite.prepare('INSERT INTO agents (id, email, name, team_id, created_at) VALUES (?, ?, ?, ?, ?)');
    agentIds.forEach((aid, i) => a.run(aid, `agent${i}@support.example`, `Agent ${i + 1}`, teamIds[i % shape.teams], start));
    const c = sqlite.prepare('INSERT INTO customers (id, email, name, locale, created_at) VALUES (?, ?, NULL, ?, ?)');
    for (let i = 0; i < customers; i++) c.run(id('cu', i), `customer${i}@example.com`, i % 5 === 0 ? 'es' : 'en', start);

    const ins = sqlite.prepare(
      `INSERT INTO interactions (id, external_id, customer_id, agent_id, team_id, channel, survey, tags, closed_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const req = sqlite.prepare(
      `INSERT INTO survey_requests (id, interaction_id, customer_id, survey, purpose, status, send_after, attempts, sent_at, message_id, created_at)
       VALUES (?, ?, ?, ?, 'survey', 'sent', ?, 1, ?, ?, ?)`,
    );
    const res = sqlite.prepare(
      `INSERT INTO responses (id, request_id, interaction_id, customer_id, agent_id, team_id, channel, survey, score, comment, flagged, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'explicit', ?, ?)`,
    );
    for (let i = 0; i < requests; i++) {
      // Evenly spread in time, in order (ids and timestamps grow together, as in real use).
      const closed = Math.floor(start + ((i + random()) / requests) * (now - start - 7_200_000));
      const ag = Math.floor(random() * shape.agents);
      const team = teamIds[ag % shape.teams]!;
      const channel = pickWeighted(random, CHANNEL_WEIGHTS);
      const survey = pickWeighted(random, [['csat', 0.6], ['nps', 0.25], ['ces', 0.15]] as const);
      const tagCount = Math.floor(random() * 3);
      const tags = Array.from({ length: tagCount }, () => TAGS[Math.floor(random() * random() * TAGS.length)]!);
      const cust = id('cu', Math.floor(random() * customers));
      const iid = id('in', i);
      const rid = id('rq', i);
      ins.run(iid, `EXT-${i}`, cust, agentIds[ag], team, channel, survey, JSON.stringify([...new Set(tags)]), closed, closed);
      const sent = closed + 3_600_000;
      req.run(rid, iid, cust, survey, sent, sent, `msg-${i}`, closed);
      if (random() >= shape.answerRate) continue;
      const at = sent + Math.floor(random() * 3_600_000);
      const mood = random() + skill[ag]! * 0.35;
      const score =
        survey === 'csat' ? clampInt(1 + mood * 5, 1, 5) : survey === 'nps' ? clampInt(mood * 11, 0, 10) : clampInt(1 + mood * 7, 1, 7);
      res.run(id('rs', i), rid, iid, cust, agentIds[ag], team, channel, survey, score, random() < 0.2 ? 'Thanks, that solved it.' : null, random() < 0.01 ? 1 : 0, at, at);
    }
  })();
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  return { teamIds, agentIds, tags: TAGS };
}

const clampInt = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(x)));

/** Opens (or builds once and keeps) the benchmark database at `path`. */
export async function benchDatabase(
  path: string,
  now: number,
  fresh: boolean,
  shape: BenchShape = BENCH_SHAPE,
): Promise<{ handle: SqliteHandle; built: boolean; seconds: number; rebuildSeconds: number }> {
  const t0 = performance.now();
  const handle = openSqlite(path);
  const count = (handle.sqlite.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  if (count > 0 && !fresh) return { handle, built: false, seconds: 0, rebuildSeconds: 0 };
  if (count > 0) throw new Error(`${path} already holds data; delete it to rebuild`);
  generate(handle.sqlite, now, shape);
  const config = testConfig({ TIME_ZONE: 'UTC' });
  // The same work as `heard rollups rebuild`: its time is the capacity plan's rebuild figure.
  const t1 = performance.now();
  await rebuildRollups({ db: handle.db, atomic: handle.atomic, config, clock: () => now });
  const rebuildSeconds = (performance.now() - t1) / 1000;
  handle.sqlite.exec('ANALYZE');
  return { handle, built: true, seconds: (performance.now() - t0) / 1000, rebuildSeconds };
}
