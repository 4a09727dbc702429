// Real Chromium (Debian's package) driven by playwright-core, and a real Heard server to point it at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Env } from '../../src/config';
import type { Deps } from '../../src/deps';
import { startServer, type NodeDepsOverrides, type RunningServer } from '../../src/entry/node';
import { recordHistory } from '../../src/services/import';
import { demoRows } from '../../scripts/demo';
import { sessionFor } from './auth';
import { testConfig } from './deps';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A Heard server on a free port over a fresh database file; PUBLIC_URL points at it. */
export async function startTestServer(env: Env = {}, overrides: NodeDepsOverrides & { dispatcher?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'heard-browser-'));
  const first = testConfig({ ...env, DATABASE_PATH: join(dir, 'heard.db'), PORT: '0' });
  const server: RunningServer = await startServer(first, { dispatcher: false, hostname: '127.0.0.1', ...overrides });
  // The port is known only now: links in emails must point at this server.
  server.deps.config.publicUrl = server.url;
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SCREENS_DIR = join(import.meta.dirname, '..', '..', 'artifacts', 'screens');

/** Saves a full-page screenshot under artifacts/screens/ for people to look at. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** Screenshots at phone and desktop width, failing when anything scrolls sideways. */
export async function screenshotWidths(page: Page, name: string) {
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} at ${width}px`).toBe(true);
    await screenshot(page, `${name}-${width}`);
  }
}

export type SessionCookie = { name: string; value: string };

/** A fresh session of the user, as a cookie Chromium takes. */
export async function sessionCookie(deps: Deps, userId: string): Promise<SessionCookie> {
  const [name, value] = (await sessionFor(deps, userId)).cookie.split('=') as [string, string];
  return { name, value };
}

/** A signed-in page at a width, and the script errors it meets. */
export async function openSignedIn(browser: Browser, url: string, cookie: SessionCookie, width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  await context.addCookies([{ ...cookie, url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

/** The demo's six months of history, written as an import writes it. */
export async function writeDemoHistory(deps: Deps, now: number) {
  const rows = demoRows(now);
  for (let i = 0; i < rows.length; i += 2000) await recordHistory(deps, rows.slice(i, i + 2000));
}

/** Script errors and console errors a test fails on; the favicon miss and forms answered 422 on purpose are not. */
export function collectPageErrors(page: Page, into: string[]) {
  page.on('pageerror', (e) => into.push(e.message));
  page.on('console', (m) => {
    const expected = m.location().url.endsWith('/favicon.ico') || m.text().includes('status of 422');
    if (m.type() === 'error' && !expected) into.push(m.text());
  });
}
