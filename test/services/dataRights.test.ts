// Erasure and retention on a real SQLite file: nothing of an erased customer is left anywhere in the
// file (its bytes are searched), a crash midway is finished by runDueWork, and the rollups equal a
// rebuild after every step, as after retention.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { COUNT_COLUMNS } from '../../src/db/queries/cells';
import { customerErasures, followups, hashedSuppressions, importChunks, responsePhrases, responses } from '../../src/db/schema';
import type { Deps } from '../../src/deps';
import { createOutboxMailer } from '../../src/mail/outbox';
import { signLink } from '../../src/security/links';
import { eraseCustomer } from '../../src/services/customers/erase';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { runDueWork } from '../../src/services/dispatch';
import { addActivity } from '../../src/services/followups/actions';
import { HEARD } from '../../src/services/followups/events';
import { createWebhook } from '../../src/services/followups/webhooks';
import { createAlertRule } from '../../src/services/alerts/rules';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { createImportJob } from '../../src/services/importer/jobs';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { applyRetention, previewRetention, saveRetention } from '../../src/services/retention';
import { suppressStatement } from '../../src/services/suppress';
import { historyRows } from '../helpers/dashboard';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';
import { answer } from '../helpers/followups';

const WHO = { email: 'zoltana.quibble@example.org', name: 'Zoltana Quibble', locale: 'en' };
const OTHER = { email: 'other.person@example.org', name: 'Other Person', locale: 'en' };

let deps: TestDeps;
afterEach(() => deps?.close());

