// Alerts end to end over a real SQLite file: answers saved through the survey services, rules checked
// by runDueWork, alerts posted to real local stand-ins of Slack and Teams (checked byte for byte) and
// emailed through the real Resend SDK against its local stand-in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertChecks, alertDeliveries, responses, teams } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/access';
import type { AlertForm } from '../../src/services/alerts/rules';
import { createAlertRule, emptyAlertForm, getAlertRule, parseAlertForm, setAlertRuleActive } from '../../src/services/alerts/rules';
import { checkAlerts } from '../../src/services/alerts/checks';
import { createResendMailer } from '../../src/mail/resend';
import { runDueWork } from '../../src/services/dispatch';
import { recordHistory } from '../../src/services/import';
import { openSurvey, recordClick } from '../../src/services/respond';
import { commentRows } from '../helpers/insight';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey } from '../helpers/survey';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { signLink } from '../../src/security/links';
import { answer, answered, tasks, tokenOf } from '../helpers/followups';
import { receivedEmails } from '../shared/resendInbox';
import { startResendServer, type ResendServer } from '../shared/resendServer';

const admin: SessionUser = { id: 'admin', email: 'admin@support.example', name: 'Admin', role: 'admin', allTeams: true, teamIds: [], agentId: null };

let deps: TestDeps;
const servers: Server[] = [];
afterEach(async () => {
  deps?.close();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A stand-in chat webhook: answers with the given statuses in turn (then 200) and keeps each body as parsed JSON. */
async function chatReceiver(statuses: number[] = []) {
  const got: { path: string; contentType: string | undefined; json: unknown }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    got.push({ path: req.url ?? '', contentType: req.headers['content-type'], json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    res.writeHead(statuses.shift() ?? 200).end('ok');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/services/T0/B0/secret`, got };
}

async function rule(over: Partial<AlertForm>) {
  const parsed = await parseAlertForm(deps, admin, { ...emptyAlertForm(), name: 'Unhappy customers', ...over }, null);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return createAlertRule(deps, admin, parsed.value);
}

const deliveries = () => deps.db.select().from(alertDeliveries).orderBy(alertDeliveries.createdAt, alertDeliveries.id);
const run = () => runDueWork(deps, deps.clock());

describe('alerts to Slack', () => {
  it('posts one Slack message per rule and answer, however often runDueWork runs', async () => {
    deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
    const slack = await chatReceiver();
    await rule({ destination: 'slack', url: slack.url, condition: 'score', survey: 'csat', atMost: '2' });
    const s = await answered(deps, {}, 1, 'Waited <3 days> & still no refund');
    await run();
    await run();
    // The customer changes the answer: the rule already alerted for it.
    await answer(deps, s.token, 2, 'Still waiting');
    await run();

    expect(slack.got).toHaveLength(1);
    const [task] = await tasks(deps);
    expect(slack.got[0]!.contentType).toBe('application/json');
    expect(slack.got[0]!.json).toEqual({
      text: 'CSAT 1/5 from María: Waited &lt;3 days&gt; &amp; still no refund',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*CSAT 1/5 from María*' } },
        { type: 'section', text: { type: 'mrkdwn', text: '>Waited &lt;3 days&gt; &amp; still no refund' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Customer*\nMaría' },
            { type: 'mrkdwn', text: '*Agent*\nAna' },
            { type: 'mrkdwn', text: '*Team*\nTier 1' },
            { type: 'mrkdwn', text: '*Alert*\nUnhappy customers (CSAT score 2 or lower)' },
          ],
        },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the follow-up' }, url: `http://heard.test/follow-ups/${task!.id}` }] },
      ],
    });
    const [d] = await deliveries();
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200 });
    expect(await deps.db.select().from(alertChecks)).toEqual([]);
  });

  it('retries a failing webhook with backoff, then delivers once', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver([500, 429]);
    await rule({ destination: 'slack', url: slack.url });
    await answered(deps, {}, 1);
    await run();
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, error: 'HTTP 500' });
    // Not due yet: nothing is sent.
    await run();
    expect(slack.got).toHaveLength(1);
    deps.advance(30_000);
    await run();
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 2, responseStatus: 429 });
    deps.advance(2 * 60_000);
    await run();
    await run();
    expect(slack.got).toHaveLength(3);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, error: null });
  });

  it('stops retrying once the rule is disabled', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver([503]);
    const id = await rule({ destination: 'slack', url: slack.url });
    await answered(deps, {}, 1);
    await run();
    await setAlertRuleActive(deps, admin, (await getAlertRule(deps, admin, id))!, false);
    deps.advance(60 * 60_000);
    await run();
    expect(slack.got).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'failed', error: 'alert disabled' });
  });

  it('gives up at once when the webhook is gone (404)', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver([404]);
    await rule({ destination: 'slack', url: slack.url });
    await answered(deps, {}, 1);
    await run();
    deps.advance(60 * 60_000);
    await run();
    expect(slack.got).toHaveLength(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'failed', responseStatus: 404 });
  });
});

