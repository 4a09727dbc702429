// The themes panel, the responses list's sentiment, theme and search filters, and admins shaping
// themes, over comments in English, Spanish and Chinese.
import { afterEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema';
import { authed, form, signIn, type TestSession } from '../helpers/auth';
import { makeTestApp, type TestDeps } from '../helpers/deps';
import { FIXTURES, NOW, seedComments } from '../helpers/insight';

let deps: TestDeps;
afterEach(() => deps?.close());

const MARCH = 'from=2026-03-01&to=2026-03-31';

async function setup() {
  const t = await makeTestApp({ now: NOW });
  deps = t.deps;
  await seedComments(deps, FIXTURES);
  const admin = await signIn(deps, { role: 'admin' });
  const html = async (path: string) => {
    const res = await authed(t.app, admin, path);
    expect(res.status).toBe(200);
    return res.text();
  };
  return { ...t, admin, html };
}

const themeRows = (html: string) => [...html.matchAll(/<tr data-theme="([^"]+)"[\s\S]*?<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ ref: m[1]!, href: m[2]!.replace(/&amp;/g, '&'), name: m[3]! }));
const comments = (html: string) => [...html.matchAll(/class="response-comment">([^<]+)</g)].map((m) => m[1]!);

it('shows the themes panel on the overview and opens the responses behind a theme', async () => {
  const { html } = await setup();
  const overview = await html(`/?${MARCH}`);
  expect(overview).toContain('data-panel="themes"');
  const rows = themeRows(overview);
  expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['delivery', 'reembolso', '客服']));
  const delivery = rows.find((r) => r.name === 'delivery')!;
  const list = comments(await html(delivery.href));
  expect(list.sort()).toEqual(['Deliveries are always late', 'Delivery late but the agent was kind', 'Late delivery, nobody called me', 'The delivery was late again']);
});

it('narrows the themes panel to a tag: only the tagged interactions’ comments count', async () => {
  const t = await makeTestApp({ now: NOW });
  deps = t.deps;
  // The Chinese comments come from VIP interactions; the rest carry no tag.
  await seedComments(deps, FIXTURES.map((f) => (f.locale === 'zh' ? { ...f, tags: ['vip'] } : f)));
  const admin = await signIn(deps, { role: 'admin' });
  const res = await authed(t.app, admin, `/?${MARCH}&tag=vip`);
  expect(res.status).toBe(200);
  expect(themeRows(await res.text()).map((r) => r.name)).toEqual(['客服']);
  const all = await authed(t.app, admin, `/?${MARCH}`);
  expect(themeRows(await all.text()).map((r) => r.name)).toEqual(expect.arrayContaining(['delivery', 'reembolso', '客服']));
});

it('counts a tag’s themes from the tag cells as a recount of its tagged comments does, and a manager’s from the rows alike', async () => {
  const t = await makeTestApp({ now: NOW });
  deps = t.deps;
  // Deliveries (March and February) and refunds are billing questions; one lists its tag twice and still counts once.
  const billing = (f: (typeof FIXTURES)[number], i: number) =>
    /deliver|reembolso/i.test(f.text ?? '') ? { ...f, tags: i === 0 ? ['billing', 'billing', 'vip'] : ['billing'] } : f;
  await seedComments(deps, FIXTURES.map(billing));
  const rows = (html: string) =>
    [...html.matchAll(/<tr data-theme="k:([^"]+)"[\s\S]*?<a href="[^"]+">([^<]+)<\/a>[\s\S]*?<td class="num">\s*(\d+)[\s\S]*?: (\d+) comments in the previous period/g)].map((m) => ({
      key: m[1]!,
      name: m[2]!,
      now: Number(m[3]),
      before: Number(m[4]),
    }));
  const page = async (who: TestSession, path: string) => {
    const res = await authed(t.app, who, path);
    expect(res.status).toBe(200);
    return rows(await res.text());
  };
  const recount = async (from: string, to: string) =>
    new Map(
      (
        await deps.db.all<{ key: string; n: number }>(sql`
          SELECT p.key, count(DISTINCT p.response_id) AS n FROM response_phrases p JOIN responses r ON r.id = p.response_id JOIN interactions i ON i.id = r.interaction_id
          WHERE EXISTS (SELECT 1 FROM json_each(i.tags) WHERE value = 'billing') AND r.created_at >= ${Date.parse(from)} AND r.created_at < ${Date.parse(to)}
          GROUP BY p.key`)
      ).map((r) => [r.key, r.n]),
    );
  const [now, before] = [await recount('2026-03-01', '2026-04-01'), await recount('2026-01-29', '2026-03-01')];
  const admin = await signIn(deps, { role: 'admin' });
  const tagged = await page(admin, `/?${MARCH}&tag=billing`);
  expect(tagged.map((r) => r.name).sort()).toEqual(['delivery', 'reembolso']);
  for (const r of tagged) expect(r).toEqual({ ...r, now: now.get(r.key), before: before.get(r.key) ?? 0 });
  expect(tagged.find((r) => r.name === 'delivery')).toMatchObject({ now: 4, before: 1 });
  // With the channel too (the tag + channel cells), and for a manager of the team (no tag cells with a team: the rows).
  expect(await page(admin, `/?${MARCH}&tag=billing&channel=email`)).toEqual(tagged);
  const manager = await signIn(deps, { role: 'manager', teams: ['Tier 1'] });
  expect(await page(manager, `/?${MARCH}&tag=billing`)).toEqual(tagged);
});

