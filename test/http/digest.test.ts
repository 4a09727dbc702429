// The Account page's score digest settings, preview button and browser preview, over app.request().
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { authed, form, signIn } from '../helpers/auth';
import { makeTestApp, type CapturingMailer } from '../helpers/deps';
import { answeredUnsent } from '../helpers/followups';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function setup() {
  const t = await makeTestApp();
  close = t.deps.close;
  return t;
}

const digestOf = async (deps: Awaited<ReturnType<typeof setup>>['deps'], id: string) =>
  (await deps.db.select({ digest: users.digest, weekday: users.digestWeekday, hour: users.digestHour, locale: users.locale }).from(users).where(eq(users.id, id)))[0];

describe('digest settings on the Account page', () => {
  it('shows managers the weekly default, and agents no digest at all', async () => {
    const { app, deps } = await setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    const agent = await signIn(deps, { role: 'agent', teams: ['Tier 1'] });
    const page = await (await authed(app, manager, '/account')).text();
    expect(page).toContain('Score digest');
    expect(page).toMatch(/<option value="weekly" selected="">Weekly<\/option>/);
    expect(page).toContain('From this hour (UTC)');
    expect(await (await authed(app, agent, '/account')).text()).not.toContain('Score digest');
  });

  it('saves a valid choice and refuses a bad one with a message, keeping what was stored', async () => {
    const { app, deps } = await setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    const ok = await form(app, manager, '/account/digest', { frequency: 'daily', weekday: '5', hour: '6', locale: 'zh' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Digest settings saved.');
    expect(await digestOf(deps, manager.user.id)).toEqual({ digest: 'daily', weekday: 5, hour: 6, locale: 'zh' });

    const bad = await form(app, manager, '/account/digest', { frequency: 'hourly', weekday: '9', hour: '24', locale: 'fr' });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    for (const message of ['Choose off, daily or weekly.', 'Choose a day of the week.', 'Choose an hour from 0 to 23.', 'Choose English, Spanish or Chinese.']) expect(text).toContain(message);
    expect(await digestOf(deps, manager.user.id)).toEqual({ digest: 'daily', weekday: 5, hour: 6, locale: 'zh' });
  });

  it('sends a preview to the signed-in manager and answers htmx with the result alone', async () => {
    const { app, deps } = await setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    const res = await authed(app, manager, '/account/digest/preview', { method: 'POST', headers: { 'HX-Request': 'true' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="digest-preview-result"/);
    expect(html).toContain(`to ${manager.user.email}`);
    const sent = (deps.mailer as CapturingMailer).sent;
    expect(sent.map((e) => e.to)).toEqual([manager.user.email]);
    expect(sent[0]!.idempotencyKey).toMatch(new RegExp(`^score-digest-preview/${manager.user.id}/weekly:`));
  });

  it('says so when the provider refuses the preview', async () => {
    const { app, deps } = await setup();
    const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
    (deps.mailer as CapturingMailer).queue.push({ ok: false, retryable: true, error: '503: busy' });
    const html = await (await authed(app, manager, '/account/digest/preview', { method: 'POST', headers: { 'HX-Request': 'true' } })).text();
    expect(html).toContain('The preview could not be sent: the mail provider is busy.');
  });

  it('shows the digest HTML in the browser, sandboxed, with its charts as data: URIs', async () => {
    const { app, deps } = await setup();
    await answeredUnsent(deps, {}, 4);
    deps.advance(7 * 86_400_000); // the answer falls in last week, which the preview covers
    const admin = await signIn(deps, { role: 'admin' });
    const res = await authed(app, admin, '/account/digest/preview');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toMatch(/^sandbox /);
    const html = await res.text();
    expect(html).toContain('How your teams did');
    expect(html).not.toContain('src="cid:');
    expect(html.match(/<img src="data:image\/png;base64,iVBORw0KGgo/g)).toHaveLength(2);
  });
});
