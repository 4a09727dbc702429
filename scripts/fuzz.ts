// Adversarial requests against a real Heard: the Node server on 127.0.0.1 over a scratch SQLite file,
// with a signed-in admin and agent, an API key, delivered surveys and an open follow-up task. Every
// route the app declares (plus the helpdesk hooks) gets malformed, oversized, mistyped and
// hostile input; any 5xx or dropped connection is a failure. Nothing leaves the machine: requests go
// to the loopback address only, and every URL the fuzzer submits points at 127.0.0.1.
//
//   npm run fuzz -- [--requests 10000] [--seed 1] [--seconds 600] [--concurrency 8]
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { followups, surveyRequests } from '../src/db/schema';
import { loadConfig, startServer, type RunningServer } from '../src/entry/node';
import { createApp } from '../src/http/app';
import { cookieName } from '../src/http/middleware/session';
import { signLink } from '../src/security/links';
import { createApiKey } from '../src/services/apiKeys';
import { createConnection } from '../src/services/connections';
import { runDueWork } from '../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../src/services/ingest';
import { startSession } from '../src/services/sessions';
import { createUser } from '../src/services/users';
import { pickFrom, rng } from './random';

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Stops early when the time is up, whatever the count. */
  seconds: number;
  concurrency: number;
}

export interface FuzzFailure {
  method: string;
  path: string;
  status: number | 'network';
  detail: string;
}

export interface FuzzReport {
  sent: number;
  ms: number;
  byStatus: Record<string, number>;
  failures: FuzzFailure[];
}

const WEBHOOK_KEY = Buffer.from('heard-fuzz-webhook-signing-key!!');
const CONNECTORS = ['zendesk', 'freshdesk', 'intercom', 'helpscout', 'front'] as const;
const PASSWORD = 'fuzzing horse battery staple';

// ---------------------------------------------------------------------------------------------
// The world the requests are sent into.

interface World {
  base: string;
  admin: { cookie: string; csrf: string };
  agent: { cookie: string; csrf: string };
  apiKey: string;
  /** Real ids and tokens, so that some requests reach past "not found". */
  ids: string[];
  surveyTokens: string[];
  unsubscribeTokens: string[];
  messageIds: string[];
  routes: { method: string; path: string }[];
}

