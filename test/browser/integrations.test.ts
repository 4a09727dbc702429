// An admin connects a helpdesk in real Chromium: fills the form on Admin → Integrations, lands on
// the connection's page with its webhook URL and setup steps, sends a test event and sees it in
// the delivery log without a reload. Screenshots at phone and desktop widths, nothing sideways.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectionDeliveries } from '../../src/db/schema';
import { createTestUser } from '../helpers/auth';
import { collectPageErrors, launchChromium, screenshotWidths, sessionCookie, startTestServer } from '../helpers/browser';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shoot = (page: Page, name: string) => screenshotWidths(page, `integrations-${name}`);

it('adds a Zendesk connection, sends the test event and sees it listed', async () => {
  const admin = await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ ...(await sessionCookie(server.deps, admin.id)), url: server.url }]);
  const page = await context.newPage();
  collectPageErrors(page, problems);

  await page.goto(`${server.url}/admin/integrations`);
  await page.getByRole('link', { name: 'Integrations' }).waitFor();
  // A mistake first: the ticket URL without {id} comes back beside its field.
  await page.getByLabel('Zendesk').check();
  await page.getByLabel('Name', { exact: true }).fill('Zendesk production');
  await page.getByLabel('Ticket URL (optional)').fill('https://acme.zendesk.com/agent/tickets/');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect.poll(() => page.locator('.field-error').innerText()).toContain('Put {id} where the ticket number goes');
  await shoot(page, 'add-error');

  await page.getByLabel('Ticket URL (optional)').fill('https://acme.zendesk.com/agent/tickets/{id}');
  await page.getByLabel('Signing secret (optional)').fill('zendesk-signing-secret-0001');
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('heading', { name: 'Zendesk production' }).waitFor();
  const webhook = await page.locator('#webhook-url').inputValue();
  expect(webhook).toMatch(new RegExp(`^${server.url}/hooks/zendesk/cn_`));
  expect(await page.locator('#setup-body').inputValue()).toContain('"assignee": { "email": "{{ticket.assignee.email}}"');
  // The secret stays hidden until asked for.
  expect(await page.locator('#webhook-secret').isVisible()).toBe(false);
  await page.getByText('Show signing secret').click();
  expect(await page.locator('#webhook-secret').inputValue()).toBe('zendesk-signing-secret-0001');
  await expect.poll(() => page.locator('#deliveries').innerText()).toContain('Nothing received yet');

  const url = page.url();
  await page.getByRole('button', { name: 'Send a test event' }).click();
  await expect.poll(() => page.locator('#deliveries').innerText()).toContain('Test event sent');
  const rows = await server.deps.db.select().from(connectionDeliveries);
  expect(rows).toHaveLength(1);
  await expect.poll(() => page.locator(`[data-delivery="${rows[0]!.id}"]`).count()).toBe(1);
  expect(page.url(), 'htmx swapped the log in place').toBe(url);
  await shoot(page, 'connection');

  await page.goto(`${server.url}/admin/integrations`);
  await expect.poll(() => page.locator('table').innerText()).toContain('Zendesk production');
  await shoot(page, 'list');
  expect(problems).toEqual([]);
  await context.close();
});
