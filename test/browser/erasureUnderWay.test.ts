// A follow-up task of a customer whose erasure is under way, in real Chromium at phone and desktop
// width: the email card says why nothing can be sent, and no email form is offered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eraseCustomer } from '../../src/services/customers/erase';
import { createTestUser } from '../helpers/auth';
import { launchChromium, openSignedIn, screenshotWidths, sessionCookie, startTestServer, type SessionCookie } from '../helpers/browser';
import { answeredUnsent, tasks } from '../helpers/followups';

const WHO = { email: 'zoltana.quibble@example.org', name: 'Zoltana Quibble', locale: 'en' };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let cookie: SessionCookie;
let taskId: string;

beforeAll(async () => {
  server = await startTestServer();
  await answeredUnsent(server.deps, { customer: WHO }, 1);
  taskId = (await tasks(server.deps))[0]!.id;
  const admin = await createTestUser(server.deps, { role: 'admin', name: 'Ada Admin' });
  // Recorded, no step run yet: the task is still there while the erasure is finished.
  expect(await eraseCustomer({ ...server.deps, erasureSteps: 0 }, { email: WHO.email }, { userId: admin.id })).toEqual({ ok: true, value: 'continuing' });
  cookie = await sessionCookie(server.deps, admin.id);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('says on the task page that the customer asked to be erased, with no email form, at 390 and 1440 px', async () => {
  const { context, page, problems } = await openSignedIn(browser, server.url, cookie, 1440);
  await page.goto(`${server.url}/follow-ups/${taskId}`);
  await expect.poll(() => page.getByText('This customer asked to be erased').isVisible()).toBe(true);
  expect(await page.getByLabel('Subject').count()).toBe(0);
  await screenshotWidths(page, 'followup-erasure-under-way');
  expect(problems).toEqual([]);
  await context.close();
});