async function seed(server: RunningServer, round: number): Promise<Omit<World, 'routes' | 'base'>> {
  const deps = server.deps;
  const user = async (role: 'admin' | 'agent') => {
    const made = await createUser(
      deps,
      { email: `${role}-${round}@fuzz.example`, name: `Fuzz ${role}`, password: PASSWORD, role, teamIds: [], allTeams: role === 'admin' },
      { actorId: null, action: 'user.created' },
    );
    if (!made.ok) throw new Error(`fuzz: cannot create ${role}: ${JSON.stringify(made.error)}`);
    const s = await startSession(deps, made.value.id);
    return { id: made.value.id, cookie: `${cookieName(deps)}=${s.token}`, csrf: s.csrf };
  };
  const admin = await user('admin');
  const agent = await user('agent');
  const { key } = await createApiKey(deps, `fuzz-${round}`);

  for (let i = 0; i < 4; i++) {
    await ingestInteraction(
      deps,
      ZInteractionInput.parse({
        externalId: `FUZZ-${round}-${i}`,
        customer: { email: `customer-${round}-${i}@example.com`, name: `Customer ${i}`, locale: (['en', 'es', 'zh'] as const)[i % 3] },
        agent: { email: `agent-${round}@fuzz.example`, name: 'Agent' },
        team: 'Fuzz team',
        survey: (['csat', 'nps', 'ces', 'csat'] as const)[i],
      }),
    );
  }
  await runDueWork(deps, deps.clock());
  const requests = await deps.db.select({ id: surveyRequests.id, messageId: surveyRequests.messageId }).from(surveyRequests);
  const now = deps.clock();
  const surveyTokens = await Promise.all(requests.map((r) => signLink(deps.config.appSecret, 'survey', r.id, now)));
  const unsubscribeTokens = await Promise.all(requests.map((r) => signLink(deps.config.appSecret, 'unsubscribe', r.id, now)));
  // A detractor's answer opens a follow-up task, so task routes have a real id to work on.
  await fetch(`${server.url}/s/${surveyTokens[0]}`, {
    method: 'POST',
    body: new URLSearchParams({ score: '1', comment: 'fuzz: refund please' }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  }).then((r) => r.arrayBuffer());
  const tasks = await deps.db.select({ id: followups.id }).from(followups);
  // One connection per helpdesk, so hooks reach the signature check; write-backs would go to a closed local port.
  const hooks = await Promise.all(
    CONNECTORS.map((provider) => createConnection(deps, null, { provider, name: `Fuzz ${provider} ${round}`, apiUrl: 'http://127.0.0.1:9', team: 'Fuzz team' })),
  );
  return {
    admin,
    agent,
    apiKey: key,
    ids: [...tasks.map((t) => t.id), ...requests.map((r) => r.id), agent.id, ...hooks.map((h) => h.id)],
    surveyTokens,
    unsubscribeTokens,
    messageIds: requests.flatMap((r) => (r.messageId ? [r.messageId] : [])),
  };
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

type Random = () => number;

const NASTY_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀👍🏽',
  '中文反馈',
  'ñandú',
  '=cmd|" /C calc"!A0',
  '{{agent_name}} {{unknown}}',
  '__proto__',
  'constructor',
  'a@b',
  'maria@example.com',
  'MARIA@EXAMPLE.COM ',
  'http://127.0.0.1:1/hook',
  'javascript:alert(1)',
  '2030-01-01T00:00:00Z',
  '2026-02-30',
  '1970-01-01T00:00:00Z',
  'x'.repeat(5000),
  'é'.repeat(3000),
];

const FIELD_NAMES = [
  '_csrf', 'score', 'comment', 'email', 'password', 'newPassword', 'currentPassword', 'name', 'role', 'teamIds', 'allTeams',
  'status', 'note', 'assignee', 'subject', 'body', 'url', 'events', 'format', 'keywords', 'from', 'to', 'preset', 'team',
  'agent', 'survey', 'next', 'file', 'kind', 'key', 'locale', 'en.subject', 'en.body', 'es.subject', 'zh.body', 'threshold',
  'enabled', 'active', 'day', 'open', 'close', 'timeZone', 'cursor', 'limit', 'channel', 'tag', 'page', 'sort', 'q',
];

const JSON_KEYS = [
  'externalId', 'customer', 'agent', 'email', 'name', 'locale', 'team', 'channel', 'survey', 'closedAt', 'tags', 'status',
  'assignee', 'note', 'type', 'data', 'email_id', 'to', 'bounce', '__proto__', 'constructor', 'prototype',
];

function nastyString(r: Random): string {
  const x = r();
  if (x < 0.6) return pickFrom(r, NASTY_STRINGS);
  if (x < 0.8) return Math.floor(r() * 1e6).toString(36);
  // Random code units, lone surrogates included; never "://", so no URL leaves the machine.
  return Array.from({ length: 1 + Math.floor(r() * 40) }, () => String.fromCharCode(Math.floor(r() * 0xffff))).join('').replace(/:\/\//g, '');
}

function jsonValue(r: Random, depth = 0): unknown {
  const x = r();
  if (x < 0.1) return null;
  if (x < 0.2) return r() < 0.5;
  if (x < 0.35) return pickFrom(r, [0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e300, 5, 10, 11]);
  if (x < 0.65 || depth > 3) return nastyString(r);
  if (x < 0.8) return Array.from({ length: Math.floor(r() * 5) }, () => jsonValue(r, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, () => [pickFrom(r, JSON_KEYS), jsonValue(r, depth + 1)]));
}

/** A valid interaction with one part broken, so validation is tried field by field. */
function nearlyValidInteraction(r: Random): unknown {
  const valid: Record<string, unknown> = {
    externalId: `F-${Math.floor(r() * 1e9)}`,
    customer: { email: `c${Math.floor(r() * 50)}@example.com`, name: 'C', locale: 'en' },
    agent: { email: `a${Math.floor(r() * 5)}@fuzz.example` },
    team: 'Fuzz team',
    channel: 'chat',
    survey: pickFrom(r, ['csat', 'nps', 'ces']),
    closedAt: new Date(Date.now() - Math.floor(r() * 1e9)).toISOString(),
    tags: ['a'],
  };
  if (r() < 0.3) return valid;
  const key = pickFrom(r, Object.keys(valid));
  if (r() < 0.3) delete valid[key];
  else valid[key] = jsonValue(r);
  return valid;
}

function resendEvent(r: Random, w: World): unknown {
  if (r() < 0.4) return jsonValue(r);
  const type = r() < 0.8 ? pickFrom(r, ['email.delivered', 'email.bounced', 'email.complained', 'email.opened', 'contact.created']) : jsonValue(r);
  const data: Record<string, unknown> = {
    email_id: r() < 0.7 && w.messageIds.length ? pickFrom(r, w.messageIds) : jsonValue(r),
    to: r() < 0.6 ? [`fuzz-${Math.floor(r() * 20)}@example.com`] : jsonValue(r),
  };
  if (r() < 0.4) data.bounce = r() < 0.5 ? { type: pickFrom(r, ['Permanent', 'Transient']) } : jsonValue(r);
  return { type, created_at: new Date().toISOString(), data: r() < 0.9 ? data : jsonValue(r) };
}

function resendHeaders(r: Random, payload: string): Record<string, string> {
  const id = `msg_${Math.floor(r() * 1e9)}`;
  const ts = String(Math.floor(Date.now() / 1000) - (r() < 0.1 ? 86_400 : 0));
  const sig = createHmac('sha256', WEBHOOK_KEY).update(`${id}.${ts}.${payload}`).digest('base64');
  return { 'svix-id': id, 'svix-timestamp': ts, 'svix-signature': r() < 0.85 ? `v1,${sig}` : `v1,${headerSafe(nastyString(r))}` };
}

// ---------------------------------------------------------------------------------------------
// One request.

interface Planned {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyInit;
}

/** Printable ASCII only: what fetch accepts in a header value. */
const headerSafe = (s: string) => s.replace(/[^\x21-\x7e]/g, '');

const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A path segment: a hostile string encoded, or a broken escape sent as it is. */
function segment(r: Random): string {
  if (r() < 0.15) return pickFrom(r, ['%', '%zz', '%ff%fe', '%c0%af', '..', '%2e%2e%2f', '%00', ';x=1']);
  return encodeURIComponent(wellFormed(nastyString(r)));
}

function fillPath(r: Random, pattern: string, w: World): string {
  return pattern
    .replace(/\/\*$/, () => `/${segment(r)}`)
    .replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_m, name: string) => {
      if (name === 'provider') return r() < 0.9 ? pickFrom(r, CONNECTORS) : segment(r);
      if (name === 'token') {
        const pool = pattern.startsWith('/u/') ? w.unsubscribeTokens : w.surveyTokens;
        const token = pickFrom(r, pool);
        const x = r();
        if (x < 0.5) return token;
        if (x < 0.65) return token.slice(0, -1) + pickFrom(r, ['A', 'B', 'Q', 'w', '-', '_']);
        if (x < 0.75) return token.replace(/\.[a-z0-9]+\./, '.0.');
        return segment(r);
      }
      return r() < 0.6 ? pickFrom(r, w.ids) : segment(r);
    });
}

