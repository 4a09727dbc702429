// How the overview reads with little data: the trend's bucket follows the number of answers, the
// running bucket is marked partial, and changes are shown only where they mean something.
import { afterEach, describe, expect, it } from 'vitest';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { authed, signIn } from '../helpers/auth';
import { makeTestApp } from '../helpers/deps';

const NOW = Date.parse('2026-03-18T10:00:00Z');
const DAY = 86_400_000;
let t: Awaited<ReturnType<typeof makeTestApp>>;
afterEach(() => t?.deps.close());

function answer(i: number, daysAgo: number, score: number): HistoryRow {
  const at = NOW - daysAgo * DAY;
  return {
    externalId: `F-${i}`,
    closedAt: at - 3_600_000,
    sentAt: at - 1_800_000,
    agent: { email: 'ana@support.example', name: 'Ana' },
    team: 'Tier 1',
    channel: 'email',
    customer: { email: `c${i}@example.com`, name: null, locale: null },
    survey: 'csat',
    tags: [],
    response: { score, comment: null, at, source: 'explicit' },
  };
}

async function overview(rows: HistoryRow[], query = '') {
  t = await makeTestApp({ now: NOW });
  await recordHistory(t.deps, rows);
  const admin = await signIn(t.deps, { role: 'admin' });
  const res = await authed(t.app, admin, `/${query}`);
  expect(res.status).toBe(200);
  return res.text();
}
const attr = (html: string, name: string) => JSON.parse(new RegExp(`data-chart="trend"[^>]*?data-${name}="([^"]*)"`).exec(html)![1]!.replace(/&quot;/g, '"'));
const change = (html: string, tile: string) => new RegExp(`data-tile="${tile}"[\\s\\S]*?class="tile-change[^"]*">([^<]*)<`).exec(html)![1]!.trim();

describe('the trend', () => {
  it('groups a few answers by week instead of thirty hollow days, the running week marked partial', async () => {
    const html = await overview([3, 9, 10, 16, 20, 25].map((d, i) => answer(i, d, i % 2 ? 5 : 4)), '?preset=30d');
    const labels = attr(html, 'labels') as string[];
    expect(labels.length).toBeLessThanOrEqual(6);
    expect(labels.at(-1)).toMatch(/\(partial\)$/);
    expect((attr(html, 'partial') as boolean[]).at(-1)).toBe(true);
    expect(html).toContain('(partial)</a>');
  });

  it('keeps days when there are answers enough for them', async () => {
    const rows = Array.from({ length: 7 * 12 }, (_, i) => answer(i, 1 + (i % 7), 5));
    expect(attr(await overview(rows, '?preset=7d'), 'labels')).toHaveLength(7);
  });

  it('says a single day is no trend', async () => {
    expect(await overview([answer(1, 0, 5)], '?preset=today')).toContain('Only one day in this period');
  });
});

describe('changes against the previous period', () => {
  it('calls responses from none "new", not +100%', async () => {
    const html = await overview(Array.from({ length: 12 }, (_, i) => answer(i, 2, 5)), '?preset=7d');
    expect(change(html, 'responses')).toBe('new');
    expect(html).not.toContain('+100.0%');
  });

  it('shows no change for a score with too few answers', async () => {
    const rows = [...Array.from({ length: 12 }, (_, i) => answer(i, 2, 5)), answer(100, 9, 1), answer(101, 10, 2)];
    const html = await overview(rows, '?preset=7d');
    expect(change(html, 'csat')).toBe('too few to compare');
    expect(change(html, 'responses')).toBe('too few to compare');
  });
});
