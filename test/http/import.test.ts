// The upload flow through the real app: upload, preview with problems marked, change a column,
// confirm, poll the progress until the report, and the errors people can run into.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/app';
import { createApiKey } from '../../src/services/apiKeys';
import { authed, form, signIn, type TestSession } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
let app: ReturnType<typeof createApp>;
let admin: TestSession;
beforeEach(async () => {
  deps = makeTestDeps();
  app = createApp(deps);
  admin = await signIn(deps, { role: 'admin', email: 'ada@staff.example' });
});
afterEach(() => deps.close());

// A helpdesk export with its own column names: "Requester" holds the customer's address.
const CSV = [
  'Ticket,Rated,Score,Feedback,Requester,Agent mail,Channel',
  'H-1,2025-06-01T10:00:00Z,5,"Nice, thanks",ana@customer.example,zoe@support.example,WhatsApp',
  'H-2,2025-06-02T10:00:00Z,9,,bo@customer.example,zoe@support.example,carrier pigeon',
  'H-3,2025-06-03T10:00:00Z,4,,not-an-address,,email',
].join('\n');

async function upload(text: string, name = 'history.csv') {
  const body = new FormData();
  body.append('_csrf', admin.csrf);
  body.append('file', new File([text], name, { type: 'text/csv' }));
  return authed(app, admin, '/admin/import', { method: 'POST', body });
}
const page = async (path: string) => {
  const res = await authed(app, admin, path);
  return { status: res.status, html: await res.text() };
};

describe('import upload', () => {
  it('previews, takes a changed mapping, imports on confirmation and reports', async () => {
    const res = await upload(CSV);
    expect(res.status).toBe(303);
    const job = res.headers.get('Location')!;
    expect(job).toMatch(/^\/admin\/import\/jobs\/[\w-]+$/);

    // A ticket column and scores up to 10 look like Nicereply's 10-point export; nothing is
    // proposed for the customer, so the preview cannot import yet and says why on confirm.
    const first = await page(job);
    expect(first.html).toContain('<option value="nicereply-10" selected="">');
    expect(first.html).toContain('<option value="col:Score" selected="">Score</option>');
    expect(first.html).toContain('customer email: empty');
    expect((await form(app, admin, `${job}/confirm`)).status).toBe(422);
    expect(await count('interactions')).toBe(0);

    const mapping = {
      preset: 'heard',
      src_external_id: 'col:Ticket',
      src_responded_at: 'col:Rated',
      src_score: 'col:Score',
      src_comment: 'col:Feedback',
      src_customer_email: 'col:Requester',
      src_agent_email: 'col:Agent mail',
      src_channel: 'col:Channel',
      src_survey: 'set',
      val_survey: 'csat',
    };
    const remap = async (fields: Record<string, string>) =>
      (
        await authed(app, admin, `${job}/mapping`, {
          method: 'POST',
          headers: { 'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields),
        })
      ).text();
    // Another preset starts from its own proposal; then the person's choices are kept.
    expect(await remap({ preset: 'heard' })).toContain('<option value="heard" selected="">');
    const preview = await remap(mapping);
    expect(preview.startsWith('<div id="mapping-preview"')).toBe(true);
    expect(preview).toContain('1 of 3 rows can be imported');
    // Each problem sits in the cell it is about.
    expect(preview).toMatch(/<td class="cell-problem" data-field="score">9<span class="problem" role="note">“9” is not a whole number on the csat scale<\/span><\/td>/);
    expect(preview).toMatch(/<td class="cell-problem" data-field="customer_email">not-an-address<span class="problem" role="note">“not-an-address” is not an email address<\/span>/);
    expect(preview).toContain('other (whatsapp)');

    expect((await form(app, admin, `${job}/confirm`)).status).toBe(303);
    let progress = '';
    for (let i = 0; i < 5 && !progress.includes('Import finished'); i++) progress = await (await form(app, admin, `${job}/step`)).text();
    expect(progress).toContain('<dd data-count="imported">1</dd>');
    expect(progress).toContain('<dd data-count="skipped">2</dd>');
    // Finished: the fragment no longer polls.
    expect(progress).not.toContain('hx-trigger');
    expect(await count('responses')).toBe(1);
    const done = await page(job);
    expect(done.html).toContain('Import finished');
    expect(done.html).toContain('score: “9” is not a whole number on the csat scale');
  });

  it('polls while the import runs', async () => {
    const job = (await upload('external_id,responded_at,customer_email,survey,score\nP-1,2025-01-01,a@b.example,csat,5\n')).headers.get('Location')!;
    await form(app, admin, `${job}/confirm`);
    const html = (await page(job)).html;
    expect(html).toContain(`hx-post="${job}/step" hx-trigger="load delay:500ms"`);
  });

  it('refuses what cannot be read, with the reason, and stores nothing', async () => {
    const empty = await upload('');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Choose a CSV or JSON file to import.');
    const broken = await upload('[{"id": 1}, {"id": 2', 'responses.json');
    expect(broken.status).toBe(422);
    expect(await broken.text()).toContain('This file cannot be imported: the JSON ends in the middle of a response.');
    expect(await count('import_chunks')).toBe(0);
    expect((await page('/admin/import/jobs/no-such-job')).status).toBe(404);
  });

  it('lets a preview be discarded', async () => {
    const job = (await upload(CSV)).headers.get('Location')!;
    expect((await form(app, admin, `${job}/cancel`)).status).toBe(303);
    expect((await page(job)).html).toContain('Cancelled');
    expect(await count('import_chunks')).toBe(0);
    expect((await form(app, admin, `${job}/confirm`)).status).toBe(422);
  });
});

describe('all-time views of imported history', () => {
  it('shows every year in the metrics API, the overview and the responses list', async () => {
    const csv = ['external_id,responded_at,customer_email,survey,score', 'Y-1,2019-03-05T10:00:00Z,a@b.example,csat,5', 'Y-2,2022-07-01T10:00:00Z,a@b.example,csat,1', 'Y-3,2026-02-20T10:00:00Z,a@b.example,csat,4'].join('\n');
    const job = (await upload(csv)).headers.get('Location')!;
    await form(app, admin, `${job}/confirm`);
    await form(app, admin, `${job}/step`);
    const key = (await createApiKey(deps, 'test')).key;
    const api = async (q: string) => (await (await app.request(`/api/v1/metrics?${q}`, { headers: { Authorization: `Bearer ${key}` } })).json()) as { data: Array<{ key: string | null; n: number }> };
    expect((await api('survey=csat&preset=all')).data[0]!.n).toBe(3);
    expect((await api('survey=csat&preset=12m')).data[0]!.n).toBe(1);
    const months = (await api('survey=csat&preset=all&groupBy=month')).data;
    // Monthly buckets from the first answer's day on.
    expect(months[0]!.key).toBe('2019-03-05');
    expect(months.filter((m) => m.n > 0).map((m) => m.key)).toEqual(['2019-03-05', '2022-07-01', '2026-02-01']);
    const overview = await page('/?preset=all');
    expect(overview.status).toBe(200);
    expect(overview.html).toContain('<option value="all" selected="">All time</option>');
    const list = await page('/responses?preset=all');
    expect((list.html.match(/class="response" data-response=/g) ?? []).length).toBe(3);
  });
});

async function count(table: string) {
  return (await deps.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n;
}