function randomQuery(r: Random): string {
  if (r() < 0.5) return '';
  const q = new URLSearchParams();
  for (let i = 0; i < 1 + Math.floor(r() * 4); i++) q.append(pickFrom(r, FIELD_NAMES), nastyString(r));
  return `?${q}`;
}

function formBody(r: Random, csrf: string | null): URLSearchParams {
  const f = new URLSearchParams();
  if (csrf && r() < 0.8) f.append('_csrf', csrf);
  for (let i = 0; i < Math.floor(r() * 8); i++) f.append(pickFrom(r, FIELD_NAMES), nastyString(r));
  return f;
}

function multipartBody(r: Random, csrf: string | null): FormData {
  const f = new FormData();
  if (csrf && r() < 0.8) f.append('_csrf', csrf);
  for (let i = 0; i < Math.floor(r() * 5); i++) f.append(pickFrom(r, FIELD_NAMES), nastyString(r));
  if (r() < 0.5) {
    const header = 'created_at,survey,score,customer_email,agent_email,comment,team,channel,external_id';
    const rows = Array.from({ length: Math.floor(r() * 20) }, () =>
      Array.from({ length: 9 }, () => (r() < 0.5 ? nastyString(r).replace(/[\r\n]/g, ' ') : String(Math.floor(r() * 11)))).join(','),
    );
    f.append('file', new File([[r() < 0.8 ? header : nastyString(r), ...rows].join('\n')], 'fuzz.csv', { type: 'text/csv' }));
  }
  return f;
}