const nonZeroCells = (d: Deps) =>
  d.db.all<Record<string, unknown>>(sql.raw(`SELECT * FROM response_rollups WHERE ${COUNT_COLUMNS.map((c) => `"${c}" <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5, 6, 7`));

/** Cells without the analysed comments' counts, and those counts' total. */
const withoutComments = (cells: Array<Record<string, unknown>>) => cells.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => !/^(comments|negative)_/.test(k))));
const commented = (cells: Array<Record<string, unknown>>) => cells.reduce((n, c) => n + Number(c.comments_csat) + Number(c.comments_nps) + Number(c.comments_ces), 0);

async function expectRollupsExact(d: Deps) {
  const maintained = await nonZeroCells(d);
  await rebuildRollups(d);
  expect(await nonZeroCells(d)).toEqual(maintained);
}

/** Surveys sent, answered and analysed; a follow-up task with a note; webhooks queued; an unsubscribe; an upload waiting. */
async function lifeOf(d: TestDeps, who: typeof WHO, n: number) {
  for (let i = 0; i < n; i++) {
    const ingested = await ingestInteraction(d, ZInteractionInput.parse(interaction({ customer: who, externalId: `${who.name}-${i}` })));
    d.advance(61 * 60_000);
    await runDueWork(d, d.clock());
    const token = await signLink(d.config.appSecret, 'survey', ingested.surveyRequest.id, d.clock());
    await answer(d, token, i === 0 ? 1 : 5, `${who.name} says the refund took far too long, terrible wait (${i})`);
    d.advance(31 * 86_400_000);
  }
  const [task] = await d.db.select().from(followups).where(sql`${followups.customerId} = (SELECT id FROM customers WHERE email = ${who.email})`);
  await addActivity(d, task!.id, HEARD, 'note', `Called ${who.name} back at ${who.email}`);
  await runDueWork(d, d.clock());
}

async function databaseBytes(d: TestDeps) {
  await d.db.all(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  const file = (suffix: string) => {
    try {
      return readFileSync(join(d.dir, `heard.db${suffix}`)).toString('latin1').toLowerCase();
    } catch {
      return '';
    }
  };
  return file('') + file('-wal');
}

describe('erasing a customer', () => {
  it('leaves nothing of their address or name anywhere in the database file, and nothing of anyone else missing', async () => {
    deps = makeTestDeps({ mailer: (base) => createOutboxMailer(base) });
    await createWebhook(deps, 'admin', { url: 'http://127.0.0.1:9/hook', events: ['response.created', 'followup.opened'], format: 'json' });
    const admin = { id: 'admin', email: 'admin@staff.example', name: null, role: 'admin' as const, allTeams: true, teamIds: [], agentId: null };
    await createAlertRule(deps, admin, { name: 'Low', teamId: null, condition: { kind: 'score', survey: 'csat', atMost: 2 }, destination: { kind: 'slack', url: 'http://127.0.0.1:9/slack' } });
    await createAlertRule(deps, admin, { name: 'Leads', teamId: null, condition: { kind: 'score', survey: 'csat', atMost: 2 }, destination: { kind: 'email', to: ['leads@staff.example'] } });
    await lifeOf(deps, WHO, 3);
    await lifeOf(deps, OTHER, 2);
    await deps.atomic([suppressStatement(deps, WHO.email, 'unsubscribed')]);
    const csv = `external_id,responded_at,agent_email,customer_email,customer_name,survey,score\nU-1,2026-01-05,zoe@old.example,${WHO.email},${WHO.name},csat,5\nU-2,2026-01-05,zoe@old.example,${OTHER.email},x,csat,4\n`;
    const job = await createImportJob(deps, { name: 'u.csv', text: new Blob([csv]).stream().pipeThrough(new TextDecoderStream()) }, null);
    expect(job.ok).toBe(true);

    const before = await databaseBytes(deps);
    for (const words of ['zoltana.quibble@example.org', 'zoltana quibble', 'other.person@example.org']) expect(before).toContain(words);
    const counts = await deps.db.all<{ t: string; n: number }>(sql`SELECT 'phrases' AS t, count(*) AS n FROM response_phrases
      UNION ALL SELECT 'deliveries', count(*) FROM webhook_deliveries UNION ALL SELECT 'outbox', count(*) FROM outbox
      UNION ALL SELECT 'notes', count(*) FROM followup_events WHERE kind = 'note'
      UNION ALL SELECT 'alerts', count(*) FROM alert_deliveries`);
    for (const c of counts) expect(c.n, c.t).toBeGreaterThan(0);

    expect(await eraseCustomer(deps, { email: WHO.email }, { userId: 'admin' })).toEqual({ ok: true, value: 'erased' });

    const after = await databaseBytes(deps);
    expect(after).not.toContain('zoltana');
    expect(after).not.toContain('quibble');
    expect(after).toContain('other.person@example.org');
    expect(after).toContain('other person says the refund took far too long');
    await expectRollupsExact(deps);
    expect(await deps.db.select({ reason: hashedSuppressions.reason }).from(hashedSuppressions)).toEqual([{ reason: 'unsubscribed' }]);
    const [chunk] = await deps.db.select().from(importChunks);
    expect(JSON.parse(chunk!.records)).toHaveLength(1);
    expect(await deps.db.select().from(responses)).toHaveLength(2);
  });

  it('is finished by runDueWork after a crash midway, with the rollups exact after every step', async () => {
    deps = makeTestDeps({ env: { TIME_ZONE: 'America/New_York' } });
    const rows = historyRows({ count: 260, seed: 9, from: Date.parse('2026-01-05T00:00:00Z'), to: Date.parse('2026-02-25T00:00:00Z') });
    const mine = rows.map((r, i): HistoryRow => (i % 2 ? r : { ...r, externalId: `Z-${i}`, customer: WHO }));
    await recordHistory(deps, mine.slice(0, 130));
    await recordHistory(deps, mine.slice(130));
    let writes = 0;
    const crashing: Deps = {
      ...deps,
      atomic: async (s) => {
        // The erasure's own record, then two steps; the third step dies before it writes.
        if (++writes === 4) throw new Error('power cut');
        await deps.atomic(s);
        if (writes > 1) await expectRollupsExact(deps);
      },
    };
    await expect(eraseCustomer(crashing, { email: WHO.email }, { userId: 'admin' })).rejects.toThrow('power cut');
    expect(await deps.db.select().from(customerErasures)).toHaveLength(1);
    const left = await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE c.email = ${WHO.email}`);
    expect(left[0]!.n).toBeGreaterThan(0);
    expect(left[0]!.n).toBeLessThan(130);

    // Claimed by the request that crashed until its claim runs out; then the background work finishes it.
    expect((await runDueWork(deps, deps.clock())).erasures).toEqual({ steps: 0, finished: 0 });
    deps.advance(3 * 60_000);
    expect((await runDueWork(deps, deps.clock())).erasures.finished).toBe(1);
    expect(await deps.db.select().from(customerErasures)).toEqual([]);
    expect(await deps.db.all(sql`SELECT * FROM customers WHERE email = ${WHO.email}`)).toEqual([]);
    await expectRollupsExact(deps);
  });
});

