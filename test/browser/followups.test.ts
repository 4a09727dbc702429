// An agent's whole follow-up loop in a real browser, with emails through the real Resend SDK to a
// local stand-in: a detractor answers, the task appears in the agent's inbox, the agent logs a
// note, emails the customer and resolves it; days later the recovery survey goes out, the
// customer answers 9, and the manager's report counts the customer as recovered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { followups, responses } from '../../src/db/schema';
import { createResendMailer } from '../../src/mail/resend';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { cookieName } from '../../src/http/middleware/session';
import { createTestUser, sessionFor, TEST_PASSWORD } from '../helpers/auth';
import { launchChromium, screenshot, startTestServer } from '../helpers/browser';
import { interaction } from '../helpers/deps';
import { linksOf } from '../helpers/survey';
import { receivedEmails } from '../shared/resendInbox';
import { startResendServer, type ResendServer } from '../shared/resendServer';

const DAY = 86_400_000;
const CUSTOMER = 'maria.loop@example.com';
const AGENT = 'ana@support.example';

let browser: Browser;
let resend: ResendServer;
let server: Awaited<ReturnType<typeof startTestServer>>;
let now = Date.parse('2026-03-02T09:00:00Z'); // a Monday morning

beforeAll(async () => {
  browser = await launchChromium();
  resend = await startResendServer();
  server = await startTestServer(
    { SURVEY_DELAY_MINUTES: '0', TIME_ZONE: 'Europe/Madrid' },
    { mailer: createResendMailer({ apiKey: 're_test_key', baseUrl: resend.url }), clock: () => now },
  );
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
  await resend?.close();
});

/** The newest email Resend accepted for an address whose subject matches. */
async function emailTo(address: string, subject: RegExp) {
  const all = await receivedEmails(resend.url, address);
  const found = all.filter((e) => subject.test(e.subject)).at(-1);
  if (!found) throw new Error(`no email "${subject}" for ${address}; got ${all.map((e) => e.subject).join(' | ')}`);
  return found;
}

