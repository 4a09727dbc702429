// Real dependencies for tests: a fresh SQLite file per test, a clock the test moves, and a
// mailer that keeps what it was asked to send (or the real outbox / Resend transports).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config, type Env } from '../../src/config';
import { openSqlite } from '../../src/db/sqlite';
import type { Deps } from '../../src/deps';
import { createApp } from '../../src/http/app';
import type { Mailer, OutgoingEmail, SendResult } from '../../src/mail/types';
import { createApiKey } from '../../src/services/apiKeys';

export const T0 = Date.parse('2026-03-02T10:00:00Z');

export function testConfig(env: Env = {}): Config {
  const parsed = parseConfig({ PUBLIC_URL: 'http://heard.test', SURVEY_DELAY_MINUTES: '60', ...env }, 'test-secret-'.padEnd(40, 'x'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

export interface CapturingMailer extends Mailer {
  sent: OutgoingEmail[];
  /** Answers for the next sends, consumed in order; then every send succeeds. */
  queue: SendResult[];
}

export function capturingMailer(): CapturingMailer {
  const m: CapturingMailer = {
    kind: 'resend',
    sent: [],
    queue: [],
    async send(email) {
      const next = m.queue.shift();
      if (next && !next.ok) return next;
      m.sent.push(email);
      return { ok: true, id: `msg-${m.sent.length}` };
    },
  };
  return m;
}

export interface TestDeps extends Deps {
  mailer: Mailer;
  dir: string;
  /** Moves the test clock. */
  advance(ms: number): void;
  setNow(ms: number): void;
  close(): void;
}

export function makeTestDeps(
  opts: {
    env?: Env;
    mailer?: (base: Pick<Deps, 'db' | 'clock' | 'newId'>) => Mailer;
    now?: number;
    /** A database file to start from (a copy is used), e.g. one made once with VACUUM INTO. */
    template?: string;
  } = {},
): TestDeps {
  const dir = mkdtempSync(join(tmpdir(), 'heard-test-'));
  if (opts.template) copyFileSync(opts.template, join(dir, 'heard.db'));
  const handle = openSqlite(join(dir, 'heard.db'));
  let now = opts.now ?? T0;
  let seq = 0;
  const base = {
    db: handle.db,
    clock: () => now,
    newId: () => `id-${(++seq).toString().padStart(6, '0')}-${crypto.randomUUID().slice(0, 8)}`,
  };
  return {
    ...base,
    atomic: handle.atomic,
    mailer: opts.mailer ? opts.mailer(base) : capturingMailer(),
    config: testConfig(opts.env),
    dir,
    advance: (ms) => void (now += ms),
    setNow: (ms) => void (now = ms),
    close: () => {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An app over fresh test deps, with an API key ready for the integration API. */
export async function makeTestApp(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  const deps = makeTestDeps(opts);
  const app = createApp(deps);
  const { key } = await createApiKey(deps, 'test');
  const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
    app.request(path, {
      ...init,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
  return { deps, app, key, api };
}

export function interaction(over: Record<string, unknown> = {}) {
  return {
    externalId: `T-${crypto.randomUUID().slice(0, 8)}`,
    customer: { email: 'maria@example.com', name: 'María', locale: 'es' },
    agent: { email: 'ana@support.example', name: 'Ana' },
    team: 'Tier 1',
    channel: 'chat',
    survey: 'csat',
    ...over,
  };
}
