// An admin sets up an alert in real Chromium: a mistake shown beside its field, the rule saved with
// its Slack URL masked, a test alert posted to a local Slack stand-in and shown in the log without a
// reload. Screenshots at phone and desktop widths, nothing sideways.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestUser } from '../helpers/auth';
import { collectPageErrors, launchChromium, screenshotWidths, sessionCookie, startTestServer } from '../helpers/browser';
import { renderAlertEmail } from '../../src/mail/templates/AlertEmail';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let slack: Server;
const received: { text: string }[] = [];
const problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  slack = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string });
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => slack.close(() => resolve()));
});

const shoot = (page: Page, name: string) => screenshotWidths(page, `alerts-${name}`);

it('adds a Slack alert, sends a test alert and sees it delivered', async () => {
  const admin = await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ ...(await sessionCookie(server.deps, admin.id)), url: server.url }]);
  const page = await context.newPage();
  collectPageErrors(page, problems);
  const hookUrl = `http://localhost:${(slack.address() as AddressInfo).port}/services/T01/B02/s3cretTOKENabcd`;

  await page.goto(`${server.url}/alerts`);
  await page.getByRole('heading', { name: 'Alerts', exact: true }).waitFor();
  await shoot(page, 'empty');

  // A mistake first: a score off the NPS scale comes back beside its field.
  await page.getByLabel('Name', { exact: true }).fill('NPS detractors');
  await page.getByLabel('A score is at or below').check();
  await page.getByLabel('Survey').selectOption('nps');
  await page.getByLabel('Score at most').fill('11');
  await page.locator('input[name=destination][value=slack]').check();
  await page.getByLabel('Webhook URL (Slack or Teams)').fill(hookUrl);
  await page.getByRole('button', { name: 'Add alert' }).click();
  await expect.poll(() => page.locator('.field-error').first().innerText()).toContain('Choose a whole number from 0 to 9 for NPS.');
  // The secret URL is not sent back into the form.
  expect(await page.getByLabel('Webhook URL (Slack or Teams)').inputValue()).toBe('');
  await shoot(page, 'add-error');

  await page.getByLabel('Score at most').fill('6');
  await page.getByLabel('Webhook URL (Slack or Teams)').fill(hookUrl);
  await page.getByRole('button', { name: 'Add alert' }).click();
  await page.getByRole('heading', { name: 'NPS detractors' }).waitFor();
  expect(await page.content()).not.toContain('s3cretTOKEN');
  await expect.poll(() => page.locator('.facts').innerText()).toContain('Slack: http://localhost');

  const url = page.url();
  await page.getByRole('button', { name: 'Send a test alert' }).click();
  await expect.poll(() => page.locator('#alert-deliveries').innerText()).toContain('Test alert sent (answered 200)');
  expect(page.url()).toBe(url);
  expect(await page.locator('#alert-deliveries tbody tr').count()).toBe(1);
  expect(received).toHaveLength(1);
  expect(received[0]!.text).toContain('[Test] CSAT 1/5 from A. Customer (test)');
  await shoot(page, 'rule');

  await page.goto(`${server.url}/alerts`);
  await expect.poll(() => page.locator('table').innerText()).toContain('NPS score 6 or lower');
  await shoot(page, 'list');
  expect(problems).toEqual([]);
  await context.close();
});

it('renders the alert email readably at phone and desktop widths', async () => {
  const email = await renderAlertEmail({
    rule: 'NPS detractors',
    condition: 'NPS score 6 or lower',
    survey: 'nps',
    score: 3,
    comment: 'Waited <3 days> & still no refund.\nNobody called me back.',
    customer: 'María López',
    agent: 'Ana',
    team: 'Tier 1',
    link: 'https://heard.example.com/follow-ups/fu_123',
    linkLabel: 'Open the follow-up',
  });
  const page = await browser.newPage();
  await page.setContent(email.html);
  expect(await page.locator('p').first().innerText()).toBe('Waited <3 days> & still no refund.\nNobody called me back.');
  await shoot(page, 'email');
  await page.close();
});
