// Real Chromium (Debian's package) driven by playwright-core, and a real Heard server to point it at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Env } from '../../src/config';
import { startServer, type NodeDepsOverrides, type RunningServer } from '../../src/entry/node';
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