describe('which answers alert', () => {
  it('never alerts for a scanner’s flagged confirmation', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver();
    await rule({ destination: 'slack', url: slack.url });
    await answered(deps, { externalId: 'person' }, 5);
    const scanned = await deliveredSurvey(deps, { externalId: 'scanned', customer: { email: 'bot@example.com', name: 'Bot', locale: 'en' } });
    const token = tokenOf(scanned.links.scores.get(1)!);
    const ctx = await openSurvey(deps, token);
    if (!ctx.ok) throw new Error('link');
    await recordClick(deps, ctx.value, 1, { userAgent: 'scanner', ip: null });
    await recordClick(deps, ctx.value, 2, { userAgent: 'scanner', ip: null });
    await answer(deps, token, 1, null, 'auto');
    expect((await deps.db.select().from(responses).where(eq(responses.flagged, true))).length).toBe(1);
    deps.advance(5 * 60_000);
    await run();
    expect(slack.got).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('waits the scanner window after an automatic confirmation, then sends the answer with the comment added meanwhile', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver();
    await rule({ destination: 'slack', url: slack.url });
    const s = await deliveredSurvey(deps);
    const token = tokenOf(s.links.scores.get(1)!);
    await answer(deps, token, 1, null, 'auto');
    await run();
    expect(slack.got).toEqual([]);
    deps.advance(60_000);
    await answer(deps, token, 1, 'Nobody called me back');
    await run();
    expect(slack.got).toHaveLength(1);
    expect((slack.got[0]!.json as { text: string }).text).toBe('CSAT 1/5 from María: Nobody called me back');
  });

  it('never alerts for imported history, however bad', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver();
    await rule({ destination: 'slack', url: slack.url, condition: 'score', survey: 'nps', atMost: '6' });
    await rule({ name: 'VIPs', destination: 'slack', url: slack.url, condition: 'tag', tag: 'vip' });
    await rule({ name: 'Angry', destination: 'slack', url: slack.url, condition: 'sentiment' });
    const rows = commentRows(Array.from({ length: 300 }, (_, i) => ({ text: 'Terrible, awful service', score: 0, at: deps.clock() - i * 60_000 }))).map((r) => ({ ...r, tags: ['VIP'] }));
    await recordHistory(deps, rows);
    await run();
    await run();
    expect((await deps.db.select().from(responses)).length).toBe(300);
    expect(await deps.db.select().from(alertChecks)).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect(slack.got).toEqual([]);
  });

  it('checks rules on sentiment only once the comment is analysed', async () => {
    deps = makeTestDeps();
    const slack = await chatReceiver();
    await rule({ name: 'Angry', destination: 'slack', url: slack.url, condition: 'sentiment', highSeverityOnly: true });
    const s = await deliveredSurvey(deps, { externalId: 'angry' });
    await answer(deps, tokenOf(s.links.scores.get(4)!), 4, 'This is the worst, most useless and horrible support ever. I will cancel and tell everyone.');
    // Checked before the analysis ran: it waits instead of deciding without sentiment.
    expect(await checkAlerts(deps, deps.clock())).toMatchObject({ waiting: 1, checked: 0 });
    expect(await deliveries()).toEqual([]);
    deps.advance(60_000);
    await run();
    const [answerRow] = await deps.db.select().from(responses);
    expect(answerRow).toMatchObject({ sentiment: 'negative', severity: 'high' });
    expect(slack.got).toHaveLength(1);
  });

  it('matches a theme keyword, a VIP tag, and only the rule’s team', async () => {
    deps = makeTestDeps({ env: { THROTTLE_DAYS: '0' } });
    const slack = await chatReceiver();
    await rule({ name: 'Refunds', destination: 'slack', url: slack.url, condition: 'theme', keywords: 'refund, reembolso' });
    await rule({ name: 'VIP', destination: 'slack', url: slack.url, condition: 'tag', tag: 'vip' });
    const parsed = await parseAlertForm(deps, admin, { ...emptyAlertForm(), name: 'Tier 2 only', destination: 'slack', url: slack.url, condition: 'score', survey: 'csat', atMost: '4', teamId: await teamId('Tier 2') }, null);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    await createAlertRule(deps, admin, parsed.value);

    await answered(deps, { externalId: 'a', tags: ['billing'] }, 4, 'Todavía espero mi reembolso');
    await answered(deps, { externalId: 'b', tags: ['VIP', 'billing'], customer: { email: 'big@example.com', name: 'Big Co', locale: 'en' } }, 5, 'Great');
    await answered(deps, { externalId: 'c', customer: { email: 'z@example.com', name: 'Zed', locale: 'en' } }, 3);
    await run();
    const titles = (slack.got.map((g) => (g.json as { blocks: { text?: { text: string } }[] }).blocks[0]!.text!.text) as string[]).sort();
    expect(titles).toEqual(['*CSAT 4/5 from María*', '*CSAT 5/5 from Big Co*']);
    const rules = (await deliveries()).map((d) => JSON.parse(d.message).rule).sort();
    expect(rules).toEqual(['Refunds', 'VIP']);
  });
});

