// The team's own survey in real Chromium: the email's score row stays one row at 320 px with big
// enough targets, a person on a phone ticks reasons and "not resolved" and sees them back, and the
// Settings → Survey preview and dashboards render. Screenshots go to artifacts/screens/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { saveDesignSettings, saveWording } from '../../src/services/surveyDesign';
import { createTestUser, sessionFor } from '../helpers/auth';
import { launchChromium, screenshot, startTestServer } from '../helpers/browser';
import { capturingMailer, interaction, type CapturingMailer } from '../helpers/deps';
import { linksOf } from '../helpers/survey';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let n = 0;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startTestServer({ SURVEY_DELAY_MINUTES: '0' }, { mailer: capturingMailer() });
  await saveDesignSettings(server.deps, 'test', {
    brand: { companyName: 'Acme', accentColor: '#0b6e4f', footerAddress: '1 Main St, Springfield', privacyUrl: 'https://acme.example/privacy' },
    askResolved: ['csat', 'ces'],
    reminders: { count: 1, afterDays: 3 },
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function emailFor(over: Record<string, unknown>) {
  n++;
  const input = ZInteractionInput.parse(interaction({ externalId: `B-${n}`, customer: { email: `c${n}@example.com`, locale: 'en', name: 'Sam' }, agent: { email: 'ana@support.example', name: 'Ana' }, ...over }));
  const done = await ingestInteraction(server.deps, input);
  await runDueWork(server.deps, server.deps.clock());
  const email = (server.deps.mailer as CapturingMailer).sent.find((e) => e.idempotencyKey === `survey-request/${done.surveyRequest.id}`)!;
  return { email, links: linksOf(email), requestId: done.surveyRequest.id };
}

describe('the email score row', () => {
  for (const survey of ['nps', 'csat', 'ces'] as const) {
    it(`${survey} stays on one row at 320 and 390 px, each target at least 24 × 40 px`, async () => {
      const { email } = await emailFor({ survey, customer: { email: `row-${survey}@example.com`, locale: survey === 'nps' ? 'zh' : 'es', name: 'Sam' } });
      for (const width of [320, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.setContent(email.html);
        const boxes = await page.locator('a[href*="score="]').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().toJSON() as DOMRect));
        expect(boxes).toHaveLength(survey === 'nps' ? 11 : survey === 'csat' ? 5 : 7);
        expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
        for (const b of boxes) {
          expect(b.width).toBeGreaterThanOrEqual(24);
          expect(b.height).toBeGreaterThanOrEqual(40);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screenshot(page, `email-row-${survey}-${width}`);
        await page.close();
      }
    });
  }
});

describe('a person on a phone', () => {
  it('picks a low score, ticks two reasons and "not resolved", and sees them on the response page', async () => {
    const { links, requestId } = await emailFor({ survey: 'csat' });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(links.scores.get(4)!);
    // A high score asks what went well; choosing a low one switches to what went wrong.
    expect(await page.isVisible('text=What went well?')).toBe(true);
    await page.click('label.score:has(input[value="2"])');
    await page.waitForSelector('text=What went wrong?');
    expect(await page.isVisible('text=What went well?')).toBe(false);
    await page.click('label.reason-chip:has-text("Slow response")');
    await page.click('label.reason-chip:has-text("Had to repeat myself")');
    await page.click('.reason-resolved label.reason-chip:has-text("No")');
    await screenshot(page, 'survey-reasons-en-390');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Slow response · Had to repeat myself');
    expect(await page.isVisible('text=Your issue was not resolved')).toBe(true);
    await screenshot(page, 'survey-reasons-thanks-en-390');
    const [row] = (await server.deps.db.select().from(responses)).filter((r) => r.requestId === requestId);
    expect(row).toMatchObject({ score: 2, resolved: false, reasons: '["slow_response","repeat_myself"]' });
    await page.close();
  });

  for (const locale of ['en', 'es', 'zh'] as const) {
    it(`sees the branded survey page in ${locale} at phone and desktop widths`, async () => {
      const { email, links } = await emailFor({ survey: 'ces', customer: { email: `page-${locale}@example.com`, locale, name: 'Sam' } });
      for (const width of [390, 1440]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(email.html);
        await screenshot(page, `email-brand-${locale}-${width}`);
        await page.goto(links.scores.get(2)!);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screenshot(page, `survey-brand-${locale}-${width}`);
        await page.close();
      }
    });
  }
});

describe('Settings → Survey', () => {
  it('previews the draft live at phone and desktop width', async () => {
    await saveWording(server.deps, 'nps', 'es', { intro: 'Hola {{customer_name}}, ¿qué tal te atendió {{agent_name}} en {{company}}?' });
    const admin = await createTestUser(server.deps, { role: 'admin', email: 'admin@staff.example' });
    const [name, value] = (await sessionFor(server.deps, admin.id)).cookie.split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/survey/nps/es`);
    const phone = page.frameLocator('iframe[name=preview-phone]');
    await expect.poll(() => phone.locator('body').innerText(), { timeout: 8000 }).toContain('¿qué tal te atendió Alex en Acme?');
    await page.fill('textarea[name=intro]', 'Borrador: {{agent_name}} <b>sin negrita</b>');
    await expect.poll(() => phone.locator('body').innerText(), { timeout: 8000 }).toContain('Borrador: Alex <b>sin negrita</b>');
    await page.selectOption('select[name=view]', 'page');
    await expect.poll(() => phone.locator('body').innerText(), { timeout: 8000 }).toContain('¿Qué salió mal?');
    await page.waitForTimeout(500);
    await screenshot(page, 'settings-survey-preview-1440');
    await page.goto(`${server.url}/?preset=30d`);
    await page.waitForSelector('[data-tile="fcr"]');
    await screenshot(page, 'dashboard-fcr-reasons-1440');
    await context.close();
  });
});