it('shows the themes panel on an agent’s page, for their comments only', async () => {
  const { html } = await setup();
  const overview = await html(`/agents?${MARCH}`);
  const agentLink = /href="(\/agents\/[^"?]+)/.exec(overview)![1]!;
  expect(themeRows(await html(`${agentLink}?${MARCH}`)).length).toBeGreaterThan(0);
});

it('filters the responses list by sentiment and finds words in any language', async () => {
  const { html } = await setup();
  const negative = comments(await html(`/responses?${MARCH}&sentiment=negative`));
  expect(negative).toContain('No me ayudaron con el reembolso');
  expect(negative).not.toContain('客服态度很好，很满意');
  expect(comments(await html(`/responses?${MARCH}&q=${encodeURIComponent('客服')}`))).toHaveLength(3);
  expect(comments(await html(`/responses?${MARCH}&q=reembolso`))).toHaveLength(3);
  // Inflections meet: "deliveries" finds "delivery".
  expect(comments(await html(`/responses?${MARCH}&q=deliveries`))).toHaveLength(4);
  expect(comments(await html(`/responses?${MARCH}&q=${encodeURIComponent('100%_late')}`))).toHaveLength(0);
});

it('lets admins rename, merge, hide and pin themes', async () => {
  const { app, admin, html } = await setup();
  const refs = Object.fromEntries(themeRows(await html(`/?${MARCH}`)).map((r) => [r.name, r.ref]));
  expect((await form(app, admin, '/admin/themes/rename', { ref: refs['delivery']!, name: 'Late deliveries' })).status).toBe(303);
  expect((await form(app, admin, '/admin/themes/hide', { ref: refs['客服']!, name: '客服' })).status).toBe(303);
  expect((await form(app, admin, '/admin/themes/pin', { name: 'Refunds', keywords: 'refund, reembolso, 退款' })).status).toBe(303);
  const names = themeRows(await html(`/?${MARCH}`)).map((r) => r.name);
  expect(names[0]).toBe('Refunds');
  expect(names).toContain('Late deliveries');
  expect(names).not.toContain('客服');
  expect(names).not.toContain('delivery');

  const bad = await form(app, admin, '/admin/themes/merge', { refs: [refs['reembolso']!], name: 'Money' });
  expect(bad.status).toBe(422);
  expect(await bad.text()).toContain('choose at least two themes');
  const again = Object.fromEntries(themeRows(await html(`/?${MARCH}`)).map((r) => [r.name, r.ref]));
  expect((await form(app, admin, '/admin/themes/merge', { refs: [again['Refunds']!, again['reembolso']!], name: 'Money back' })).status).toBe(303);
  const merged = themeRows(await html(`/?${MARCH}`));
  expect(merged.map((r) => r.name)).toContain('Money back');
  expect(merged.map((r) => r.name)).not.toContain('reembolso');
});

it('writes every theme edit to the audit log, naming the fields changed and no comment', async () => {
  const { app, admin, html } = await setup();
  const refs = Object.fromEntries(themeRows(await html(`/?${MARCH}`)).map((r) => [r.name, r.ref]));
  await form(app, admin, '/admin/themes/rename', { ref: refs['delivery']!, name: 'Late deliveries' });
  await form(app, admin, '/admin/themes/hide', { ref: refs['客服']!, name: '客服' });
  await form(app, admin, '/admin/themes/pin', { name: 'Refunds', keywords: 'refund, reembolso, 退款' });
  const again = Object.fromEntries(themeRows(await html(`/?${MARCH}`)).map((r) => [r.name, r.ref]));
  await form(app, admin, '/admin/themes/merge', { refs: [again['Refunds']!, again['reembolso']!], name: 'Money back' });
  const merged = themeRows(await html(`/?${MARCH}`)).find((r) => r.name === 'Money back')!;
  await form(app, admin, `/admin/themes/${merged.ref.slice(2)}/delete`);
  // A refused edit changes nothing and is not logged.
  expect((await form(app, admin, '/admin/themes/rename', { ref: 't:missing', name: 'Nothing' })).status).toBe(422);

  // The test clock stands still, so the entries are compared as a set.
  const log = (await deps.db.select().from(auditLog)).filter((a) => a.action.startsWith('theme.'));
  expect(log).toHaveLength(5);
  expect(log.map(({ action, target, detail, actorId }) => ({ action, target, detail, actorId }))).toEqual(expect.arrayContaining([
    { action: 'theme.changed', target: 'Late deliveries', detail: 'name', actorId: admin.user.id },
    { action: 'theme.changed', target: '客服', detail: 'hidden', actorId: admin.user.id },
    { action: 'theme.pinned', target: 'Refunds', detail: '3 keywords', actorId: admin.user.id },
    { action: 'theme.merged', target: 'Money back', detail: '2 themes', actorId: admin.user.id },
    { action: 'theme.deleted', target: 'Money back', detail: null, actorId: admin.user.id },
  ]));
  const written = JSON.stringify(log);
  for (const f of FIXTURES) if (f.text) expect(written).not.toContain(f.text);
  const page = await html('/admin/audit');
  expect(page).toContain('Theme changed');
  expect(page).toContain('Themes merged');
});
