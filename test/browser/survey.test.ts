// A customer on a real browser, and the scanners that open their email before they do.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../../src/db/schema';
import { createResendMailer } from '../../src/mail/resend';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { receivedEmails } from '../shared/resendInbox';
import { startResendServer, type ResendServer } from '../shared/resendServer';
import { interaction } from '../helpers/deps';
import { launchChromium, screenshot, startTestServer } from '../helpers/browser';
import { linksOf } from '../helpers/survey';

let browser: Browser;
let resend: ResendServer;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  browser = await launchChromium();
  resend = await startResendServer();
});
afterAll(async () => {
  await browser?.close();
  await resend?.close();
});
afterEach(async () => server?.stop());

/** Ingests an interaction, lets the dispatcher send it through the real SDK, and returns the email Resend got. */
async function emailFor(over: Record<string, unknown>) {
  server = await startTestServer(
    { SURVEY_DELAY_MINUTES: '0' },
    { mailer: createResendMailer({ apiKey: 're_test_key', baseUrl: resend.url }) },
  );
  const input = ZInteractionInput.parse(interaction({ customer: { email: `${crypto.randomUUID()}@example.com`, locale: 'en' }, ...over }));
  await ingestInteraction(server.deps, input);
  await runDueWork(server.deps, server.deps.clock());
  const [email] = await receivedEmails(resend.url, input.customer.email);
  if (!email) throw new Error('no email reached the Resend endpoint');
  return { email, links: linksOf(email) };
}

const counted = async () => (await server.deps.db.select().from(responses)).filter((r) => !r.flagged);

describe('a person clicking a score in the email', () => {
  it('counts the single click without a second one, then takes a comment', async () => {
    const { links } = await emailFor({ agent: { email: 'ana@support.example', name: 'Ana' } });
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    await page.goto(links.scores.get(4)!);
    await expect.poll(() => page.locator('#confirm-status').innerText(), { timeout: 8000 }).not.toBe('');
    expect(await counted()).toMatchObject([{ score: 4, source: 'auto' }]);
    await page.fill('textarea[name=comment]', 'Quick and kind');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Quick and kind');
    expect(await counted()).toMatchObject([{ score: 4, comment: 'Quick and kind', source: 'explicit' }]);
    await page.close();
  });

  it('works with the keyboard alone', async () => {
    const { links } = await emailFor({});
    const page = await browser.newPage();
    await page.goto(links.scores.get(3)!);
    await page.focus('input[name=score][value="3"]');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('input[name=score][value="4"]')).toBe(true);
    await page.focus('textarea[name=comment]');
    await page.keyboard.type('Typed with keys');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Typed with keys');
    const [row] = await counted();
    expect(row).toMatchObject({ score: 4, comment: 'Typed with keys' });
    await page.close();
  });

  it('submits the plain form with JavaScript turned off', async () => {
    const { links } = await emailFor({ survey: 'nps' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(links.scores.get(9)!);
    await page.waitForTimeout(3500);
    expect(await counted()).toHaveLength(0); // without JavaScript nothing confirms by itself
    await page.fill('textarea[name=comment]', 'Solved on the first call');
    await page.click('button[type=submit]');
    await page.waitForLoadState('load');
    expect(await page.content()).toContain('Solved on the first call');
    expect(await counted()).toMatchObject([{ score: 9, comment: 'Solved on the first call' }]);
    await context.close();
  });
});

describe('mail scanners', () => {
  it('a scanner fetching every link records no response', async () => {
    const { links } = await emailFor({ survey: 'nps' });
    for (const url of links.scores.values()) expect((await fetch(url)).status).toBe(200);
    expect(await server.deps.db.select().from(responses)).toHaveLength(0);
  });

  it('a scanner running every page in a browser produces no counted response', async () => {
    const { links } = await emailFor({ survey: 'nps' });
    const context = await browser.newContext({ userAgent: 'Mozilla/5.0 (compatible; SafeLinksScanner)' });
    const pages = await Promise.all([...links.scores.values()].map(async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    }));
    await Promise.all(pages.map((p) => expect.poll(() => p.locator('#confirm-status').innerText(), { timeout: 10_000 }).not.toBe('')));
    const stored = await server.deps.db.select().from(responses);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.flagged).toBe(true);
    expect(await counted()).toHaveLength(0);
    await context.close();
  });
});

describe('what people see', () => {
  for (const locale of ['en', 'es', 'zh'] as const) {
    it(`email and landing page in ${locale} at phone and desktop widths`, async () => {
      const { email, links } = await emailFor({ survey: 'nps', customer: { email: `${locale}@example.com`, locale, name: 'Sam' } });
      for (const width of [360, 1280]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(email.html);
        await screenshot(page, `email-${locale}-${width}`);
        await page.goto(links.scores.get(8)!);
        expect(await page.getAttribute('html', 'lang')).toMatch(new RegExp(`^${locale}`));
        // Nothing may overflow sideways on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screenshot(page, `survey-${locale}-${width}`);
        await page.close();
      }
    });
  }
});
