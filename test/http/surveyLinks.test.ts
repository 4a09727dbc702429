// Surveys for chat, SMS and WhatsApp: POST /api/v1/interactions with "delivery": "link" sends no
// email and answers with signed links, a short one for SMS, none when throttled.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { runDueWork } from '../../src/services/dispatch';
import { createApiKey } from '../../src/services/apiKeys';
import { interaction, makeTestDeps, type CapturingMailer, type TestDeps } from '../helpers/deps';
import { pathOf } from '../helpers/survey';
import { responses } from '../../src/db/schema';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const { key } = await createApiKey(deps, 'helpdesk');
  const post = async (body: unknown) => {
    const res = await app.request('/api/v1/interactions', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    });
    return { status: res.status, body: await res.json() };
  };
  return { app, post };
}

describe('link delivery', () => {
  it('answers with the page link, a link per score and a short link, and sends no email', async () => {
    const { app, post } = await setup();
    const first = await post({ ...interaction({ externalId: 'chat-1', survey: 'nps', channel: 'chat' }), delivery: 'link' });
    expect(first.status).toBe(201);
    const r = first.body.surveyRequest;
    expect(r.status).toBe('sent');
    expect(r.link).toMatch(/^http:\/\/heard\.test\/s\/[^?]+$/);
    expect(r.scoreLinks.map((s: { score: number }) => s.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.scoreLinks[7].url).toBe(`${r.link}?score=7`);
    expect(r.shortLink.slice('http://heard.test'.length).length).toBeLessThan(40);
    // A retried delivery gets the same links back.
    const again = await post({ ...interaction({ externalId: 'chat-1', survey: 'nps', channel: 'chat' }), delivery: 'link' });
    expect(again.status).toBe(200);
    expect(again.body.surveyRequest).toMatchObject({ link: r.link, shortLink: r.shortLink });
    deps.advance(2 * 3_600_000);
    await runDueWork(deps, deps.clock());
    expect((deps.mailer as CapturingMailer).sent).toHaveLength(0);

    const short = await app.request(pathOf(r.shortLink));
    expect(short.status).toBe(302);
    expect(short.headers.get('Location')).toBe(r.link);
    // Without a score in the link, the customer picks one on the page.
    const page = await (await app.request(pathOf(r.link))).text();
    expect(page).not.toMatch(/name="score"[^>]*checked/);
    await app.request(pathOf(r.link), { method: 'POST', body: new URLSearchParams({ score: '9' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(await deps.db.select().from(responses)).toMatchObject([{ score: 9, channel: 'chat' }]);
    expect((await app.request('/r/nosuchcode')).status).toBe(404);
  });

  it('answers suppressed with no links when the customer was surveyed recently', async () => {
    const { post } = await setup();
    await post({ ...interaction({ externalId: 'sms-1' }), delivery: 'link' });
    const second = await post({ ...interaction({ externalId: 'sms-2' }), delivery: 'link' });
    expect(second.body.surveyRequest.status).toBe('suppressed');
    expect(second.body.surveyRequest.link).toBeUndefined();
    expect(second.body.surveyRequest.scoreLinks).toBeUndefined();
  });

  it('refuses an unknown delivery with a problem', async () => {
    const { post } = await setup();
    const res = await post({ ...interaction({ externalId: 'x' }), delivery: 'fax' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('delivery');
  });
});
