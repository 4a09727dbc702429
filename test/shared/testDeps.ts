// The runtime-neutral part of the test dependencies: config, a movable clock, a capturing mailer
// and fixtures, over whichever store a runtime provides (a SQLite file on Node, D1 in workerd).
import { parseConfig, type Config, type Env } from '../../src/config';
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
  /** The store's scratch directory ('' where there is none, as in workerd). */
  dir: string;
  /** Moves the test clock. */
  advance(ms: number): void;
  setNow(ms: number): void;
  close(): void;
}

export interface TestDepsOptions {
  env?: Env;
  mailer?: (base: Pick<Deps, 'db' | 'clock' | 'newId'>) => Mailer;
  now?: number;
}

/** What a runtime contributes: a fresh, migrated database. */
export interface TestStore extends Pick<Deps, 'db' | 'atomic'> {
  dir: string;
  close(): void;
}

export function testDepsOver(store: TestStore, opts: TestDepsOptions = {}): TestDeps {
  let now = opts.now ?? T0;
  let seq = 0;
  const base = {
    db: store.db,
    clock: () => now,
    newId: () => `id-${(++seq).toString().padStart(6, '0')}-${crypto.randomUUID().slice(0, 8)}`,
  };
  return {
    ...base,
    atomic: store.atomic,
    mailer: opts.mailer ? opts.mailer(base) : capturingMailer(),
    config: testConfig(opts.env),
    dir: store.dir,
    advance: (ms) => void (now += ms),
    setNow: (ms) => void (now = ms),
    close: store.close,
  };
}

/** An app over the given test deps, with an API key ready for the integration API. */
export async function testAppOver(deps: TestDeps) {
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
