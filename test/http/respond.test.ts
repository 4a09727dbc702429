import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { responseEvents, responses } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { messages } from '../../src/i18n';
import { CONFIRM_NOTE } from '../../views/partials/ConfirmStatus';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup(over: Record<string, unknown> = {}) {
  deps = makeTestDeps();
  const app = createApp(deps);
  const survey = await deliveredSurvey(deps, over);
  const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    });
  return { app, survey, form, link: (score: number) => pathOf(survey.links.scores.get(score)!) };
}

const stored = async () => deps.db.select().from(responses);
const confirmPath = (link: string) => link.split('?')[0] + '/confirm';

describe('a person answering', () => {
  it('sees the clicked score pre-selected in their language, and the GET records no answer', async () => {
    const { app, link } = await setup();
    const res = await app.request(link(4), { headers: { 'User-Agent': 'Mozilla/5.0 (iPhone)' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="es"');
    expect(html).toMatch(/value="4"[^>]*checked|checked[^>]*value="4"/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(await stored()).toHaveLength(0);
    const events = await deps.db.select().from(responseEvents);
    expect(events).toMatchObject([{ kind: 'click', score: 4, userAgent: 'Mozilla/5.0 (iPhone)' }]);
  });

  it('counts the single click once the page confirms it', async () => {
    const { app, form, link } = await setup();
    await app.request(link(5));
    deps.advance(3_000);
    const res = await form(confirmPath(link(5)), { score: '5' }, { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    expect(await stored()).toMatchObject([{ score: 5, flagged: false, source: 'auto', comment: null }]);
  });

  it("answers each confirmation with the note in the customer's language that the page swaps in", async () => {
    const { app, form, link } = await setup();
    await app.request(link(5));
    deps.advance(3_000);
    const m = messages('es').survey;
    for (const score of ['5', '4', '5']) {
      const res = await form(confirmPath(link(5)), { score }, { 'HX-Request': 'true' });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(await res.text()).toBe(`<p class="${CONFIRM_NOTE} note note-success">${m.saved}</p>`);
    }
    const refused = await form(confirmPath(link(5)), { score: '42' }, { 'HX-Request': 'true' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toBe(`<p class="${CONFIRM_NOTE} note note-info">${m.needsSubmit}</p>`);
  });

  it('takes an explicit submission with a comment without JavaScript, and the latest one wins', async () => {
    const { app, form, link } = await setup();
    await app.request(link(2));
    const first = await form(link(2).split('?')[0]!, { score: '2', comment: 'Took three days' });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Took three days');
    deps.advance(60 * 60_000);
    await form(link(2).split('?')[0]!, { score: '4', comment: 'Fixed now, thanks' });
    expect(await stored()).toMatchObject([{ score: 4, comment: 'Fixed now, thanks', source: 'explicit', flagged: false }]);
    const submits = await deps.db.select().from(responseEvents).where(eq(responseEvents.kind, 'submit'));
    expect(submits.map((e) => e.score)).toEqual([2, 4]);
  });

  it('keeps the comment when the page later confirms a newly clicked score', async () => {
    const { app, form, link } = await setup();
    await form(link(3).split('?')[0]!, { score: '3', comment: 'ok' });
    deps.advance(10 * 60_000);
    await app.request(link(5));
    await form(confirmPath(link(5)), { score: '5' });
    expect(await stored()).toMatchObject([{ score: 5, comment: 'ok', flagged: false }]);
  });

  it('leaves an answer confirmed again as it stands untouched, records each confirmation, and takes a change', async () => {
    const { app, form, link } = await setup();
    await app.request(link(5));
    deps.advance(3_000);
    await form(confirmPath(link(5)), { score: '5' }, { 'HX-Request': 'true' });
    const [first] = await stored();
    deps.advance(60_000);
    const again = await form(confirmPath(link(5)), { score: '5' }, { 'HX-Request': 'true' });
    expect(again.status).toBe(200);
    // Nothing about the answer changed: the row keeps the time it last changed.
    expect(await stored()).toEqual([first]);
    deps.advance(60_000);
    await form(confirmPath(link(5)), { score: '4' }, { 'HX-Request': 'true' });
    expect(await stored()).toMatchObject([{ id: first!.id, score: 4, updatedAt: first!.updatedAt + 120_000 }]);
    // A person's submission with the same score but new words replaces the comment.
    await form(link(4).split('?')[0]!, { score: '4', comment: 'Quick fix' });
    expect(await stored()).toMatchObject([{ score: 4, comment: 'Quick fix', source: 'explicit' }]);
    const confirms = await deps.db.select().from(responseEvents).where(eq(responseEvents.kind, 'confirm'));
    expect(confirms.map((e) => e.score)).toEqual([5, 5, 4]);
  });

  it('asks again instead of storing a score that is not on the scale', async () => {
    const { form, link } = await setup();
    const res = await form(link(1).split('?')[0]!, { score: '9', comment: 'kept' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('kept');
    expect(await stored()).toHaveLength(0);
  });
});

describe('mail scanners', () => {
  it('opening every score link records clicks but no answer', async () => {
    const { app, survey } = await setup({ survey: 'nps' });
    expect(survey.links.scores.size).toBe(11);
    for (const url of survey.links.scores.values()) expect((await app.request(pathOf(url))).status).toBe(200);
    expect(await stored()).toHaveLength(0);
  });

  it('confirmations from a scanner that runs the page on every link are kept but flagged', async () => {
    const { app, survey, form } = await setup({ survey: 'nps' });
    for (const [score, url] of survey.links.scores) {
      await app.request(pathOf(url));
      deps.advance(500);
      const res = await form(confirmPath(pathOf(url)), { score: String(score) });
      expect(res.status).toBe(200);
    }
    const [row] = await stored();
    expect(row).toMatchObject({ flagged: true });
    const confirms = await deps.db.select().from(responseEvents).where(eq(responseEvents.kind, 'confirm'));
    expect(confirms).toHaveLength(11);
    expect(confirms.slice(1).every((e) => e.flagged)).toBe(true);
  });

  it('flags an answer confirmed before the scanner opened the next link', async () => {
    const { app, form, link } = await setup();
    await app.request(link(1));
    deps.advance(3_000);
    await form(confirmPath(link(1)), { score: '1' });
    expect((await stored())[0]?.flagged).toBe(false);
    deps.advance(1_000);
    await app.request(link(2));
    expect((await stored())[0]?.flagged).toBe(true);
  });

  it('counts a person who submits explicitly after a scanner burst', async () => {
    const { app, form, link } = await setup();
    for (const s of [1, 2, 3, 4, 5]) await app.request(link(s));
    const auto = await form(confirmPath(link(4)), { score: '4' });
    expect(await auto.text()).not.toBe('');
    expect((await stored())[0]?.flagged).toBe(true);
    await form(link(4).split('?')[0]!, { score: '4', comment: 'Great help' });
    expect(await stored()).toMatchObject([{ score: 4, flagged: false, source: 'explicit' }]);
    // A later scanner pass does not undo what the person submitted.
    deps.advance(10 * 60_000);
    for (const s of [1, 2]) await app.request(link(s));
    await form(confirmPath(link(1)), { score: '1' });
    expect(await stored()).toMatchObject([{ score: 4, flagged: false, comment: 'Great help' }]);
  });
});

describe('links that do not work', () => {
  it('shows a friendly page for a tampered token', async () => {
    const { app, link } = await setup();
    const tampered = link(3).replace(/\.([^.?]+)\?/, '.AAAA$1?');
    const res = await app.request(tampered);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html');
    expect(html).not.toMatch(/Error:|at .*\.ts/);
  });

  it('shows a friendly page once the link has expired (30 days)', async () => {
    const { app, form, link } = await setup();
    deps.advance(30 * 86_400_000 + 1);
    expect((await app.request(link(3))).status).toBe(410);
    expect((await form(link(3).split('?')[0]!, { score: '3' })).status).toBe(410);
    expect(await stored()).toHaveLength(0);
  });
});

describe('what a customer downloads', () => {
  const sheets = (html: string) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);

  it('the survey, thanks, unsubscribe and dead-end pages link the small survey sheet, never the staff one', async () => {
    const { app, form, link, survey } = await setup();
    const pages = [
      await app.request(link(4)),
      await form(link(4).split('?')[0]!, { score: '4', comment: 'Fine' }),
      await app.request(pathOf(survey.links.unsubscribe)),
      await app.request('/s/not-a-token?score=4'),
    ];
    for (const res of pages) expect(sheets(await res.text())).toEqual(['/base.css', '/survey.css']);
  });
});
