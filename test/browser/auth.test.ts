// People and access in a real browser against a real server: first-run setup, sign-in, invitations
// (read from the development outbox, as an operator without a mail provider would), sign-out.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { teams } from '../../src/db/schema';
import { getOutboxMessage, listOutbox } from '../../src/services/outbox';
import { createTestUser, ensureTeam } from '../helpers/auth';
import { launchChromium, screenshot, startTestServer } from '../helpers/browser';

// A real browser and PBKDF2 at full cost take a few seconds per test.
vi.setConfig({ testTimeout: 30_000 });

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());
afterEach(async () => {
  await context?.close();
  await server?.stop();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function open(viewport = DESKTOP): Promise<Page> {
  context = await browser.newContext({ viewport });
  return context.newPage();
}

/** Screenshots of the page as it is now, at phone and desktop widths. */
async function shoot(page: Page, name: string) {
  const size = page.viewportSize();
  for (const [suffix, viewport] of [['390', PHONE], ['1280', DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await screenshot(page, `auth-${name}-${suffix}`);
  }
  if (size) await page.setViewportSize(size);
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')), page.click('button[type=submit]')]);
  await page.waitForLoadState();
}

describe('first run', () => {
  it('leads to setup, creates the admin and signs them in', async () => {
    server = await startTestServer();
    const page = await open();
    await page.goto(`${server.url}/admin/users`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await shoot(page, 'setup');

    await page.fill('input[name=name]', 'Ada Admin');
    await page.fill('input[name=email]', 'ada@example.com');
    await page.fill('input[name=password]', 'short');
    // The browser's own minlength check stops the form first; the server says the same on its own.
    expect(await page.locator('input[name=password]').evaluate((el) => (el as HTMLInputElement).validity.tooShort)).toBe(true);
    await page.fill('input[name=password]', 'a long enough passphrase');
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/`);

    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'heard_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.goto(`${server.url}/account`);
    await expect.poll(() => page.locator('.app-account a').innerText()).toBe('Ada Admin');
    await shoot(page, 'account');

    await page.goto(`${server.url}/setup`);
    expect(await page.locator('h1').innerText()).not.toContain('Set up');
  });
});

describe('signing in and out', () => {
  it('sends an anonymous visitor to sign in and back to the page they wanted', async () => {
    server = await startTestServer();
    const admin = await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin', email: 'ada@example.com' });
    await ensureTeam(server.deps, 'Tier 1');
    const page = await open(PHONE);
    await page.goto(`${server.url}/admin/teams`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shoot(page, 'login');

    await page.fill('input[name=email]', admin.email);
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await page.waitForSelector('.note-error');
    expect(await page.locator('.note-error').innerText()).toContain('do not match an active account');
    expect(await page.inputValue('input[name=email]')).toBe(admin.email);
    await shoot(page, 'login-error');

    await page.fill('input[name=password]', admin.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/admin/teams`);
    expect(await page.locator('h1').innerText()).toBe('Teams');
    await shoot(page, 'teams');

    await page.click('text=Sign out');
    await page.waitForURL(`${server.url}/login`);
    await page.goto(`${server.url}/account`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('sends the CSRF token with htmx requests from any signed-in page', async () => {
    server = await startTestServer();
    const admin = await createTestUser(server.deps, { role: 'admin' });
    const page = await open();
    await signInAs(page, admin.email, admin.password);
    await page.goto(`${server.url}/admin/teams`);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/admin/teams'));
    // A button added the way a dashboard fragment would be, with no token of its own.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'probe';
      b.setAttribute('hx-post', '/admin/teams');
      b.setAttribute('hx-vals', '{"name": "Made by htmx"}');
      b.setAttribute('hx-swap', 'none');
      document.querySelector('.app-content')!.append(b);
      (window as unknown as { htmx: { process(el: Element): void } }).htmx.process(b);
    });
    await page.click('#probe');
    expect((await sent).headers()['x-csrf-token']).toMatch(/^[\w-]{40,}$/);
    await expect.poll(async () => (await server.deps.db.select({ name: teams.name }).from(teams)).map((t) => t.name)).toEqual(['Made by htmx']);
  });
});

describe('invitations', () => {
  it('an admin invites a manager, who sets a password from the emailed link and is signed in', async () => {
    server = await startTestServer();
    const admin = await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin', email: 'ada@example.com' });
    await ensureTeam(server.deps, 'Tier 1');
    await ensureTeam(server.deps, 'Tier 2');
    const page = await open();
    await signInAs(page, admin.email, admin.password);
    await page.goto(`${server.url}/admin/users`);
    await shoot(page, 'users');

    await page.fill('input[name=email]', 'mia@example.com');
    await page.check('input[name=role][value=manager]');
    await page.check('label:has-text("Tier 2") input');
    await page.click('text=Send invitation');
    await page.waitForSelector('text=Invitation sent.');
    expect(await page.locator('text=mia@example.com').count()).toBeGreaterThan(0);
    await shoot(page, 'users-invited');

    const [message] = await listOutbox(server.deps);
    const email = (await getOutboxMessage(server.deps, message!.id))!;
    expect(email.to).toBe('mia@example.com');
    const link = /https?:\/\/\S+\/invite\/[\w-]+/.exec(email.text)![0];

    // The outbox itself, as the admin reads it, and the email as HTML.
    await page.goto(`${server.url}/outbox/${message!.id}`);
    await screenshot(page, 'auth-invitation-email-1280');

    const invitee = await browser.newContext({ viewport: PHONE });
    try {
      const p = await invitee.newPage();
      await p.goto(link);
      expect(await p.locator('h1').innerText()).toBe('Join Heard');
      await screenshot(p, 'auth-invitation-390');
      await p.setViewportSize(DESKTOP);
      await screenshot(p, 'auth-invitation-1280');
      await p.fill('input[name=name]', 'Mia Manager');
      await p.fill('input[name=password]', 'my own long passphrase');
      await p.click('button[type=submit]');
      await p.waitForURL(`${server.url}/`);
      await p.goto(`${server.url}/account`);
      expect(await p.locator('.facts').innerText()).toContain('Manager');
      expect(await p.locator('.app-nav').innerText()).not.toContain('Users');

      // The link was single-use.
      await p.setViewportSize(PHONE);
      await p.goto(link);
      expect(await p.locator('h1').innerText()).toBe('This invitation was already used');
      await screenshot(p, 'auth-invitation-used-390');
    } finally {
      await invitee.close();
    }
  });
});

describe('admin pages at both widths', () => {
  it('API keys (with a new key shown once), a user, and the audit log', async () => {
    server = await startTestServer();
    const admin = await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin', email: 'ada@example.com' });
    await createTestUser(server.deps, { role: 'agent', name: 'Ana Agent', email: 'ana@support.example', teams: ['Tier 1'] });
    const page = await open();
    await signInAs(page, admin.email, 'wrong password here');
    await signInAs(page, admin.email, admin.password);

    await page.goto(`${server.url}/admin/api-keys`);
    await page.fill('input[name=name]', 'Zendesk production');
    await page.click('text=Create key');
    await page.waitForSelector('.key-reveal');
    expect(await page.inputValue('#new-key-value')).toMatch(/^heard_/);
    await shoot(page, 'api-keys');

    await page.goto(`${server.url}/admin/users`);
    await page.click('text=Ana Agent');
    await page.waitForSelector('h1:has-text("Ana Agent")');
    await shoot(page, 'user');

    await page.goto(`${server.url}/admin/audit`);
    expect(await page.locator('table').innerText()).toContain('Sign-in failed');
    await shoot(page, 'audit');
  });
});
