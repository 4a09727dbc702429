// The survey loop as an integration and a customer see it, written once and run on every
// runtime: ingest over the API, the periodic job emails through Resend's SDK, the customer
// confirms a score, the responses API reports it. Each runner supplies a `Runtime`.
import { expect, it } from 'vitest';
import { receivedEmails } from './resendInbox';

export interface Runtime {
  /** One request into the app; `path` may be absolute (links in emails) or start with `/`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** What the Node timer or the Workers cron trigger does. */
  runDueWork(now: number): Promise<void>;
  /** The runtime's idea of the current time, in epoch ms. */
  now(): number;
  /** A fresh integration API key, stored the way the app stores keys. */
  createApiKey(): Promise<string>;
  /** Where the runtime's Resend SDK sends. */
  resendUrl: string;
}

const HOUR = 3_600_000;

/** Names unique to one test, so tests sharing a database never see each other's rows. */
function people() {
  const tag = crypto.randomUUID().slice(0, 8);
  return { tag, customer: `customer-${tag}@example.com`, agent: `agent-${tag}@support.example` };
}

async function ingest(rt: Runtime, key: string, p: ReturnType<typeof people>, closedAt: number) {
  return rt.fetch('/api/v1/interactions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      externalId: `ticket-${p.tag}`,
      customer: { email: p.customer, name: 'Maria', locale: 'en' },
      agent: { email: p.agent, name: 'Ana' },
      channel: 'chat',
      survey: 'csat',
      closedAt: new Date(closedAt).toISOString(),
    }),
  });
}

/** Ingests an interaction closed two hours ago (past the survey delay) and runs the due work. */
async function surveyed(rt: Runtime, p: ReturnType<typeof people>) {
  const key = await rt.createApiKey();
  expect((await ingest(rt, key, p, rt.now() - 2 * HOUR)).status).toBe(201);
  await rt.runDueWork(rt.now());
  const [email] = await receivedEmails(rt.resendUrl, p.customer);
  if (!email) throw new Error(`no survey email reached ${p.customer}`);
  return { key, email };
}

/** The link behind one score button in the email. */
function scoreLink(html: string, score: number): string {
  const link = new RegExp(`href="([^"]*/s/[^"?]+\\?score=${score})"`).exec(html)?.[1];
  if (!link) throw new Error(`no link for score ${score} in the email`);
  return link.replace(/&amp;/g, '&');
}

export function surveyLoopTests(start: () => Promise<Runtime>) {
  it('refuses to ingest without an API key', async () => {
    const rt = await start();
    const res = await rt.fetch('/api/v1/interactions', { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('ingests a closed interaction and schedules its survey', async () => {
    const rt = await start();
    const p = people();
    const res = await ingest(rt, await rt.createApiKey(), p, rt.now());
    expect(res.status).toBe(201);
    const body = (await res.json()) as { surveyRequest: { status: string } };
    expect(body.surveyRequest.status).toBe('scheduled');
  });

  it('emails a due survey once, through the Resend API', async () => {
    const rt = await start();
    const p = people();
    const { email } = await surveyed(rt, p);
    expect(email.to).toEqual([p.customer]);
    expect(email.idempotencyKey).toMatch(/^survey-request\//);
    expect(email.headers['List-Unsubscribe']).toMatch(/\/u\//);
    await rt.runDueWork(rt.now());
    expect(await receivedEmails(rt.resendUrl, p.customer)).toHaveLength(1);
  });

  it('counts the score a customer confirms and reports it in the responses API', async () => {
    const rt = await start();
    const p = people();
    const { key, email } = await surveyed(rt, p);
    const link = scoreLink(email.html, 4);
    expect((await rt.fetch(link)).status).toBe(200);
    const confirm = await rt.fetch(link.replace(/\?.*$/, '/confirm'), {
      method: 'POST',
      body: new URLSearchParams({ score: '4' }),
    });
    expect(confirm.status).toBe(200);

    const res = await rt.fetch(`/api/v1/responses?agent=${encodeURIComponent(p.agent)}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { score: number; flagged: boolean; customer: { email: string } }[] };
    expect(data).toMatchObject([{ score: 4, flagged: false, customer: { email: p.customer } }]);
  });
}