describe('retention', () => {
  const NOW = Date.parse('2026-09-15T12:00:00Z');
  const seedYear = async (d: TestDeps) => {
    const rows = historyRows({ count: 600, seed: 4, from: Date.parse('2025-10-01T00:00:00Z'), to: Date.parse('2026-09-01T00:00:00Z') });
    for (let i = 0; i < rows.length; i += 150) await recordHistory(d, rows.slice(i, i + 150));
    // Theme phrases, as the analysis job stores them.
    await runDueWork(d, d.clock());
    return rows;
  };
  const oldest = (d: Deps, cutoff: number) => d.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM responses WHERE created_at < ${cutoff}`);

  it('deletes comments older than the months chosen, with their theme phrases, and leaves the scores', async () => {
    deps = makeTestDeps({ now: NOW });
    await seedYear(deps);
    expect(await deps.db.select().from(responsePhrases)).not.toHaveLength(0);
    const preview = await previewRetention(deps, 6);
    expect(preview.comments).toBeGreaterThan(10);
    const scores = await nonZeroCells(deps);
    const answers = (await oldest(deps, preview.cutoff))[0]!.n;

    expect(await applyRetention(deps, NOW)).toEqual({ comments: 0, answers: 0 }); // off by default
    await saveRetention(deps, 'admin', { mode: 'comments', months: 6 });
    expect(await applyRetention(deps, NOW)).toEqual({ comments: preview.comments, answers: 0 });

    expect(await deps.db.all(sql`SELECT id FROM responses WHERE created_at < ${preview.cutoff} AND (comment IS NOT NULL OR sentiment IS NOT NULL)`)).toEqual([]);
    expect(await deps.db.all(sql`SELECT p.response_id FROM response_phrases p JOIN responses r ON r.id = p.response_id WHERE r.created_at < ${preview.cutoff}`)).toEqual([]);
    expect((await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM responses WHERE comment IS NOT NULL`))[0]!.n).toBeGreaterThan(0);
    expect((await oldest(deps, preview.cutoff))[0]!.n).toBe(answers);
    // The scores stay; the analysed comments' counts go with the comments, exactly as a rebuild counts them.
    expect(withoutComments(await nonZeroCells(deps))).toEqual(withoutComments(scores));
    expect(commented(await nonZeroCells(deps))).toBeLessThan(commented(scores));
    await expectRollupsExact(deps);
    expect((await previewRetention(deps, 6)).comments).toBe(0);
    const audit = await deps.db.all<{ detail: string }>(sql`SELECT detail FROM audit_log WHERE action = 'retention.applied'`);
    expect(audit).toEqual([{ detail: `${preview.comments} comments older than 6 months` }]);
  });

  it('deletes whole answers older than the months chosen in batches, keeping the rollups exact', async () => {
    deps = makeTestDeps({ now: NOW, env: { TIME_ZONE: 'Europe/Madrid' } });
    await seedYear(deps);
    const preview = await previewRetention(deps, 4);
    expect(preview.answers).toBeGreaterThan(200); // more than one batch
    await saveRetention(deps, 'admin', { mode: 'responses', months: 4 });
    expect((await runDueWork(deps, NOW)).retention).toEqual({ comments: 0, answers: preview.answers });
    expect((await oldest(deps, preview.cutoff))[0]!.n).toBe(0);
    expect((await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM responses`))[0]!.n).toBeGreaterThan(0);
    await expectRollupsExact(deps);
  });

  it('keeps an old answer while its follow-up task is open, and deletes it with the task once closed', async () => {
    deps = makeTestDeps({ now: Date.parse('2026-01-10T10:00:00Z') });
    const ingested = await ingestInteraction(deps, ZInteractionInput.parse(interaction({ customer: WHO })));
    await answer(deps, await signLink(deps.config.appSecret, 'survey', ingested.surveyRequest.id, deps.clock()), 1, 'awful');
    const [task] = await deps.db.select().from(followups);
    expect(task).toBeDefined();
    deps.setNow(NOW);
    await saveRetention(deps, 'admin', { mode: 'responses', months: 3 });
    expect(await applyRetention(deps, NOW)).toEqual({ comments: 0, answers: 0 });
    await deps.db.update(followups).set({ status: 'resolved', closedAt: NOW }).where(eq(followups.id, task!.id));
    expect(await applyRetention(deps, NOW)).toEqual({ comments: 0, answers: 1 });
    expect(await deps.db.select().from(followups)).toEqual([]);
    await expectRollupsExact(deps);
  });
});
