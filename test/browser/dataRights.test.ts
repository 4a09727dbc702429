// Data rights in real Chromium against a real server, from the customer's page as an admin sees it:
// export downloads the file; erasing asks for the address.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { signLink } from '../../src/security/links';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { createTestUser } from '../helpers/auth';
import { launchChromium, openSignedIn, screenshot, sessionCookie, startTestServer, type SessionCookie } from '../helpers/browser';
import { interaction } from '../helpers/deps';
import { answer } from '../helpers/followups';

const WHO = { email: 'zoltana.quibble@example.org', name: 'Zoltana Quibble', locale: 'en' };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: SessionCookie;
let customerId: string;

beforeAll(async () => {
  server = await startTestServer();
  const ingested = await ingestInteraction(server.deps, ZInteractionInput.parse(interaction({ customer: WHO })));
  await answer(server.deps, await signLink(server.deps.config.appSecret, 'survey', ingested.surveyRequest.id, server.deps.clock()), 4, 'Quick and kind');
  customerId = (await server.deps.db.query.customers.findFirst())!.id;
  cookie = await sessionCookie(server.deps, (await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' })).id);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(width: number) {
  const opened = await openSignedIn(browser, server.url, cookie, width);
  await opened.page.goto(`${server.url}/customers/${customerId}`);
  return opened;
}

it('shows Export data and Erase customer… on a phone, the erasure form opening in place', async () => {
  const { context, page, problems } = await open(390);
  await screenshot(page, 'data-rights-390');
  await page.getByText('Erase customer…').click();
  await expect.poll(() => page.getByLabel('Type the customer’s address to confirm').isVisible()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'data-rights-open-390');
  expect(problems).toEqual([]);
  await context.close();
});

it('downloads the export, refuses a mistyped address, then erases the customer', async () => {
  const { context, page, problems } = await open(1440);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export data' }).click()]);
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { customer: { email: string }; interactions: unknown[] };
  expect(file.customer.email).toBe(WHO.email);
  expect(file.interactions).toHaveLength(1);

  await page.getByText('Erase customer…').click();
  await screenshot(page, 'data-rights-open-1440');
  await page.getByLabel('Type the customer’s address to confirm').fill('zoltana@example.org');
  await page.getByRole('button', { name: 'Erase this customer' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Nothing was erased' }).isVisible()).toBe(true);

  await page.goto(`${server.url}/customers/${customerId}`);
  await page.getByText('Erase customer…').click();
  await page.getByLabel('Type the customer’s address to confirm').fill(WHO.email);
  await page.getByRole('button', { name: 'Erase this customer' }).click();
  await page.waitForURL(`${server.url}/admin/data?done=erased`);
  expect(await page.getByRole('status').first().textContent()).toContain('Customer erased.');
  await screenshot(page, 'data-settings-1440');
  expect(await server.deps.db.query.customers.findFirst()).toBeUndefined();
  expect(problems).toEqual([]);
  await context.close();
});

it('previews a retention rule on Settings → Data on a phone', async () => {
  const { context, page } = await open(390);
  await page.goto(`${server.url}/admin/data`);
  await page.getByLabel('Delete old comments').check();
  await page.getByLabel('Older than (months)').fill('6');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.waitForURL(/\/admin\/data\?.*months=6/);
  expect(await page.locator('#retention-preview').textContent()).toContain('older than 6 months');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'data-settings-390');
  await context.close();
});
