// The dashboards in real Chromium over a real server with the demo data: filters swap the body
// and land in the URL, Back restores the previous view, clicking a chart opens the responses
// behind it. Screenshots at phone and desktop widths go to artifacts/screens/ for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isoDate, presetRange } from '../../src/domain/period';
import { dayNumber } from '../../src/domain/timeZone';
import { createTestUser, sessionFor } from '../helpers/auth';
import { launchChromium, screenshot, startTestServer, writeDemoHistory } from '../helpers/browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: { name: string; value: string };
let managerCookie: { name: string; value: string };
const problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ TIME_ZONE: 'Europe/Madrid' });
  await writeDemoHistory(server.deps, server.deps.clock());
  const toCookie = (header: string) => {
    const [name, value] = header.split('=') as [string, string];
    return { name, value };
  };
  cookie = toCookie((await sessionFor(server.deps, (await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' })).id)).cookie);
  const manager = await createTestUser(server.deps, { role: 'manager', teams: ['Billing'], name: 'Mina Manager' });
  managerCookie = toCookie((await sessionFor(server.deps, manager.id)).cookie);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(width: number, as = cookie): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  await context.addCookies([{ ...as, url: server.url }]);
  const page = await context.newPage();
  page.on('console', (m) => {
    // The browser asks for /favicon.ico by itself; that miss is not the dashboards'.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page };
}

/** Waits until every chart canvas on the page has been drawn by Chart.js. */
async function chartsDrawn(page: Page) {
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll('canvas[data-chart]')];
    const chart = (window as unknown as { Chart?: { getChart(c: Element): unknown } }).Chart;
    return canvases.length > 0 && !!chart && canvases.every((c) => chart.getChart(c));
  });
}

const tile = (page: Page, name: string) => page.locator(`[data-tile="${name}"] .tile-value`).innerText();

describe('overview', () => {
  it('filters swap the body, land in the URL, and Back restores the view', async () => {
    const { context, page } = await open(1440);
    await page.goto(`${server.url}/?preset=90d`);
    await chartsDrawn(page);
    const allTeams = await tile(page, 'responses');

    await page.selectOption('#filter-team', { label: 'Billing' });
    await page.waitForURL(/team=/);
    await expect.poll(() => tile(page, 'responses')).not.toBe(allTeams);
    await chartsDrawn(page);
    // Only the body was swapped: the filter form is the same element, still holding the choice.
    expect(await page.locator('#filter-team option:checked').innerText()).toBe('Billing');
    expect(new URL(page.url()).searchParams.get('preset')).toBe('90d');
    const billing = await tile(page, 'responses');

    await page.selectOption('#filter-channel', 'chat');
    await page.waitForURL(/channel=chat/);
    await expect.poll(() => tile(page, 'responses')).not.toBe(billing);

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('channel='));
    await expect.poll(() => tile(page, 'responses')).toBe(billing);
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('team='));
    await expect.poll(() => tile(page, 'responses')).toBe(allTeams);
    await expect.poll(() => page.locator('#filter-team option:checked').innerText()).toBe('All teams');
    await chartsDrawn(page);
    await context.close();
  });

  it('a preset then Apply puts the preset’s dates in From and To', async () => {
    const { context, page } = await open(1440);
    await page.goto(`${server.url}/?from=2025-01-01&to=2025-01-31`);
    await chartsDrawn(page);
    await page.selectOption('#filter-preset', '7d');
    await page.click('#filters button[type="submit"]');
    await page.waitForURL(/preset=7d/);
    const week = presetRange('7d', dayNumber(server.deps.clock(), 'Europe/Madrid'));
    await expect.poll(() => page.inputValue('#filter-from')).toBe(isoDate(week.from));
    expect(await page.inputValue('#filter-to')).toBe(isoDate(week.to));
    expect(await page.locator('#filter-summary').innerText()).toBe('Last 7 days');
    await context.close();
  });

  it('folds the filters into one line on a phone', async () => {
    const { context, page } = await open(390);
    await page.goto(`${server.url}/?preset=90d&channel=chat`);
    await chartsDrawn(page);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('.filters-toggle').innerText()).toContain('Last 90 days · chat');
    const tilesTop = await page.locator('.tiles').evaluate((e) => e.getBoundingClientRect().top);
    expect(tilesTop).toBeLessThan(400);
    await page.click('.filters-toggle');
    expect(await page.locator('#filters').isVisible()).toBe(true);
    await page.selectOption('#filter-channel', 'email');
    await page.waitForURL(/channel=email/);
    await expect.poll(() => page.locator('#filter-summary').innerText()).toBe('Last 90 days · email');
    await context.close();
  });

  it('a click on a distribution bar opens the responses with that score', async () => {
    const { context, page } = await open(1440);
    await page.goto(`${server.url}/?preset=90d&survey=nps`);
    await chartsDrawn(page);
    // The tallest bar, so the click surely lands on it.
    const bar = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="distribution"]') as HTMLCanvasElement;
      const chart = (window as unknown as { Chart: { getChart(c: Element): { getDatasetMeta(i: number): { data: Array<{ x: number; y: number; base: number }> } } } }).Chart.getChart(canvas);
      const values = JSON.parse(canvas.dataset.values!) as number[];
      const index = values.indexOf(Math.max(...values));
      const box = canvas.getBoundingClientRect();
      const el = chart.getDatasetMeta(0).data[index]!;
      return { x: box.left + el.x, y: box.top + (el.y + el.base) / 2, score: String(index) };
    });
    await page.mouse.click(bar.x, bar.y);
    await page.waitForURL(/\/responses\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('score')).toBe(bar.score);
    expect(url.searchParams.get('survey')).toBe('nps');
    const scores = await page.locator('.response-head .badge:first-child').allInnerTexts();
    expect(scores.length).toBeGreaterThan(0);
    expect(new Set(scores)).toEqual(new Set([`NPS ${bar.score}`]));
    await context.close();
  });

  it('a click on a trend point opens the responses of that week', async () => {
    const { context, page } = await open(1440);
    await page.goto(`${server.url}/?preset=90d&survey=csat&bucket=week`);
    await chartsDrawn(page);
    const point = await page.evaluate(() => {
      const canvas = document.querySelector('canvas[data-chart="trend"]')!;
      const chart = (window as unknown as { Chart: { getChart(c: Element): { getDatasetMeta(i: number): { data: Array<{ x: number; y: number }> } } } }).Chart.getChart(canvas);
      const box = canvas.getBoundingClientRect();
      const el = chart.getDatasetMeta(2).data[3]!;
      return { x: box.left + el.x, y: box.top + el.y };
    });
    const expected = JSON.parse((await page.locator('canvas[data-chart="trend"]').getAttribute('data-links'))!)[3] as string;
    await page.mouse.click(point.x, point.y);
    await page.waitForURL(/\/responses\?/);
    expect(page.url()).toBe(`${server.url}${expected}`);
    const url = new URL(page.url());
    const days = (Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!)) / 86_400_000;
    expect(days).toBe(6);
    await expect.poll(() => page.locator('.response').count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe('screens', () => {
  const pages: Array<[string, string, 'admin' | 'manager']> = [
    ['overview', '/?preset=90d', 'admin'],
    ['agents', '/agents?preset=90d', 'admin'],
    ['responses', '/responses?preset=30d&comments=1', 'admin'],
    ['overview-manager-nps', '/?preset=12m&survey=nps', 'manager'],
  ];
  for (const width of [390, 1440]) {
    it(`render readably at ${width}px`, async () => {
      const { context, page } = await open(width);
      for (const [name, path, who] of pages) {
        if (who === 'manager') await context.addCookies([{ ...managerCookie, url: server.url }]);
        await page.goto(`${server.url}${path}`);
        if (name.startsWith('overview')) await chartsDrawn(page);
        // Nothing wider than the screen, except inside the scrolling table box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
        await screenshot(page, `dashboard-${name}-${width}`);
      }
      await context.addCookies([{ ...cookie, url: server.url }]);
      const agentLink = page.locator('a[href^="/agents/"]').first();
      if (await agentLink.count()) {
        await page.goto(`${server.url}/agents?preset=90d`);
        await page.locator('.agents-table tbody a').first().click();
        await page.waitForURL(/\/agents\/[^?]+/);
        await chartsDrawn(page);
        await screenshot(page, `dashboard-agent-${width}`);
      }
      await context.close();
    });
  }

  it('ran without script errors or blocked content', () => {
    expect(problems).toEqual([]);
  });
});
