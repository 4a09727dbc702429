// The survey page's htmx wiring in real Chromium, against canned responses (no server): the
// rendered views, public/base.css and survey.css, public/respond.js and the vendored htmx are what run.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n';
import { MessagePage } from '../../views/pages/Message';
import { SurveyPage, type SurveyProps } from '../../views/pages/Survey';
import { ThanksPage, ThanksPanel } from '../../views/pages/Thanks';
import { ConfirmStatus } from '../../views/partials/ConfirmStatus';
import { launchChromium } from '../helpers/browser';

const ORIGIN = 'http://localhost:9';
const render = async (el: { toString(): unknown }) => String(await el.toString());
const publicFile = (path: string) => readFileSync(new URL(`../../public${path}`, import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const survey: SurveyProps = {
  locale: 'en',
  survey: 'nps',
  agentName: 'Ana',
  selected: 9,
  comment: '',
  actionUrl: '/s/tok',
  confirmUrl: '/s/tok/confirm',
  unsubscribeUrl: '/u/tok',
};

type Reply = { status?: number; body: string };

/** Opens the survey page; POSTs are answered by `answer` and recorded with the time they arrived. */
async function open(opts: {
  page?: (html: string) => string;
  answer: (req: Request) => Promise<Reply>;
  context?: BrowserContextOptions;
  init?: string;
}) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 }, ...opts.context });
  const page = await ctx.newPage();
  if (opts.init) await page.addInitScript(opts.init);
  const posts: { url: string; body: string; headers: Record<string, string>; at: number }[] = [];
  const html = await render(<SurveyPage {...survey} />);
  await page.route('**/*', async (route) => {
    const req = route.request();
    const { pathname } = new URL(req.url());
    if (pathname.endsWith('.css')) return route.fulfill({ body: publicFile(pathname), contentType: 'text/css' });
    if (pathname.endsWith('.js')) return route.fulfill({ body: publicFile(pathname), contentType: 'text/javascript' });
    if (req.method() === 'POST') {
      posts.push({ url: pathname, body: req.postData() ?? '', headers: req.headers(), at: Date.now() });
      const reply = await opts.answer(req);
      return route.fulfill({ status: reply.status ?? 200, body: reply.body, contentType: 'text/html; charset=utf-8' });
    }
    return route.fulfill({ body: opts.page ? opts.page(html) : html, contentType: 'text/html; charset=utf-8' });
  });
  const openedAt = Date.now();
  await page.goto(`${ORIGIN}/s/tok?score=9`);
  return { page, posts, openedAt, close: () => ctx.close() };
}

const confirmed = async () => ({ body: await render(<ConfirmStatus locale="en" state="saved" />) });
const status = (page: Page) => page.locator('#confirm-status');

describe('survey page in a browser', () => {
  it('confirms the checked score after about three seconds in view and announces it', async () => {
    const s = await open({ answer: confirmed });
    await expect.poll(() => status(s.page).textContent(), { timeout: 6000 }).toBe(messages('en').survey.saved);
    expect(s.posts).toHaveLength(1);
    expect(s.posts[0]!.url).toBe('/s/tok/confirm');
    expect(new URLSearchParams(s.posts[0]!.body).get('score')).toBe('9');
    expect(s.posts[0]!.at - s.openedAt).toBeGreaterThanOrEqual(2900);
    await s.close();
  }, 15_000);

  it('does not count time the page spends hidden', async () => {
    // Pretend the tab is in the background until the test says otherwise; shorten the wait.
    const s = await open({
      answer: confirmed,
      page: (html) => html.replace('data-seen-ms="3000"', 'data-seen-ms="300"'),
      init: `let v = 'hidden'; Object.defineProperty(document, 'visibilityState', { get: () => v });
             window.showTab = () => { v = 'visible'; document.dispatchEvent(new Event('visibilitychange')); };`,
    });
    await s.page.waitForTimeout(1000);
    expect(s.posts).toHaveLength(0);
    await s.page.evaluate('window.showTab()');
    await expect.poll(() => s.posts.length, { timeout: 3000 }).toBe(1);
    await s.close();
  }, 15_000);

  it('leaves the status region empty when the confirm request fails', async () => {
    const s = await open({ answer: async () => ({ status: 500, body: 'Internal Server Error' }) });
    await expect.poll(() => s.posts.length, { timeout: 6000 }).toBe(1);
    await s.page.waitForTimeout(300);
    expect(await status(s.page).innerHTML()).toBe('');
    await s.close();
  }, 15_000);

  it('swaps in the thank-you panel on submit and moves focus to it', async () => {
    const s = await open({
      answer: async (req) => {
        const form = new URLSearchParams(req.postData() ?? '');
        const props = { locale: 'en' as const, survey: 'nps' as const, score: Number(form.get('score')), comment: form.get('comment') ?? '', changeUrl: '/s/tok' };
        return { body: await render(<ThanksPanel {...props} />) };
      },
    });
    await s.page.getByRole('radio', { name: '7', exact: true }).click();
    await s.page.fill('#comment', 'Quick & kind');
    await s.page.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Thank you!');
    expect(s.posts.at(-1)!.headers['hx-request']).toBe('true');
    expect(await s.page.locator('.summary').textContent()).toContain('7 out of 10');
    expect(await s.page.locator('.summary').textContent()).toContain('Quick & kind');
    expect(await s.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(s.page.url()).toBe(`${ORIGIN}/s/tok?score=9`);
    await s.close();
  }, 15_000);

  it('shows the panel of a whole error page the server answers with', async () => {
    const m = messages('en').pages.expired;
    const s = await open({ answer: async () => ({ status: 410, body: await render(<MessagePage locale="en" title={m.title} body={m.body} status={410} />) }) });
    await s.page.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe(m.title);
    expect(await s.page.locator('#panel').count()).toBe(1);
    expect(await s.page.locator('main > #panel').count()).toBe(1);
    await s.close();
  }, 15_000);

  it('works as a plain form post with JavaScript off', async () => {
    const s = await open({
      context: { javaScriptEnabled: false },
      answer: async (req) => {
        const form = new URLSearchParams(req.postData() ?? '');
        return { body: await render(<ThanksPage locale="en" survey="nps" score={Number(form.get('score'))} comment="" changeUrl="/s/tok" />) };
      },
    });
    await s.page.getByRole('button', { name: 'Send feedback' }).click();
    await s.page.waitForURL(`${ORIGIN}/s/tok`);
    expect(await s.page.locator('h1').textContent()).toBe('Thank you!');
    expect(s.posts).toHaveLength(1);
    expect(s.posts[0]!.headers['hx-request']).toBeUndefined();
    expect(new URLSearchParams(s.posts[0]!.body).get('score')).toBe('9');
    await s.close();
  }, 15_000);
});
