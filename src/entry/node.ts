// The embedded default: Node's HTTP server, one SQLite file, an in-process dispatcher timer.
// The only place that wires better-sqlite3 and @hono/node-server.
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseConfig, type Config, type Env } from '../config';
import type { GroupCommitOptions } from '../db/groupCommit';
import { openSqlite, type SqliteHandle } from '../db/sqlite';
import type { Deps } from '../deps';
import { createApp } from '../http/app';
import { mailerFor } from '../mail/transport';
import type { Mailer } from '../mail/types';
import { randomToken, useSyncDigests } from '../security/crypto';
import { nodeDigests } from './nodeDigests';
import { ensureRollups } from '../services/dashboard/rollups';
import { runDueWork } from '../services/dispatch';
import { SQLITE_MAX_PARAMS, timeOrderedIds } from '../services/import';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

/**
 * Without APP_SECRET (development), a secret is made once and kept beside the database,
 * so links in emails already sent keep working after a restart.
 */
function developmentSecret(databasePath: string): string {
  const file = join(dirname(databasePath), 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomToken(48);
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env): Config {
  const needsFallback = !env.APP_SECRET && env.NODE_ENV !== 'production';
  const fallback = needsFallback ? developmentSecret(env.DATABASE_PATH || './data/heard.db') : undefined;
  const parsed = parseConfig(env, fallback);
  if (!parsed.ok) throw new ConfigError(parsed.error);
  return parsed.value;
}

export class ConfigError extends Error {}

export interface NodeDepsOverrides {
  mailer?: Mailer;
  clock?: () => number;
  /** How atomic writes share transactions (src/db/groupCommit.ts); `false`: one each. */
  groupCommit?: GroupCommitOptions | false;
}

export function buildNodeDeps(config: Config, overrides: NodeDepsOverrides = {}): Deps & { handle: SqliteHandle } {
  useSyncDigests(nodeDigests);
  const handle = openSqlite(config.databasePath, { groupCommit: overrides.groupCommit, backgroundCheckpoints: true });
  const clock = overrides.clock ?? Date.now;
  // Time-ordered ids land at the end of every index they are in, so the writes of one group commit
  // share index pages instead of touching one page per row and index. Measured (ingest alone, same
  // process, alternating, 26,000 interactions in the file): 0.56 of the CPU with random ids.
  const base = { db: handle.db, clock, newId: timeOrderedIds(clock) };
  const mailer = overrides.mailer ?? mailerFor(config, base);
  return { ...base, atomic: handle.atomic, mailer, config, handle, maxParams: SQLITE_MAX_PARAMS };
}

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps & { handle: SqliteHandle };
  stop(): Promise<void>;
}

/** Starts the server (port 0 picks a free one) and, unless disabled, the dispatcher timer. */
export async function startServer(
  config: Config,
  opts: NodeDepsOverrides & { dispatcher?: boolean; hostname?: string } = {},
): Promise<RunningServer> {
  const deps = buildNodeDeps(config, opts);
  // A changed TIME_ZONE regroups the dashboards' daily counts: do it before serving anyone.
  await ensureRollups(deps);
  const app = createApp(deps, { assets: serveStatic({ root: PUBLIC_DIR }) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: opts.hostname ?? '0.0.0.0' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  if (opts.dispatcher !== false) {
    let busy = false;
    const tick = () => {
      if (busy) return; // a slow run must not overlap the next one
      busy = true;
      running = runDueWork(deps, deps.clock())
        .then((report) => {
          const s = report.surveys;
          if (s.sent + s.failed + s.retried + s.suppressed > 0) console.log('dispatch', JSON.stringify(s));
        })
        .catch((error: unknown) => console.error('dispatch failed:', error))
        .finally(() => (busy = false));
    };
    timer = setInterval(tick, config.dispatchIntervalSeconds * 1000);
    tick();
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    async stop() {
      clearInterval(timer);
      await running;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      deps.handle.close();
    },
  };
}

/**
 * A full disk or a closed pipe behind stdout/stderr (EPIPE, ENOSPC) must cost log lines, never the
 * service: without a listener, the stream's 'error' event would end the process.
 */
function ignoreOutputErrors() {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}

async function main() {
  ignoreOutputErrors();
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`heard: cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config);
  const mail = server.deps.mailer.kind === 'outbox' ? ` (no mail provider: emails are kept at ${config.publicUrl}/outbox)` : '';
  console.log(`Heard is listening on port ${server.port}: ${config.publicUrl}${mail}`);
  const shutdown = () => {
    server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
