// A large, realistic database for the dashboard benchmark: 500 agents in 25 teams, 1,000,000
// answers (and the surveys that went unanswered) over the 13 months before `now`; larger sizes
// span proportionally more years at the same daily volume, as a team's history grows. Written
// with plain prepared statements into tables stripped of their secondary indexes (rebuilt once at
// the end: sorting once is far cheaper than keeping random-keyed indexes up to date row by row),
// then the rollups are rebuilt by the app's own SQL.
import type Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { openSqlite, type SqliteHandle } from '../src/db/sqlite';
import { rebuildStatements } from '../src/db/queries/rollupStatements';
import { rebuildExtent } from '../src/services/dashboard/rollups';
import { pickWeighted, rng } from '../scripts/random';
import { lexiconAnalyser } from '../src/analysers/lexicon';
import { LOW_SCORE_MAX } from '../src/domain/followups';
import type { SurveyKind } from '../src/domain/surveys';
import { DATASET, loadVerbatims } from './sentiment';

export interface BenchShape {
  responses: number;
  agents: number;
  teams: number;
  /** Share of delivered surveys that get an answer. */
  answerRate: number;
  days: number;
}

export const BENCH_SHAPE: BenchShape = { responses: 1_000_000, agents: 500, teams: 25, answerRate: 0.67, days: 395 };

/** The benchmark's shape at a size: the same daily volume, so 5,000,000 answers span about five and a half years. */
export const shapeOf = (responses: number): BenchShape => ({ ...BENCH_SHAPE, responses, days: Math.round((BENCH_SHAPE.days * responses) / BENCH_SHAPE.responses) });

const BULK_TABLES = ['customers', 'interactions', 'survey_requests', 'responses'];
/** Every table the generator writes. */
export const RAW_TABLES = ['teams', 'agents', ...BULK_TABLES];

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

  // A throwaway file (renamed into place only when complete): speed over durability while it is filled.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -2000000');
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')})`)
    .all(...BULK_TABLES) as Array<{ name: string; sql: string }>;
  for (const ix of indexes) sqlite.exec(`DROP INDEX "${ix.name}"`);
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
  for (const ix of indexes) sqlite.exec(ix.sql);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  return { teamIds, agentIds, tags: TAGS };
}

const clampInt = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(x)));

export interface RebuildStep {
  name: string;
  wall: number;
  cpu: number;
}

export interface BenchBuild {
  handle: SqliteHandle;
  /** Seconds spent generating raw rows and their indexes (0 when the kept rows were reused). */
  generateSeconds: number;
  /** The rollup rebuild's statements, each with its wall and CPU seconds (none when the kept database was reused). */
  rebuild: RebuildStep[];
}

/**
 * Opens the benchmark database at `paths.dashboard`, building what is missing: the raw rows are
 * kept in their own file (`paths.rows`, keyed by the schema) and copied before the rollups are
 * rebuilt, so a change to the rollups' code re-runs only the rebuild, not the generator.
 * `fresh` regenerates everything; `rebuild` only the rollups.
 */
export async function benchDatabase(
  paths: { rows: string; dashboard: string },
  now: number,
  opts: { fresh?: boolean; rebuild?: boolean } = {},
  shape: BenchShape = BENCH_SHAPE,
): Promise<BenchBuild> {
  if (opts.fresh) removeDb(paths.rows);
  if (opts.fresh || opts.rebuild) removeDb(paths.dashboard);
  if (existsSync(paths.dashboard)) return { handle: openSqlite(paths.dashboard), generateSeconds: 0, rebuild: [] };
  const generateSeconds = ensureRows(paths.rows, now, shape);
  const part = `${paths.dashboard}.part`;
  removeDb(part);
  copyFileSync(paths.rows, part);
  const handle = openSqlite(part, { groupCommit: false });
  analyseBenchComments(handle.sqlite);
  const maxAt = (handle.sqlite.prepare('SELECT max(created_at) AS t FROM responses').get() as { t: number }).t;
  const rebuild = await timedRebuild(handle, 'UTC', maxAt);
  handle.sqlite.exec('ANALYZE response_rollups; ANALYZE phrase_rollups; ANALYZE phrase_tag_rollups');
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  renameSync(part, paths.dashboard);
  return { handle: openSqlite(paths.dashboard), generateSeconds, rebuild };
}

/**
 * What the comments' texts and analysis come from (part of the kept database's name): real NPS
 * verbatims when the shared dataset is there (or at BENCH_VERBATIMS), else a few fixed sentences.
 */
const VERBATIMS = process.env.BENCH_VERBATIMS ?? DATASET;
export const COMMENT_SOURCE = existsSync(VERBATIMS) ? 'verbatims-1' : 'fixed-1';

