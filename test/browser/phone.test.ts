// The staff pages with tables, and the dead ends, on a phone (390 px) and a desktop (1440 px):
// nothing wider than the screen, every table readable (it fits or scrolls inside its own box),
// the favicon loads, and a missing page keeps the navigation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueWork } from '../../src/services/dispatch';
import { createApiKey } from '../../src/services/apiKeys';
import { changeStatus } from '../../src/services/followups/actions';
import { HEARD } from '../../src/services/followups/events';
import { createTestUser, sessionFor } from '../helpers/auth';
import { launchChromium, screenshot, startTestServer } from '../helpers/browser';
import { answeredUnsent, tasks } from '../helpers/followups';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: { name: string; value: string };

beforeAll(async () => {
  server = await startTestServer({ SURVEY_DELAY_MINUTES: '0', THROTTLE_DAYS: '0' });
  const deps = server.deps;
  const admin = await createTestUser(deps, { role: 'admin', name: 'Ada Admin' });
  await createTestUser(deps, { role: 'agent', name: 'Ana Agent with a rather long name', email: 'ana.with.a.long.address@support.example', teams: ['Tier 1'] });
  for (let i = 0; i < 4; i++) {
    await answeredUnsent(deps, { externalId: `P-${i}`, agent: { email: 'ana.with.a.long.address@support.example' }, customer: { email: `customer.with.long.address.${i}@example.com` } }, 1);
  }
  const [first] = await tasks(deps);
  await changeStatus(deps, first!.id, HEARD, 'resolved', 'Called and refunded the second charge.');
  await runDueWork(deps, deps.clock());
  await createApiKey(deps, 'Helpdesk integration with a long name');
  const [name, value] = (await sessionFor(deps, admin.id)).cookie.split('=') as [string, string];
  cookie = { name, value };
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Tables that are wider than their box must sit in a box that scrolls, or they are cut off. */
async function clippedTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter((t) => {
        let box = t.parentElement;
        while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
        if (!box) return false;
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
        return t.getBoundingClientRect().right > box.getBoundingClientRect().right + 1 && !scrolls;
      })
      .map((t) => t.querySelector('th')?.textContent ?? 'table'),
  );
}

describe('at phone and desktop widths', () => {
  for (const width of [390, 1440]) {
    it(`the outbox, the follow-up report and the API keys fit at ${width}px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      await context.addCookies([{ ...cookie, url: server.url }]);
      const page = await context.newPage();
      for (const [name, path] of [
        ['outbox', '/outbox'],
        ['followup-report', '/follow-ups/report'],
        ['api-keys', '/admin/api-keys'],
        ['not-found', '/no/such/page'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width}px`).toBeLessThanOrEqual(0);
        expect(await clippedTables(page), `${name} at ${width}px`).toEqual([]);
        // Nor scrolled out of sight: every cell is on the screen.
        const offscreen = await page.evaluate(() => [...document.querySelectorAll('td, th')].filter((c) => c.getBoundingClientRect().right > window.innerWidth + 1).length);
        expect(offscreen, `${name} at ${width}px`).toBe(0);
        await screenshot(page, `phone-${name}-${width}`);
      }
      expect(await page.locator('.app-bar a[href="/follow-ups"]').count()).toBe(1);
      const icon = await page.request.get(`${server.url}/favicon.svg`);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toContain('image/svg+xml');
      await context.close();
    });
  }
});
