// The customers pages over real data: who is at risk and why, the orders, paging, search, who sees
// whom, and the link from a follow-up task. The list reads summaries refreshed by runDueWork.
import { afterEach, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { runDueWork } from '../../src/services/dispatch';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { authed, signIn } from '../helpers/auth';
import { makeTestApp, type TestDeps } from '../helpers/deps';
import { answeredUnsent, tasks } from '../helpers/followups';

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;

function past(externalId: string, email: string, daysAgo: number, agent: string, team: string, answer: [survey: 'nps' | 'csat', score: number] | null): HistoryRow {
  const at = deps.clock() - daysAgo * DAY;
  return {
    externalId,
    closedAt: at,
    sentAt: at,
    agent: { email: agent, name: null },
    team,
    channel: 'email',
    customer: { email, name: null, locale: 'en' },
    survey: answer?.[0] ?? 'csat',
    tags: [],
    response: answer ? { score: answer[1], comment: null, at, source: 'import' } : null,
  };
}

async function setup() {
  const t = await makeTestApp();
  deps = t.deps;
  const ana = 'ana@support.example';
  const cai = 'cai@support.example';
  await recordHistory(deps, [
    // risky: a promoter 40 days ago...
    past('R-1', 'risky@example.com', 40, ana, 'Tier 1', ['nps', 9]),
    // happy: satisfied, talked to team 2 only.
    past('H-1', 'happy@example.com', 10, cai, 'Tier 2', ['csat', 5]),
    // busy: three contacts in ten days, no answers.
    past('B-1', 'busy@example.com', 9, ana, 'Tier 1', null),
    past('B-2', 'busy@example.com', 5, ana, 'Tier 1', null),
    past('B-3', 'busy@example.com', 1, ana, 'Tier 1', null),
  ]);
  // ...who answers NPS 4 today, which opens a follow-up task.
  await answeredUnsent(deps, { customer: { email: 'risky@example.com', name: 'Rita Risk' }, agent: { email: ana }, team: 'Tier 1', survey: 'nps' }, 4);
  await runDueWork(deps, deps.clock());
  const admin = await signIn(deps, { role: 'admin' });
  const page = async (s: typeof admin, path: string) => {
    const res = await authed(t.app, s, path);
    return { status: res.status, html: await res.text() };
  };
  return { ...t, admin, page };
}

/** The customers' addresses in the list's order. */
const listed = (html: string) => [...html.matchAll(/<a href="\/customers\/(?!churn")[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

test('the at-risk list names who is at risk and why', async () => {
  const { admin, page } = await setup();
  const { status, html } = await page(admin, '/customers');
  expect(status).toBe(200);
  expect(listed(html).sort()).toEqual(['Rita Risk', 'busy@example.com']);
  expect(html).toContain('NPS fell from 9 to 4');
  expect(html).toContain('Follow-up open');
  expect(html).toContain('3 contacts in 30 days');
  expect(html).toContain('2 at risk');
});

test('orders by lowest score, most contacts and latest contact; filters by health and search', async () => {
  const { admin, page } = await setup();
  expect(listed((await page(admin, '/customers?health=all&sort=score')).html)).toEqual(['Rita Risk', 'happy@example.com', 'busy@example.com']);
  expect(listed((await page(admin, '/customers?health=all&sort=contacts')).html)[0]).toBe('busy@example.com');
  expect(listed((await page(admin, '/customers?health=all&sort=recent')).html)).toEqual(['Rita Risk', 'busy@example.com', 'happy@example.com']);
  expect(listed((await page(admin, '/customers?health=all&sort=overdue')).html)[0]).toBe('Rita Risk');
  expect(listed((await page(admin, '/customers?health=healthy')).html)).toEqual(['happy@example.com']);
  expect(listed((await page(admin, '/customers?health=all&q=RIT')).html)).toEqual(['Rita Risk']);
  expect(listed((await page(admin, '/customers?health=all&q=%25')).html)).toEqual([]);
  // Unknown values fall back to the defaults rather than failing.
  expect((await page(admin, '/customers?health=doomed&sort=sideways&cursor=garbage')).status).toBe(200);
});

test('pages of 25 by keyset, with nothing repeated or lost', async () => {
  const { admin, page } = await setup();
  const rows: HistoryRow[] = [];
  for (let i = 0; i < 30; i++) for (let k = 0; k < 3; k++) rows.push(past(`P-${i}-${k}`, `p${String(i).padStart(2, '0')}@example.com`, 2 + k + (i % 5), 'ana@support.example', 'Tier 1', null));
  await recordHistory(deps, rows);
  await runDueWork(deps, deps.clock());
  const first = await page(admin, '/customers?sort=contacts');
  const next = /href="(\/customers\?[^"]*cursor=[^"]+)">Next page/.exec(first.html)![1]!.replaceAll('&amp;', '&');
  const second = await page(admin, next);
  const all = [...listed(first.html), ...listed(second.html)];
  expect(listed(first.html)).toHaveLength(25);
  expect(all).toHaveLength(32);
  expect(new Set(all).size).toBe(32);
  expect(second.html).not.toContain('Next page');
});

test('agents see the customers they talked to, managers their teams’; others’ customers are 404', async () => {
  const { page } = await setup();
  const ana = await signIn(deps, { role: 'agent', email: 'ana@support.example', teams: ['Tier 1'] });
  const t2 = await signIn(deps, { role: 'manager', teams: ['Tier 2'] });
  expect(listed((await page(ana, '/customers?health=all')).html).sort()).toEqual(['Rita Risk', 'busy@example.com']);
  expect(listed((await page(t2, '/customers?health=all')).html)).toEqual(['happy@example.com']);
  const [happy] = await deps.db.all<{ id: string }>(sql`select id from customers where email = 'happy@example.com'`);
  expect((await page(ana, `/customers/${happy!.id}`)).status).toBe(404);
  expect((await page(t2, `/customers/${happy!.id}`)).status).toBe(200);
  // A team the viewer does not manage, in the URL: 404, not an empty list.
  const [t1] = await deps.db.all<{ id: string }>(sql`select id from teams where name = 'Tier 1'`);
  expect((await page(t2, `/customers?team=${t1!.id}`)).status).toBe(404);
  expect((await page(ana, '/customers/churn')).status).toBe(404);
});

test('a customer’s page shows health with its reasons, answers, tasks and churn; the task page links to it', async () => {
  const { admin, page, api } = await setup();
  await api('/api/v1/customers/risky%40example.com/events', { method: 'POST', body: JSON.stringify({ type: 'churned', at: '2026-03-02T09:00:00Z', reason: 'Went elsewhere' }) });
  const [task] = await tasks(deps);
  const taskPage = await page(admin, `/follow-ups/${task!.id}`);
  const link = /href="(\/customers\/[^"]+)"/.exec(taskPage.html)![1]!;
  const { status, html } = await page(admin, link);
  expect(status).toBe(200);
  expect(html).toContain('Rita Risk');
  expect(html).toContain('Churned');
  expect(html).toContain('Went elsewhere');
  expect(html).toContain('NPS fell from 9 to 4');
  expect(html).toContain(`href="/follow-ups/${task!.id}"`);
  expect(html).toContain('R-1');
  expect((await page(admin, '/customers/nobody')).status).toBe(404);
});