/** Full-page screenshots at phone and desktop widths; nothing may overflow sideways. */
async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} at ${width}px`).toBe(true);
    await screenshot(page, `followups-${name}-${width}`);
  }
}

it('closes the loop from a detractor answer to a recovered customer on the manager’s report', async () => {
  const deps = server.deps;
  await createTestUser(deps, { role: 'agent', email: AGENT, name: 'Ana', teams: ['Tier 1'] });
  const manager = await createTestUser(deps, { role: 'manager', email: 'mia@staff.example', name: 'Mia', teams: ['Tier 1'] });

  // 1. The customer answers the survey with a detractor score and a comment.
  await ingestInteraction(
    deps,
    ZInteractionInput.parse(
      interaction({
        externalId: 'ZD-4711',
        survey: 'nps',
        channel: 'email',
        tags: ['billing'],
        customer: { email: CUSTOMER, name: 'María', locale: 'en' },
        agent: { email: AGENT, name: 'Ana' },
      }),
    ),
  );
  await runDueWork(deps, now);
  const survey = await emailTo(CUSTOMER, /How did we do/);
  const customer = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await customer.goto(linksOf(survey).scores.get(3)!);
  await customer.fill('textarea[name=comment]', 'I was charged twice and nobody answered. I want a refund.');
  await customer.click('button[type=submit]');
  await customer.waitForSelector('text=I was charged twice');

  // 2. The task appears in Ana's inbox after she signs in.
  now += 30 * 60_000;
  const agent = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await agent.goto(`${server.url}/login?next=/follow-ups`);
  await agent.fill('input[name=email]', AGENT);
  await agent.fill('input[name=password]', TEST_PASSWORD);
  await agent.click('button[type=submit]');
  await agent.waitForURL(/\/follow-ups$/);
  const card = agent.locator('.task', { hasText: 'María' });
  await expect.poll(() => card.count()).toBe(1);
  expect(await card.innerText()).toContain('3/10 NPS');
  await shoot(agent, 'inbox');

  // 3. On the task page: a note, then an email to the customer from the template.
  await card.locator('a.task-title').click();
  await agent.waitForSelector('h1:has-text("Follow-up with María")');
  expect(await agent.locator('.said-comment').innerText()).toContain('charged twice');
  await agent.fill('#activity-body', 'Checked billing: the second charge is a duplicate.');
  await agent.click('button:has-text("Add to the log")');
  await agent.waitForSelector('text=Added to the log.');
  expect(await agent.inputValue('#email-subject')).toBe('About your recent feedback');
  await agent.fill('#email-body', 'Hi María,\n\nI am sorry about the double charge. I have refunded it today; you will see it in 3 to 5 days.\n\nAna');
  await agent.click('button:has-text("Send email")');
  await agent.waitForSelector('text=Email sent.');
  const sent = await emailTo(CUSTOMER, /About your recent feedback/);
  expect(sent.replyTo).toEqual([AGENT]);
  expect(sent.text).toContain('I have refunded it today');

  // 4. Resolved with an outcome; the task page shows when the recovery survey goes out.
  await agent.selectOption('#status-to', 'resolved');
  await agent.fill('#status-note', 'Refunded the duplicate charge and apologised.');
  await agent.click('button:has-text("Change status")');
  await agent.waitForSelector('text=Status changed.');
  expect(await agent.locator('#recovery').locator('..').innerText()).toContain('Recovery survey goes out');
  await shoot(agent, 'task');

  // 5. Three days later the recovery survey goes out; the customer answers 9.
  now += 3 * DAY;
  await runDueWork(deps, now);
  const recovery = await emailTo(CUSTOMER, /Did we make it right/);
  await customer.goto(linksOf(recovery).scores.get(9)!);
  expect(await customer.locator('h1').innerText()).toBe('Did we make it right?');
  await screenshot(customer, 'followups-recovery-survey-390');
  await customer.fill('textarea[name=comment]', 'Refund arrived, thank you Ana.');
  await customer.click('button[type=submit]');
  await customer.waitForSelector('text=Refund arrived');
  const [task] = await deps.db.select().from(followups);
  expect(task).toMatchObject({ status: 'resolved', recoveryScore: 9 });
  // The recovery answer is not customer feedback about an interaction: dashboards never see it.
  expect((await deps.db.select().from(responses)).map((r) => r.score)).toEqual([3]);

  // 6. The manager's report counts one recovered customer.
  const session = await sessionFor(deps, manager.id);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: cookieName(deps), value: session.token, url: server.url }]);
  const report = await context.newPage();
  await report.goto(`${server.url}/follow-ups/report?preset=7d`);
  const tile = (label: string) => report.locator('.stat', { hasText: label }).locator('.stat-value').innerText();
  expect(await tile('Recovery rate')).toBe('100%');
  expect(await tile('Tasks opened')).toBe('1');
  expect(await tile('Closed within SLA')).toBe('100%');
  expect(await report.locator('.stat', { hasText: 'Recovery rate' }).innerText()).toContain('1 of 1 answered');
  expect(await report.locator('table').innerText()).toContain('Ana');
  await shoot(report, 'report');
  await context.close();
});

it('shows an admin the follow-up settings without overflowing a phone screen', async () => {
  const admin = await createTestUser(server.deps, { role: 'admin', email: 'ada@staff.example', name: 'Ada' });
  const session = await sessionFor(server.deps, admin.id);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: cookieName(server.deps), value: session.token, url: server.url }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/webhooks`);
  await page.fill('#w-url', 'https://hooks.example/heard');
  await page.click('button:has-text("Add webhook")');
  await page.waitForSelector('text=Checking signatures');
  await shoot(page, 'admin-webhook');
  for (const [path, name] of [
    ['/admin/follow-ups', 'admin-rules'],
    ['/admin/follow-ups/hours', 'admin-hours'],
    ['/admin/follow-ups/templates', 'admin-templates'],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await shoot(page, name);
  }
  await context.close();
});
