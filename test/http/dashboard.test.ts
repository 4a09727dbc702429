// The overview, the agents page, the responses list, the CSV export and GET /api/v1/metrics must
// tell the same story about the same data, and each must match counting the rows by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csat, csatTally, nps, npsTally } from '../../src/domain/scores';
import { parseCsv } from '../../src/domain/csv';
import { parseIsoDate } from '../../src/domain/period';
import type { HistoryRow } from '../../src/services/import';
import { scoreText } from '../../views/partials/dashboard/format';
import { authed, signIn, type TestSession } from '../helpers/auth';
import { AGENTS, expectedFor, idsByName, seedHistory } from '../helpers/dashboard';
import { makeTestApp } from '../helpers/deps';

const TZ = 'Europe/Madrid';
const FROM = '2026-02-01';
const TO = '2026-02-28';
const RANGE = { from: parseIsoDate(FROM)!, to: parseIsoDate(TO)! };

let t: Awaited<ReturnType<typeof makeTestApp>>;
let rows: HistoryRow[];
let admin: TestSession;
let ids: Awaited<ReturnType<typeof idsByName>>;

beforeAll(async () => {
  t = await makeTestApp({ env: { TIME_ZONE: TZ }, now: Date.parse('2026-03-02T10:00:00Z') });
  rows = await seedHistory(t.deps, { count: 700, from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-03-01T00:00:00Z') });
  admin = await signIn(t.deps, { role: 'admin' });
  ids = await idsByName(t.deps);
});
afterAll(() => t.deps.close());

const page = async (path: string, s: TestSession | null = admin) => {
  const res = await authed(t.app, s, path);
  return { status: res.status, html: await res.text() };
};
const tileValue = (html: string, tile: string) =>
  new RegExp(`data-tile="${tile}"[\\s\\S]*?class="tile-value"[^>]*>([^<]*)<`).exec(html)?.[1];
const metrics = async (query: string) => {
  const res = await t.api(`/api/v1/metrics?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { data: Array<{ key: string | null; n: number; score: number | null; low: number | null; high: number | null; delivered?: number; responseRate?: number | null }> };
};

describe('the same numbers everywhere', () => {
  it('API matches counting by hand', async () => {
    const want = expectedFor(rows, TZ, RANGE, () => true);
    const expected = csat(csatTally(want.answers.csat));
    const { data } = await metrics(`survey=csat&from=${FROM}&to=${TO}`);
    expect(data).toHaveLength(1);
    expect(data[0]!.n).toBe(expected.n);
    expect(data[0]!.score).toBeCloseTo(expected.score!, 1);
    expect(data[0]!.low).toBeCloseTo(expected.low!, 1);
    expect(data[0]!.high).toBeCloseTo(expected.high!, 1);
    expect(data[0]!.delivered).toBe(
      expectedFor(rows, TZ, RANGE, (r) => r.survey === 'csat').sent,
    );
  });

  it('the overview tiles show what the API answers', async () => {
    const { status, html } = await page(`/?from=${FROM}&to=${TO}`);
    expect(status).toBe(200);
    for (const kind of ['csat', 'nps', 'ces'] as const) {
      const { data } = await metrics(`survey=${kind}&from=${FROM}&to=${TO}`);
      expect(tileValue(html, kind)).toBe(scoreText(kind, data[0]!.score));
    }
    const all = expectedFor(rows, TZ, RANGE, () => true);
    const n = Object.values(all.answers).flat().reduce((a, b) => a + b, 0);
    expect(tileValue(html, 'responses')).toBe(n.toLocaleString('en-US'));
  });

  it('the trend and day buckets add up to the total', async () => {
    const total = (await metrics(`survey=nps&from=${FROM}&to=${TO}`)).data[0]!;
    const days = (await metrics(`survey=nps&from=${FROM}&to=${TO}&groupBy=day`)).data;
    expect(days).toHaveLength(28);
    expect(days.reduce((s, d) => s + d.n, 0)).toBe(total.n);
    const weeks = (await metrics(`survey=nps&from=${FROM}&to=${TO}&groupBy=week`)).data;
    expect(weeks[0]!.key).toBe(FROM);
    expect(weeks.reduce((s, d) => s + d.n, 0)).toBe(total.n);
  });

  it('the CSV export holds exactly the responses behind a score', async () => {
    const res = await authed(t.app, admin, `/responses.csv?from=${FROM}&to=${TO}&survey=nps&team=${ids.team('Tier 1')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...records] = [...parseCsv(text)];
    const score = header!.fields.indexOf('score');
    const hist = new Array<number>(11).fill(0);
    for (const r of records) hist[Number(r.fields[score])]!++;
    const fromCsv = nps(npsTally(hist));
    const api = (await metrics(`survey=nps&from=${FROM}&to=${TO}&team=Tier%201`)).data[0]!;
    expect(records.length).toBe(api.n);
    expect(fromCsv.score).toBeCloseTo(api.score!, 1);
  });

  it('the agents table shows each agent as the API does', async () => {
    const { status, html } = await page(`/agents?from=${FROM}&to=${TO}&survey=csat`);
    expect(status).toBe(200);
    const per = await Promise.all((['csat', 'nps', 'ces'] as const).map((k) => metrics(`survey=${k}&from=${FROM}&to=${TO}&groupBy=agent`)));
    for (const a of AGENTS) {
      const id = ids.agent(a.email);
      const row = new RegExp(`<tr data-agent="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
      const api = per[0]!.data.find((d) => d.key === id)!;
      expect(row).toContain(`<span class="cell-score">${scoreText('csat', api.score)}</span>`);
      // The responses column counts every kind.
      const all = per.reduce((n, m) => n + (m.data.find((d) => d.key === id)?.n ?? 0), 0);
      expect(row).toContain(`data-label="Responses">${all}</td>`);
    }
  });

  it("an agent's page shows their own numbers", async () => {
    const a = AGENTS[1]!;
    const { html } = await page(`/agents/${ids.agent(a.email)}?from=${FROM}&to=${TO}&survey=nps`);
    const want = nps(npsTally(expectedFor(rows, TZ, RANGE, (r) => r.agent.email === a.email).answers.nps));
    expect(tileValue(html, 'nps')).toBe(scoreText('nps', want.score));
    const api = (await metrics(`survey=nps&from=${FROM}&to=${TO}&agent=${encodeURIComponent(a.email)}`)).data[0]!;
    expect(api.n).toBe(want.n);
  });
});

describe('responses list', () => {
  it('drills down to one score and pages through all of it', async () => {
    const want = expectedFor(rows, TZ, RANGE, () => true).answers.csat[5]!;
    let path: string | null = `/responses?from=${FROM}&to=${TO}&survey=csat&score=5`;
    let seen = 0;
    while (path) {
      const { status, html }: { status: number; html: string } = await page(path);
      expect(status).toBe(200);
      seen += (html.match(/<li class="response"/g) ?? []).length;
      expect(html).not.toMatch(/CSAT [1-4]</);
      const next: RegExpExecArray | null = /data-link="older"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*data-link="older"/.exec(html);
      path = next ? (next[1] ?? next[2])!.replace(/&amp;/g, '&') : null;
    }
    expect(seen).toBe(want);
  });

  it('answers an htmx swap with the body only', async () => {
    const res = await authed(t.app, admin, `/responses?from=${FROM}&to=${TO}`, { headers: { 'HX-Request': 'true' } });
    const html = await res.text();
    expect(html.startsWith('<section id="dash"')).toBe(true);
    const restore = await authed(t.app, admin, `/responses?from=${FROM}&to=${TO}`, { headers: { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' } });
    expect(await restore.text()).toContain('<!DOCTYPE html>');
  });
});

describe('what people may see', () => {
  it("keeps a manager to their teams and answers 404 for another team's ids", async () => {
    const manager = await signIn(t.deps, { role: 'manager', teams: ['Billing'] });
    const mine = await page(`/?from=${FROM}&to=${TO}&survey=csat`, manager);
    const billing = csat(csatTally(expectedFor(rows, TZ, RANGE, (r) => r.team === 'Billing').answers.csat));
    expect(tileValue(mine.html, 'csat')).toBe(scoreText('csat', billing.score));
    expect((await page(`/?team=${ids.team('Tier 1')}`, manager)).status).toBe(404);
    const other = AGENTS.find((a) => a.team !== 'Billing')!;
    expect((await page(`/agents/${ids.agent(other.email)}`, manager)).status).toBe(404);
    expect((await page(`/responses?agent=${ids.agent(other.email)}`, manager)).status).toBe(404);
    expect((await page('/agents/no-such-agent', manager)).status).toBe(404);
  });

  it("shows an agent their own page as home, and nobody else's", async () => {
    const a = AGENTS[5]!;
    const agent = await signIn(t.deps, { role: 'agent', email: a.email });
    const home = await page(`/?from=${FROM}&to=${TO}&survey=ces`, agent);
    expect(home.status).toBe(200);
    const own = csat(csatTally([0, 0, 0, 0, 0, 0]));
    expect(own.n).toBe(0);
    const ces = expectedFor(rows, TZ, RANGE, (r) => r.agent.email === a.email).answers.ces.reduce((x, y) => x + y, 0);
    expect(home.html).toContain(`${ces} responses`);
    expect((await page(`/agents/${ids.agent(AGENTS[0]!.email)}`, agent)).status).toBe(404);
    expect((await page('/agents', agent)).status).toBe(404);
    // The CSV holds only their own responses.
    const csv = await (await authed(t.app, agent, `/responses.csv?from=${FROM}&to=${TO}`)).text();
    const [header, ...records] = [...parseCsv(csv)];
    const col = header!.fields.indexOf('agent_email');
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.fields[col]))).toEqual(new Set([a.email]));
  });
});

describe('GET /api/v1/metrics', () => {
  it('needs an API key', async () => {
    expect((await t.app.request('/api/v1/metrics')).status).toBe(401);
  });

  it('explains bad queries', async () => {
    const res = await t.api('/api/v1/metrics?survey=xyz&from=2026-02-30');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ field: string }> };
    expect(body.errors.map((e) => e.field).sort()).toEqual(['from', 'survey']);
    expect((await t.api('/api/v1/metrics?team=Nope')).status).toBe(400);
  });

  it('splits by team and channel with delivered surveys', async () => {
    const { data } = await metrics(`survey=csat&from=${FROM}&to=${TO}&groupBy=team`);
    const billing = data.find((d) => d.key === ids.team('Billing'))!;
    const want = expectedFor(rows, TZ, RANGE, (r) => r.team === 'Billing' && r.survey === 'csat');
    expect(billing.n).toBe(want.answers.csat.reduce((a, b) => a + b, 0));
    expect(billing.delivered).toBe(want.sent);
    const channels = (await metrics(`survey=csat&from=${FROM}&to=${TO}&groupBy=channel`)).data;
    expect(channels.reduce((s, c) => s + c.n, 0)).toBe(data.reduce((s, c) => s + c.n, 0));
  });
});
