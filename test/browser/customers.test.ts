// The customers list, a customer's page and the churn view in real Chromium over the demo history
// (with its churn events), at phone and desktop widths; screenshots go to artifacts/screens/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { refreshAllCustomers } from '../../src/services/customers/refresh';
import { writeDemoChurn } from '../../scripts/demoChurn';
import { createTestUser } from '../helpers/auth';
import { join } from 'node:path';
import { launchChromium, openSignedIn, screenshot, SCREENS_DIR, sessionCookie, startTestServer, writeDemoHistory, type SessionCookie } from '../helpers/browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: SessionCookie;

beforeAll(async () => {
  server = await startTestServer();
  const now = server.deps.clock();
  await writeDemoHistory(server.deps, now);
  await writeDemoChurn(server.deps, now);
  await refreshAllCustomers(server.deps, now);
  cookie = await sessionCookie(server.deps, (await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' })).id);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (width: number) => openSignedIn(browser, server.url, cookie, width);

const contactsOf = async (page: import('playwright-core').Page) =>
  (await page.locator('.customers-table tbody td[data-label="Contacts (30 d)"]').allInnerTexts()).map(Number);

for (const width of [1440, 390]) {
  it(`lists customers at risk, sorts them and opens one at ${width} px`, async () => {
    const { context, page, problems } = await open(width);
    await page.goto(`${server.url}/customers`);
    const rows = page.locator('.customers-table tbody tr');
    expect(await rows.count()).toBe(25);
    expect(await page.locator('.customers-table .badge-danger', { hasText: 'At risk' }).count()).toBe(25);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, `customers-list-${width}`);
    // The first screenful, as a person sees it.
    await page.screenshot({ path: join(SCREENS_DIR, `customers-list-${width}-top.png`) });

    // Sort by contacts: by the column heading on a wide screen, by the order menu on a phone.
    if (width > 600) await page.click('a[data-sort="contacts"]');
    else {
      await page.selectOption('#c-sort', 'contacts');
      await page.click('form.filters button[type="submit"]');
    }
    await page.waitForURL(/sort=contacts/);
    const contacts = await contactsOf(page);
    expect(contacts.length).toBe(25);
    expect([...contacts].sort((a, b) => b - a)).toEqual(contacts);
    expect(contacts[0]).toBeGreaterThanOrEqual(3);

    await page.click('a:has-text("Next page")');
    await page.waitForURL(/cursor=/);
    expect(Math.max(...(await contactsOf(page)))).toBeLessThanOrEqual(contacts[24]!);

    const first = page.locator('.customers-table tbody th a').first();
    const who = await first.innerText();
    await first.click();
    await page.waitForURL(/\/customers\/[^/?]+$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(who);
    expect(await page.locator('#health').count()).toBe(1);
    expect(await page.locator('.timeline-item').count()).toBeGreaterThan(2);
    await screenshot(page, `customers-one-${width}`);
    const wide = await page.evaluate((w) => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1).slice(0, 3).map((e) => `${e.tagName}.${e.className}: ${e.textContent?.slice(0, 40)}`), width);
    expect(wide).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it(`draws churn by month at ${width} px`, async () => {
    const { context, page, problems } = await open(width);
    await page.goto(`${server.url}/customers/churn`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { Chart: { instances: object } }).Chart && Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length)).toBe(1);
    expect(await page.locator('.churn-table').first().locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, `customers-churn-${width}`);
    expect(problems).toEqual([]);
    await context.close();
  });
}