async function teamId(name: string) {
  const [existing] = await deps.db.select().from(teams).where(eq(teams.name, name));
  if (existing) return existing.id;
  const id = deps.newId();
  await deps.db.insert(teams).values({ id, name, createdAt: deps.clock() });
  return id;
}

describe('alerts to Microsoft Teams', () => {
  it('posts an Adaptive Card with the comment as plain text and the names escaped', async () => {
    deps = makeTestDeps();
    const msTeams = await chatReceiver([202]);
    await rule({ name: 'Low *CSAT*', destination: 'teams', url: msTeams.url });
    await answered(deps, { customer: { email: 'x@example.com', name: 'Ann_[VIP]', locale: 'en' } }, 2, '**Not** fixed. See [this](http://evil.example)');
    await run();
    const [task] = await tasks(deps);
    expect(msTeams.got).toHaveLength(1);
    expect(msTeams.got[0]!.json).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'CSAT 2/5 from Ann\\_\\[VIP\\]', weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '**Not** fixed. See [this](http://evil.example)', italic: true }] },
              {
                type: 'FactSet',
                facts: [
                  { title: 'Customer', value: 'Ann\\_\\[VIP\\]' },
                  { title: 'Agent', value: 'Ana' },
                  { title: 'Team', value: 'Tier 1' },
                  { title: 'Alert', value: 'Low \\*CSAT\\* \\(CSAT score 2 or lower\\)' },
                ],
              },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open the follow-up', url: `http://heard.test/follow-ups/${task!.id}` }],
          },
        },
      ],
    });
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', responseStatus: 202 });
  });
});

describe('alerts by email', () => {
  let resend: ResendServer;
  beforeAll(async () => {
    resend = await startResendServer();
  });
  afterAll(() => resend.close());

  it('emails each address on the list once through Resend, retrying a failed send without doubling the others', async () => {
    deps = makeTestDeps({ mailer: () => createResendMailer({ apiKey: 're_test', baseUrl: resend.url }) });
    const to = [`lead-${crypto.randomUUID().slice(0, 6)}@support.example`, `head-${crypto.randomUUID().slice(0, 6)}@support.example`];
    await rule({ destination: 'email', emails: to.join('\n') });
    const ingested = await ingestInteraction(deps, ZInteractionInput.parse(interaction({ externalId: 'mail-1' })));
    await answer(deps, await signLink(deps.config.appSecret, 'survey', ingested.surveyRequest.id, deps.clock()), 1, 'Rude & slow <b>agent</b>');
    await fetch(`${resend.url}/_test/failures`, { method: 'POST', body: JSON.stringify([{ status: 500 }]) });
    await run();
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    deps.advance(60 * 60_000);
    await run();
    await run();
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    for (const address of to) {
      const got = await receivedEmails(resend.url, address);
      expect(got).toHaveLength(1);
      expect(got[0]!.subject).toBe('CSAT 1/5 from María');
      expect(got[0]!.html).toContain('Rude &amp; slow &lt;b&gt;agent&lt;/b&gt;');
      expect(got[0]!.text).toContain('“Rude & slow <b>agent</b>”');
      expect(got[0]!.text).toContain('Open the follow-up: http://heard.test/follow-ups/');
    }
  });
});