const ACCEPTS = ['text/html', 'application/json', '*/*', 'application/problem+json', 'text/csv', 'image/png', ''];
const LANGUAGES = ['en', 'es-MX,es;q=0.9', 'zh-CN', '*', 'xx;q=abc,,;', 'zh-Hant-TW;q=0.9, en;q=0.1', 'a'.repeat(300)];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

async function plan(r: Random, w: World): Promise<Planned> {
  const route = r() < 0.1 ? { method: 'POST', path: '/hooks/:provider/:connectionId' } : pickFrom(r, w.routes);
  const method = r() < 0.85 ? route.method : pickFrom(r, METHODS);
  const path = fillPath(r, route.path, w) + randomQuery(r);
  const headers: Record<string, string> = {};
  if (r() < 0.7) headers.Accept = pickFrom(r, ACCEPTS);
  if (r() < 0.4) headers['Accept-Language'] = pickFrom(r, LANGUAGES);
  if (r() < 0.2) headers['HX-Request'] = 'true';
  if (r() < 0.1) headers['Sec-Fetch-Site'] = pickFrom(r, ['cross-site', 'same-origin', 'none', 'nonsense']);
  if (r() < 0.05) headers['X-Forwarded-For'] = headerSafe(nastyString(r));

  // Who is asking: nobody, a signed-in admin or agent (with or without the CSRF token), an API client.
  const who = r();
  const session = who < 0.45 ? w.admin : who < 0.6 ? w.agent : null;
  if (session) {
    headers.Cookie = session.cookie;
    if (r() < 0.5) headers['X-CSRF-Token'] = r() < 0.9 ? session.csrf : headerSafe(nastyString(r));
  } else if (r() < 0.05) headers.Cookie = `heard_session=${headerSafe(nastyString(r))}`;
  if (path.startsWith('/api/') || r() < 0.05) {
    const x = r();
    headers.Authorization = x < 0.75 ? `Bearer ${w.apiKey}` : x < 0.9 ? `Bearer heard_${headerSafe(nastyString(r))}` : 'Basic Zm9vOmJhcg==';
  }
  if (method === 'GET' || method === 'HEAD') return { method, path, headers };

  const csrf = session?.csrf ?? null;
  const x = r();
  let body: BodyInit;
  if (path.startsWith('/webhooks/resend') && x < 0.8) {
    const payload = JSON.stringify(resendEvent(r, w));
    Object.assign(headers, { 'Content-Type': 'application/json' }, r() < 0.9 ? resendHeaders(r, payload) : {});
    body = payload;
  } else if (x < 0.3) {
    headers['Content-Type'] = pickFrom(r, ['application/json', 'application/merge-patch+json', 'application/json; charset=latin1']);
    body = r() < 0.1 ? nastyString(r) : JSON.stringify(path.startsWith('/api/v1/interactions') && r() < 0.7 ? nearlyValidInteraction(r) : jsonValue(r));
  } else if (x < 0.6) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = formBody(r, csrf);
  } else if (x < 0.7) {
    // fetch writes the boundary into Content-Type itself.
    body = multipartBody(r, csrf);
  } else if (x < 0.78) {
    // A real multipart body cut short, its boundary never closed.
    const whole = new Response(multipartBody(r, csrf));
    const bytes = new Uint8Array(await whole.arrayBuffer());
    headers['Content-Type'] = whole.headers.get('Content-Type')!;
    body = bytes.slice(0, Math.floor(r() * bytes.length));
  } else if (x < 0.85) {
    headers['Content-Type'] = pickFrom(r, ['multipart/form-data; boundary=x', 'multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream']);
    body = Uint8Array.from({ length: Math.floor(r() * 2000) }, () => Math.floor(r() * 256));
  } else if (x < 0.9) {
    // Just past a route's limit, and far past it.
    headers['Content-Type'] = pickFrom(r, ['application/x-www-form-urlencoded', 'application/json']);
    body = 'a'.repeat(pickFrom(r, [8 * 1024 + 1, 32 * 1024 + 1, 64 * 1024 + 1, 256 * 1024 + 1, 2 * 1024 * 1024]));
  } else {
    body = nastyString(r);
  }
  return { method, path, headers, body };
}