/**
 * Every comment analysed, as on a live install minutes after the answers arrived: each comment
 * becomes a real customer's words (a detractor's for a low score, a promoter's for a high one),
 * with the sentiment, severity and theme phrases Heard's analyser reads in them, so the themes
 * panel counts what it would count in use.
 */
export function analyseBenchComments(sqlite: Database.Database): void {
  const verbatims = existsSync(VERBATIMS) ? loadVerbatims(VERBATIMS).filter((v) => v.text.trim()) : [];
  const pools = { low: [] as string[], mid: [] as string[], high: [] as string[] };
  for (const v of verbatims) pools[v.segment === 'Detractor' ? 'low' : v.segment === 'Promoter' ? 'high' : 'mid'].push(v.text);
  for (const [mood, fallback] of [['low', 'Waited three days and the issue is still there.'], ['mid', 'Fine in the end, but it took long.'], ['high', 'Thanks, that solved it.']] as const) {
    if (pools[mood].length === 0) pools[mood].push(fallback);
  }
  const analysed = new Map<string, ReturnType<typeof lexiconAnalyser.analyse>>();
  const analysis = (text: string) => analysed.get(text) ?? analysed.set(text, lexiconAnalyser.analyse(text, 'en')).get(text)!;
  const rows = sqlite.prepare('SELECT rowid AS n, id, survey, score, updated_at AS at FROM responses WHERE comment IS NOT NULL').all() as Array<{ n: number; id: string; survey: SurveyKind; score: number; at: number }>;
  const update = sqlite.prepare(
    'UPDATE responses SET comment = ?, sentiment = ?, sentiment_score = ?, severity = ?, language = ?, analysed_at = ? WHERE rowid = ?',
  );
  const phrase = sqlite.prepare('INSERT OR IGNORE INTO response_phrases (response_id, key, text, topic) VALUES (?, ?, ?, ?)');
  const high = { csat: 4, nps: 9, ces: 6 };
  sqlite.transaction(() => {
    for (const r of rows) {
      const pool = r.score <= LOW_SCORE_MAX[r.survey] ? pools.low : r.score >= high[r.survey] ? pools.high : pools.mid;
      const text = pool[(r.n * 2654435761) % pool.length]!;
      const a = analysis(text);
      update.run(text, a.sentiment, a.score, a.severity, a.language, r.at, r.n);
      for (const p of a.phrases) phrase.run(r.id, p.key, p.text, p.topic === false ? 0 : 1);
    }
  })();
  sqlite.exec('ANALYZE response_phrases');
}

type Runnable = { run(): unknown; toSQL(): { sql: string; params: unknown[] } };

/**
 * The work of `heard rollups rebuild` (rebuildRollups: its statements in one transaction), each
 * statement timed: wall time and this process's CPU time, which SQLite's work runs in.
 */
async function timedRebuild(handle: SqliteHandle, timeZone: string, now: number): Promise<RebuildStep[]> {
  const steps: RebuildStep[] = [];
  const statements = rebuildStatements(handle.db, timeZone, now, await rebuildExtent(handle.db)) as unknown as Runnable[];
  handle.sqlite.transaction(() => {
    for (const s of statements) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      s.run();
      const used = process.cpuUsage(cpu);
      steps.push({ name: stepName(s.toSQL()), wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 });
    }
  })();
  return steps;
}

/** A short name for a rebuild statement: the cells it writes and where from. */
function stepName({ sql, params }: { sql: string; params: unknown[] }): string {
  const cubes = /VALUES (\([^)]*\)(?:, \([^)]*\))*)\)\) c/.exec(sql);
  if (cubes) return `${sql.includes('survey_requests') ? 'delivered' : 'answers'} into (cube, grain) ${cubes[1]!.replaceAll('), (', ') (')}`;
  if (/^insert.* SELECT cube, \?/s.test(sql)) return `cube ${params.at(-2)}: grain ${params.at(-1)} summed into grain ${params[0]}`;
  if (/FROM response_rollups WHERE cube = \?/.test(sql)) return `cube ${params[0]} summed from cube ${params.at(-1)}`;
  return sql.slice(0, 30);
}

/** Generates the raw rows at `path` unless kept there; returns the seconds it took (0 when kept). */
export function ensureRows(path: string, now: number, shape: BenchShape): number {
  if (existsSync(path)) return 0;
  const t0 = performance.now();
  // Built beside the kept file and moved into place when complete, so an interrupted build is never reused.
  const part = `${path}.part`;
  removeDb(part);
  const handle = openSqlite(part, { groupCommit: false });
  generate(handle.sqlite, now, shape);
  handle.sqlite.exec('ANALYZE');
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  renameSync(part, path);
  return (performance.now() - t0) / 1000;
}

export const removeDb = (path: string) => {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
};
