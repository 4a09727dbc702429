// The import in real Chromium: upload a file, adjust a column, see the preview mark the problem,
// import, and watch the progress bar poll its way to the report. The dispatcher is off: only the
// page's own polling moves the import. Screenshots at phone and desktop widths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestUser, sessionFor } from '../helpers/auth';
import { launchChromium, screenshot, startTestServer } from '../helpers/browser';
import { planImport } from '../../src/domain/import/plan';
import { eraseCustomer } from '../../src/services/customers/erase';
import { timeOrderedIds } from '../../src/services/import';
import { importStream } from '../../src/services/importer/stream';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: { name: string; value: string };
const problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const [name, value] = (await sessionFor(server.deps, (await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' })).id)).cookie.split('=') as [string, string];
  cookie = { name, value };
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A Help Scout ratings export whose customer column has an unusual name, and 1,200 rows. */
function helpScoutFile(prefix: number): string {
  const lines = ['Conversation Number,Rating,Comments,Email address,User,User Email,Mailbox,Rating Date'];
  const words = ['Great', 'Okay', 'Not Good'];
  for (let i = 0; i < 1200; i++) {
    const email = i === 1 ? 'not-an-address' : `c${i}@customer.example`;
    lines.push(`${prefix}-${8000 + i},${words[i % 3]},"Thanks, ${i}",${email},Pat Ray,pat@support.example,Support,${1714651200 + i * 3600}`);
  }
  return lines.join('\n');
}

describe('import in the browser', () => {
  for (const width of [390, 1440]) {
    it(`maps, previews and imports at ${width}px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      await context.addCookies([{ ...cookie, url: server.url }]);
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));

      await page.goto(`${server.url}/admin/import`);
      await page.setInputFiles('#import-file', { name: `helpscout-${width}.csv`, mimeType: 'text/csv', buffer: Buffer.from(helpScoutFile(width)) });
      await page.click('form[action="/admin/import"] button[type="submit"]');
      await page.waitForURL(/\/admin\/import\/jobs\//);
      expect(await page.locator('#import-preset').inputValue()).toBe('helpscout');
      // Nothing was found for the customer's address: every row says so.
      await expect.poll(() => page.locator('[data-preview-summary]').innerText()).toContain('0 of 20 rows can be imported');

      // Point the field at the column; htmx swaps in the new preview.
      await page.selectOption('#src-customer_email', 'col:Email address');
      await expect.poll(() => page.locator('[data-preview-summary]').innerText()).toContain('19 of 20 rows can be imported');
      const bad = page.locator('tr[data-line="3"] .cell-problem .problem');
      expect(await bad.innerText()).toBe('“not-an-address” is not an email address');
      expect(await page.locator('tr[data-line="2"] td[data-field="score"]').innerText()).toBe('CSAT 5 (from “Great”)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `import-mapping-${width}`);

      await page.click('button:has-text("Import 1,200 rows")');
      await page.waitForSelector('#import-progress progress');
      await screenshot(page, `import-progress-${width}`);
      await page.waitForSelector('text=Import finished', { timeout: 60_000 });
      expect(await page.locator('[data-count="imported"]').innerText()).toBe('1,199');
      expect(await page.locator('[data-count="skipped"]').innerText()).toBe('1');
      expect(await page.locator('#import-progress progress').getAttribute('value')).toBe('1200');
      await screenshot(page, `import-report-${width}`);
      await context.close();
    }, 120_000);
  }

  it('marks an erased customer\'s rows in the preview and counts them in the report', async () => {
    const file = ['external_id,closed_at,agent_email,customer_email,survey,score', 'E-1,2025-03-02T10:00:00Z,pat@support.example,gone@customer.example,csat,5'];
    async function* whole() {
      yield file.join('\n');
    }
    const deps = { ...server.deps, newId: timeOrderedIds() };
    await importStream(deps, whole(), (st) => planImport({}, { ...st, sample: st.sample.map((r) => r.values) }), { batchSize: 100, maxParams: 999, now: Date.now() });
    expect(await eraseCustomer(server.deps, { email: 'gone@customer.example' }, { userId: 'admin' })).toEqual({ ok: true, value: 'erased' });
    file.push('E-2,2025-03-03T10:00:00Z,pat@support.example,gone@customer.example,nps,9', 'E-3,2025-03-03T11:00:00Z,pat@support.example,kept@customer.example,nps,10');

    for (const width of [390, 1440]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      await context.addCookies([{ ...cookie, url: server.url }]);
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${server.url}/admin/import`);
      await page.setInputFiles('#import-file', { name: `erased-${width}.csv`, mimeType: 'text/csv', buffer: Buffer.from(file.map((l, i) => (i ? l.replace(/^E-/, `E${width}-`) : l)).join('\n')) });
      await page.click('form[action="/admin/import"] button[type="submit"]');
      await page.waitForURL(/\/admin\/import\/jobs\//);
      await expect.poll(() => page.locator('[data-preview-summary]').innerText()).toContain('1 of 3 rows can be imported');
      expect(await page.locator('tr[data-line="2"] td[data-field="customer_email"] .problem').innerText()).toBe('this customer was erased; their rows are not imported');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot(page, `import-erased-preview-${width}`);
      await page.click('button:has-text("Import 3 rows")');
      await page.waitForSelector('text=Import finished', { timeout: 60_000 });
      expect(await page.locator('[data-count="imported"]').innerText()).toBe('1');
      expect(await page.locator('[data-count="skipped"]').innerText()).toBe('2 (2 of erased customers)');
      await screenshot(page, `import-erased-report-${width}`);
      await context.close();
    }
  }, 120_000);

  it('ran without script errors', () => {
    expect(problems).toEqual([]);
  });
});
