// The score digest in real Chromium: the email's HTML (as the Account page's browser preview
// serves it, charts as data: URIs) at phone and desktop widths, with images blocked, in Chinese,
// and the Account page's settings and "Send me a preview" button. Screenshots go to artifacts/screens/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { analyseComments } from '../../src/services/insight/analyseComments';
import { listOutbox } from '../../src/services/outbox';
import { createTestUser } from '../helpers/auth';
import { launchChromium, openSignedIn, screenshot, sessionCookie, startTestServer, writeDemoHistory, type SessionCookie } from '../helpers/browser';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let manager: { id: string; email: string };
let cookie: SessionCookie;

beforeAll(async () => {
  server = await startTestServer();
  await writeDemoHistory(server.deps, server.deps.clock());
  while ((await analyseComments(server.deps)).analysed > 0);
  manager = await createTestUser(server.deps, { role: 'manager', allTeams: true, name: 'Mia Manager' });
  cookie = await sessionCookie(server.deps, manager.id);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (width: number) => openSignedIn(browser, server.url, cookie, width);

for (const width of [390, 1440]) {
  it(`renders the digest email with its charts at ${width} px`, async () => {
    const { context, page, problems } = await open(width);
    await page.goto(`${server.url}/account/digest/preview`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('How your teams did');
    const images = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => ({ alt: (i as HTMLImageElement).alt, w: (i as HTMLImageElement).naturalWidth, shown: i.getBoundingClientRect().width })));
    expect(images).toHaveLength(2);
    for (const img of images) {
      expect(img.w).toBe(1052); // drawn at twice the 526 px it is shown at
      expect(img.alt.length).toBeGreaterThan(30);
      expect(img.shown).toBeLessThanOrEqual(Math.min(526, width));
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, `digest-email-${width}`);
    expect(problems).toEqual([]);
    await context.close();
  });
}

it('reads well with images blocked: alt text in place, every number in the HTML', async () => {
  const { context, page } = await open(390);
  await page.goto(`${server.url}/account/digest/preview`);
  // A mail client blocking images shows the alt text in the image's box.
  await page.locator('img').evaluateAll((imgs) => imgs.forEach((i) => i.setAttribute('src', 'cid:blocked')));
  const text = await page.locator('body').innerText();
  expect(text).toMatch(/CSAT|NPS|CES/);
  expect(text).toContain('Response rate');
  expect(text).toContain('Follow-ups');
  await screenshot(page, 'digest-email-blocked-390');
  await context.close();
});

it('saves the settings on the Account page, then the preview speaks Chinese and is sent on request', async () => {
  const { context, page, problems } = await open(390);
  await page.goto(`${server.url}/account`);
  await page.selectOption('#f-digest-frequency', 'daily');
  await page.selectOption('#f-digest-hour', '7');
  await page.selectOption('#f-digest-locale', 'zh');
  await page.click('text=Save digest settings');
  await expect.poll(() => page.locator('.note-success').innerText()).toContain('Digest settings saved');
  expect(await page.locator('#f-digest-locale').inputValue()).toBe('zh');
  await screenshot(page, 'digest-account-390');

  await page.click('text=Send me a preview');
  await expect.poll(() => page.locator('#digest-preview-result').innerText()).toContain(`to ${manager.email}`);
  const sent = (await listOutbox(server.deps)).filter((m) => m.to === manager.email);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.subject).toMatch(/ 的评分$/);
  expect(problems).toEqual([]);

  const desk = await open(1440);
  await desk.page.goto(`${server.url}/account`);
  await screenshot(desk.page, 'digest-account-1440');
  await desk.page.goto(`${server.url}/account/digest/preview`);
  await expect.poll(() => desk.page.locator('h1').innerText()).toBe('您的团队表现如何');
  await screenshot(desk.page, 'digest-email-zh-1440');
  await desk.context.close();
  await context.close();
});
