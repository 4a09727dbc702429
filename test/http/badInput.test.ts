// Bodies that cannot be parsed or are too large: a clear 400 or 413 (a page for people, problem
// details for machines), decided before anything reads the body, and nothing stored.
import { afterEach, describe, expect, it } from 'vitest';
import { teams } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { BODY_LIMITS } from '../../src/http/middleware/bodyLimits';
import { CSRF_HEADER } from '../../src/security/csrf';
import { authed, signIn } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

/** A multipart body whose boundary never appears: no parser can read it. */
const brokenMultipart = (headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body: 'this is not multipart at all',
  headers: { 'Content-Type': 'multipart/form-data; boundary=----nothing-here', ...headers },
});

async function setup() {
  deps = makeTestDeps({ env: { RESEND_WEBHOOK_SECRET: 'whsec_aGVhcmQtdGVzdC13ZWJob29rLXNpZ25pbmcta2V5ISE=' } });
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin' });
  return { app, admin };
}

describe('malformed bodies', () => {
  it('answers the sign-in form with a 400 page, not a server error', async () => {
    const { app } = await setup();
    const res = await app.request('/login', brokenMultipart());
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/TypeError|at .*\.js/);
  });

  it('answers survey pages with a 400 page', async () => {
    const { app } = await setup();
    const survey = await deliveredSurvey(deps);
    const path = pathOf(survey.links.scores.get(5)!).split('?')[0]!;
    for (const p of [path, `${path}/confirm`]) {
      const res = await app.request(p, brokenMultipart());
      expect(res.status, p).toBe(400);
      expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
    }
  });

  it('answers a signed-in form (the CSRF check reads it first) with a 400 page and stores nothing', async () => {
    const { app, admin } = await setup();
    const before = await deps.db.select().from(teams);
    const res = await authed(app, admin, '/admin/teams', brokenMultipart({ [CSRF_HEADER]: '' }));
    expect(res.status).toBe(400);
    const withToken = await authed(app, admin, '/admin/teams', brokenMultipart());
    expect(withToken.status).toBe(400);
    expect(await deps.db.select().from(teams)).toEqual(before);
  });

  it('answers the API with problem details', async () => {
    const { app } = await setup();
    const res = await app.request('/api/v1/interactions', brokenMultipart({ Authorization: 'Bearer nope' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  });
});

describe('body limits', () => {
  const declared = (path: string, bytes: number, type = 'application/x-www-form-urlencoded'): RequestInit => ({
    method: 'POST',
    // The declared length alone must be enough to refuse: the body sent is tiny.
    body: 'a=1',
    headers: { 'Content-Type': type, 'Content-Length': String(bytes) },
  });

  it('refuses an oversized sign-in form from its declared length, with a page', async () => {
    const { app } = await setup();
    const res = await app.request('/login', declared('/login', 10 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
    // The rest of the body stays unread, so the connection must not carry another request.
    expect(res.headers.get('Connection')).toBe('close');
  });

  it('refuses webhooks over 256 KB with problem details', async () => {
    const { app } = await setup();
    const res = await app.request('/webhooks/resend', declared('/webhooks/resend', 256 * 1024 + 1, 'application/json'));
    expect(res.status).toBe(413);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('counts a body of unknown length as it streams and stops at the limit', async () => {
    const { app } = await setup();
    let pulled = 0;
    const chunk = new Uint8Array(4096).fill(97);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await app.request('/s/any-token', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    // Reading stopped soon after the limit, not at the end of the megabyte.
    expect(pulled).toBeLessThan(BODY_LIMITS.find((r) => r.path.test('/s/x'))!.maxBytes + 64 * 1024);
  });

  it('ends the connection after a refusal that left the body unread, and only then', async () => {
    const { app } = await setup();
    const init = (auth: string): RequestInit => ({
      method: 'POST',
      body: JSON.stringify({ externalId: 'T-1', customer: { email: 'c@example.com' }, agent: { email: 'a@example.com' } }),
      headers: { 'Content-Type': 'application/json', Authorization: auth },
    });
    const refused = await app.request('/api/v1/interactions', init('Bearer wrong'));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Connection')).toBe('close');
    const { key } = await createApiKey(deps, 'test');
    const read = await app.request('/api/v1/interactions', init(`Bearer ${key}`));
    expect(read.status).toBe(201);
    expect(read.headers.get('Connection')).toBeNull();
  });

  it('lets the import upload up to its own, larger limit', async () => {
    const { app, admin } = await setup();
    const ok = await authed(app, admin, '/admin/import', declared('/admin/import', 1024 * 1024, 'multipart/form-data; boundary=x'));
    expect(ok.status).not.toBe(413);
    const big = await authed(app, admin, '/admin/import', declared('/admin/import', 50 * 1024 * 1024 + 1, 'multipart/form-data; boundary=x'));
    expect(big.status).toBe(413);
  });

  it('keeps the import limit for administrators: anyone else gets the form limit', async () => {
    const { app } = await setup();
    const agent = await signIn(deps, { role: 'agent' });
    for (const who of [null, agent]) {
      const res = await authed(app, who, '/admin/import', declared('/admin/import', 1024 * 1024, 'multipart/form-data; boundary=x'));
      expect(res.status).toBe(413);
    }
  });
});
