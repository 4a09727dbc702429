// A local stand-in for the five helpdesks' APIs, enough of each for Heard's look-ups and
// write-backs, over real HTTP. Every call's path starts with a scope (one per test), so tests
// sharing the server read only their own calls from GET /_test/requests?scope=…, and can make
// the next calls fail with POST /_test/failures?scope=… [status, …].
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DIRECTORY } from './helpdeskDirectory';
import type { ReceivedCall } from './helpdeskRequests';

export interface HelpdeskServer {
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Route = [method: string, pattern: RegExp, answer: (m: RegExpExecArray) => [number, unknown]];

const found = <T>(value: T | undefined, wrap: (v: T) => unknown): [number, unknown] => (value ? [200, wrap(value)] : [404, { error: 'RecordNotFound' }]);

const ROUTES: Route[] = [
  // Zendesk
  ['GET', /^\/api\/v2\/users\/(\d+)\.json$/, (m) => found(DIRECTORY.zendesk.users[m[1]!], (user) => ({ user }))],
  ['GET', /^\/api\/v2\/groups\/(\d+)\.json$/, (m) => found(DIRECTORY.zendesk.groups[m[1]!], (group) => ({ group }))],
  ['PUT', /^\/api\/v2\/tickets\/(\d+)\.json$/, (m) => [200, { ticket: { id: Number(m[1]) } }]],
  // Freshdesk
  ['POST', /^\/api\/v2\/tickets\/(\d+)\/notes$/, (m) => [201, { id: 1, ticket_id: Number(m[1]), private: true }]],
  // Intercom
  ['GET', /^\/contacts\/([\w-]+)$/, (m) => found(DIRECTORY.intercom.contacts[m[1]!], (c) => c)],
  ['GET', /^\/admins\/([\w-]+)$/, (m) => found(DIRECTORY.intercom.admins[m[1]!], (a) => a)],
  ['GET', /^\/teams\/([\w-]+)$/, (m) => found(DIRECTORY.intercom.teams[m[1]!], (t) => t)],
  ['POST', /^\/conversations\/(\w+)\/reply$/, (m) => [200, { type: 'conversation', id: m[1] }]],
  // Help Scout answers 201 with no body
  ['POST', /^\/v2\/conversations\/(\d+)\/notes$/, () => [201, null]],
  // Front answers 201 with the comment
  ['POST', /^\/conversations\/(cnv_\w+)\/comments$/, () => [201, { id: 'com_1' }]],
  // Not a helpdesk: a receiver of Heard's own outgoing webhooks (JSON or Slack-compatible).
  ['POST', /^\/webhook$/, () => [200, { ok: true }]],
];

export async function startHelpdeskServer(): Promise<HelpdeskServer> {
  const calls = new Map<string, ReceivedCall[]>();
  const failures = new Map<string, number[]>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === null ? '' : JSON.stringify(body));
    };
    const text = await readBody(req);
    const scope = url.searchParams.get('scope') ?? '';
    if (url.pathname === '/_test/requests') return reply(200, calls.get(scope) ?? []);
    if (url.pathname === '/_test/failures') {
      failures.set(scope, [...(failures.get(scope) ?? []), ...(JSON.parse(text) as number[])]);
      return reply(200, { queued: failures.get(scope)!.length });
    }
    const [, own = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // kept as text: the test sees exactly what came
    }
    const header = (name: string) => (req.headers[name] as string | undefined) ?? null;
    const list = calls.get(own) ?? [];
    list.push({ method: req.method ?? '', path, authorization: header('authorization'), contentType: header('content-type'), intercomVersion: header('intercom-version'), body });
    calls.set(own, list);
    const failure = failures.get(own)?.shift();
    if (failure) return reply(failure, { error: `failing with ${failure}` });
    for (const [method, pattern, answer] of ROUTES) {
      const m = method === req.method ? pattern.exec(path) : null;
      if (m) return reply(...answer(m));
    }
    reply(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