async function send(base: string, p: Planned): Promise<number> {
  const res = await fetch(base + p.path, { method: p.method, headers: p.headers, body: p.body, redirect: 'manual' });
  const text = await res.text();
  if (res.status >= 500) throw Object.assign(new Error(text.slice(0, 300)), { status: res.status });
  return res.status;
}

// ---------------------------------------------------------------------------------------------
// The run.

export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'heard-fuzz-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'heard.db'),
    PORT: '0',
    SURVEY_DELAY_MINUTES: '0',
    DISPATCH_INTERVAL_SECONDS: '1',
    RESEND_WEBHOOK_SECRET: `whsec_${WEBHOOK_KEY.toString('base64')}`,
    PUBLIC_URL: 'http://127.0.0.1',
  });
  const server = await startServer(config, { hostname: '127.0.0.1' });
  const started = Date.now();
  const report: FuzzReport = { sent: 0, ms: 0, byStatus: {}, failures: [] };
  try {
    const routes = createApp(server.deps)
      .routes.filter((route) => route.method !== 'ALL' && route.path !== '/*')
      .map(({ method, path }) => ({ method, path }));
    const unique = [...new Map(routes.map((route) => [`${route.method} ${route.path}`, route])).values()];
    const r = rng(opts.seed);
    let world: World = { base: server.url, routes: unique, ...(await seed(server, 0)) };
    let next = 0;
    const deadline = started + opts.seconds * 1000;
    const worker = async () => {
      while (next < opts.requests && Date.now() < deadline) {
        const n = next++;
        // Requests may sign out, revoke the key or change roles: fresh identities now and then.
        if (n > 0 && n % 1000 === 0) world = { ...world, ...(await seed(server, n / 1000)) };
        const p = await plan(r, world);
        let status: number | 'network';
        try {
          status = await send(world.base, p);
        } catch (error) {
          const e = error as Error & { status?: number };
          status = e.status ?? 'network';
          let cause = (e.cause as Error | undefined)?.message;
          if (status === 'network') {
            // Tell a dropped reused connection from a request that breaks the server: once more, alone.
            const again = await send(world.base, { ...p, headers: { ...p.headers, Connection: 'close' } }).catch((x: Error & { status?: number }) => x.status ?? 'network');
            cause = `${cause}; alone on a new connection: ${again}`;
          }
          report.failures.push({ method: p.method, path: p.path.slice(0, 200), status, detail: cause ? `${e.message}: ${cause}` : e.message });
        }
        report.sent++;
        report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } finally {
    report.ms = Date.now() - started;
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main() {
  const args = process.argv.slice(2);
  const opts: FuzzOptions = {
    requests: option(args, 'requests', 10_000),
    seed: option(args, 'seed', Date.now() % 1_000_000),
    seconds: option(args, 'seconds', 600),
    concurrency: option(args, 'concurrency', 8),
  };
  console.log(`fuzz: ${opts.requests} requests, seed ${opts.seed}, at most ${opts.seconds}s`);
  const report = await fuzz(opts);
  const statuses = Object.entries(report.byStatus).sort(([a], [b]) => a.localeCompare(b));
  console.log(`fuzz: ${report.sent} requests in ${(report.ms / 1000).toFixed(1)}s`);
  for (const [status, count] of statuses) console.log(`  ${status.padEnd(8)} ${count}`);
  for (const f of report.failures.slice(0, 20)) console.log(`FAIL ${f.status} ${f.method} ${f.path}\n     ${f.detail.replace(/\s+/g, ' ')}`);
  if (report.failures.length > 0) {
    console.log(`fuzz: ${report.failures.length} failures (server errors or dropped connections)`);
    process.exit(1);
  }
  console.log('fuzz: no server errors');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
