// The themes panel and the comment search in real Chromium over the demo data (comments in three
// languages), at phone and desktop widths; screenshots go to artifacts/screens/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { analyseComments } from '../../src/services/insight/analyseComments';
import { createTestUser } from '../helpers/auth';
import { launchChromium, openSignedIn, screenshot, sessionCookie, startTestServer, writeDemoHistory, type SessionCookie } from '../helpers/browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: SessionCookie;

beforeAll(async () => {
  server = await startTestServer({ TIME_ZONE: 'Europe/Madrid' });
  await writeDemoHistory(server.deps, server.deps.clock());
  while ((await analyseComments(server.deps)).analysed > 0);
  cookie = await sessionCookie(server.deps, (await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' })).id);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (width: number) => openSignedIn(browser, server.url, cookie, width);

for (const width of [1440, 390]) {
  it(`shows themes on the overview and opens a theme's comments at ${width} px`, async () => {
    const { context, page, problems } = await open(width);
    await page.goto(`${server.url}/?preset=90d`);
    const panel = page.locator('[data-panel="themes"]');
    await expect.poll(() => panel.locator('tbody tr').count()).toBeGreaterThan(2);
    // Nothing wider than the phone: the table fits or scrolls inside its card.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, `themes-overview-${width}`);

    const first = panel.locator('tbody tr th a').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(/\/responses\?.*theme=/);
    await expect.poll(() => page.locator('[data-chip="theme"]').innerText()).toContain(name);
    expect(await page.locator('.response').count()).toBeGreaterThan(0);
    await screenshot(page, `themes-responses-${width}`);
    expect(problems).toEqual([]);
    await context.close();
  });
}

it('narrows the themes panel to a tag and its comments, from the theme cells by tag', async () => {
  for (const width of [1440, 390]) {
    const { context, page, problems } = await open(width);
    await page.goto(`${server.url}/?preset=90d&tag=billing`);
    const panel = page.locator('[data-panel="themes"]');
    await expect.poll(() => panel.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, `themes-tag-${width}`);
    // A theme's link keeps the tag: its comments are the tagged ones.
    await panel.locator('tbody tr th a').first().click();
    await page.waitForURL(/\/responses\?.*tag=billing.*theme=|\/responses\?.*theme=.*tag=billing/);
    expect(await page.locator('.response').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  }
});

it('searches comments and filters by sentiment', async () => {
  const { context, page, problems } = await open(1440);
  await page.goto(`${server.url}/responses?preset=90d`);
  await page.selectOption('#comment-sentiment', 'negative');
  await page.click('.comment-search button');
  await page.waitForURL(/sentiment=negative/);
  await expect.poll(() => page.locator('[data-sentiment="negative"]').count()).toBeGreaterThan(0);
  expect(await page.locator('[data-sentiment="positive"]').count()).toBe(0);
  await screenshot(page, 'responses-negative-1440');
  expect(problems).toEqual([]);
  await context.close();
});

it('keeps the comment filters when a main filter changes', async () => {
  const { context, page, problems } = await open(1440);
  await page.goto(`${server.url}/?preset=90d`);
  const first = page.locator('[data-panel="themes"] tbody tr th a').first();
  await expect.poll(() => first.count()).toBe(1);
  await first.click();
  await page.waitForURL(/\/responses\?.*theme=/);
  const theme = new URL(page.url()).searchParams.get('theme');
  // A comment search and a sentiment on top of the theme, from the list's own form.
  await page.selectOption('#comment-sentiment', 'negative');
  await page.fill('#comment-q', 'the');
  await page.click('.comment-search button');
  await page.waitForURL(/sentiment=negative/);

  const filters = async () => {
    const url = new URL(page.url()).searchParams;
    return { preset: url.get('preset'), sentiment: url.get('sentiment'), theme: url.get('theme'), q: url.get('q') };
  };
  const chips = () => page.locator('.chips [data-chip]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chip')));
  await page.locator('details[data-filters]').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.selectOption('#filter-preset', '30d');
  await page.waitForURL(/preset=30d/);
  expect(await filters()).toEqual({ preset: '30d', sentiment: 'negative', theme, q: 'the' });
  await expect.poll(chips).toEqual(expect.arrayContaining(['sentiment', 'theme', 'q']));

  // A filter removed from its chip stays removed when the bar changes again.
  await page.click('[data-chip="theme"] .chip-clear');
  await expect.poll(() => filters()).toMatchObject({ theme: null, sentiment: 'negative' });
  await page.selectOption('#filter-preset', '90d');
  await page.waitForURL(/preset=90d/);
  expect(await filters()).toEqual({ preset: '90d', sentiment: 'negative', theme: null, q: 'the' });
  await screenshot(page, 'responses-kept-filters-1440');
  expect(problems).toEqual([]);
  await context.close();
});

it('renders the admin themes page', async () => {
  const { context, page } = await open(390);
  await page.goto(`${server.url}/admin/themes`);
  expect(await page.locator('[data-theme]').count()).toBeGreaterThan(0);
  await screenshot(page, 'themes-admin-390');
  await context.close();
});
