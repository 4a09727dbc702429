// The score digest through runDueWork on a real SQLite file: who gets it, when, once per period,
// in which language, with which numbers, and when it is skipped or retried.
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreDigests, users } from '../../src/db/schema';
import { weekOf, weekStart } from '../../src/domain/period';
import { dayNumber } from '../../src/domain/timeZone';
import { runDueWork } from '../../src/services/dispatch';
import { sendDigestPreview, sendScoreDigests } from '../../src/services/digest/send';
import { createTestUser } from '../helpers/auth';
import { expectedFor, seedHistory } from '../helpers/dashboard';
import { makeTestDeps, type CapturingMailer, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;
// Monday 9 March 2026: the weekly digest covers Monday 2 to Sunday 8 March.
const MONDAY = Date.parse('2026-03-09T00:00:00Z');
const LAST_WEEK = { from: dayNumber(Date.parse('2026-03-02T00:00:00Z'), 'UTC'), to: dayNumber(Date.parse('2026-03-08T00:00:00Z'), 'UTC') };
const sent = () => (deps.mailer as CapturingMailer).sent.filter((e) => e.idempotencyKey.startsWith('score-digest/'));
const to = (email: string) => sent().filter((e) => e.to === email);

async function setup() {
  deps = makeTestDeps({ now: MONDAY - 30 * DAY });
  const rows = await seedHistory(deps, { count: 500, from: MONDAY - 28 * DAY, to: MONDAY - DAY, seed: 11 });
  const tier1 = await createTestUser(deps, { role: 'manager', teams: ['Tier 1'], name: 'Mia' });
  const billing = await createTestUser(deps, { role: 'manager', teams: ['Billing'] });
  const quiet = await createTestUser(deps, { role: 'manager', teams: ['Night shift'] });
  const admin = await createTestUser(deps, { role: 'admin' });
  await deps.db.update(users).set({ locale: 'es' }).where(eq(users.id, billing.id));
  return { rows, tier1, billing, quiet, admin };
}

describe('score digest', { timeout: 60_000 }, () => {
  it('goes to each manager once per week from Monday 08:00, however often and concurrently runDueWork runs', async () => {
    const { tier1, billing, admin } = await setup();
    await runDueWork(deps, MONDAY + 7 * 3_600_000 + 59 * 60_000);
    expect(sent()).toHaveLength(0);

    const at8 = MONDAY + 8 * 3_600_000;
    await Promise.all([runDueWork(deps, at8), runDueWork(deps, at8), runDueWork(deps, at8 + 1000)]);
    await runDueWork(deps, at8 + 3_600_000);
    await runDueWork(deps, MONDAY + 3 * DAY);
    expect(sent().map((e) => [e.to, e.idempotencyKey]).sort()).toEqual(
      [
        [tier1.email, `score-digest/${tier1.id}/weekly:2026-03-02`],
        [billing.email, `score-digest/${billing.id}/weekly:2026-03-02`],
      ].sort(),
    );
    // Admins only when they ask for it.
    expect(to(admin.email)).toEqual([]);
  });

  it('counts only the manager’s teams, the numbers the dashboard shows', async () => {
    const { rows, tier1 } = await setup();
    await runDueWork(deps, MONDAY + 9 * 3_600_000);
    const [email] = to(tier1.email);
    const expected = expectedFor(rows, 'UTC', LAST_WEEK, (r) => r.team === 'Tier 1');
    const csat = expected.answers.csat.reduce((a, b) => a + b, 0);
    const satisfied = expected.answers.csat[4]! + expected.answers.csat[5]!;
    expect(email!.text).toContain('Teams: Tier 1\n');
    expect(email!.text).toMatch(new RegExp(`- CSAT: ${((100 * satisfied) / csat).toFixed(1)}% \\(95% interval: [^)]+\\) · [^·]+ · Answers: ${csat}\\n`));
    expect(email!.text).not.toContain('Billing');
    expect(email!.subject).toMatch(/^Your weekly scores: Mar 2\s–\s8, 2026$/);
    // Links into Heard: the dashboard filtered to the week and the team, and the follow-up inbox.
    expect(email!.html).toMatch(/href="http:\/\/heard\.test\/\?from=2026-03-02&amp;to=2026-03-08&amp;team=[^"]+"/);
    expect(email!.html).toContain('href="http://heard.test/follow-ups"');
  });

  it('speaks the manager’s language', async () => {
    const { billing } = await setup();
    await runDueWork(deps, MONDAY + 9 * 3_600_000);
    const [email] = to(billing.email);
    expect(email!.subject).toMatch(/^Tus resultados de la semana: /);
    expect(email!.html).toContain('<html lang="es"');
    expect(email!.text).toContain('Equipos: Billing');
  });

  it('sends charts as inline PNGs the HTML names by cid, each with alt text and its labels in the HTML', async () => {
    const { tier1 } = await setup();
    await runDueWork(deps, MONDAY + 9 * 3_600_000);
    const [email] = to(tier1.email);
    expect(email!.inline?.map((i) => [i.contentId, i.contentType])).toEqual([
      ['digest-trend', 'image/png'],
      ['digest-scores', 'image/png'],
    ]);
    for (const img of email!.inline!) {
      expect([...img.content.subarray(0, 4)]).toEqual([137, 80, 78, 71]);
      expect(email!.html).toMatch(new RegExp(`<img src="cid:${img.contentId}"[^>]* alt="[^"]{20,}"`));
    }
    expect(email!.html).not.toContain('data:image');
    expect(email!.html).not.toContain('<svg');
  });

  it('skips a period with nothing to say, and records it so later runs do not look again', async () => {
    const { quiet } = await setup();
    await runDueWork(deps, MONDAY + 9 * 3_600_000);
    expect(to(quiet.email)).toEqual([]);
    const [row] = await deps.db.select().from(scoreDigests).where(eq(scoreDigests.userId, quiet.id));
    expect(row).toMatchObject({ period: 'weekly:2026-03-02', status: 'skipped' });
  });

  it('tries again after a backoff when the provider fails, with the same idempotency key', async () => {
    const { tier1 } = await setup();
    await deps.db.update(users).set({ digest: 'off' }).where(sql`${users.id} <> ${tier1.id}`);
    const mailer = deps.mailer as CapturingMailer;
    mailer.queue.push({ ok: false, retryable: true, error: '503: busy' });
    const at = MONDAY + 9 * 3_600_000;
    // The digest step alone: other steps of runDueWork (the follow-up digest) would take the failure.
    await sendScoreDigests(deps, at);
    expect(sent()).toHaveLength(0);
    const [waiting] = await deps.db.select().from(scoreDigests).where(eq(scoreDigests.userId, tier1.id));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: '503: busy' });
    await sendScoreDigests(deps, at + 30_000); // still backing off
    expect(sent()).toHaveLength(0);
    await sendScoreDigests(deps, at + 61_000);
    expect(sent().map((e) => e.idempotencyKey)).toEqual([`score-digest/${tier1.id}/weekly:2026-03-02`]);
    const [done] = await deps.db.select().from(scoreDigests).where(eq(scoreDigests.userId, tier1.id));
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends a daily digest of yesterday to an admin who asked for one, at their hour', async () => {
    const { admin } = await setup();
    await deps.db.update(users).set({ digest: 'daily', digestHour: 6 }).where(eq(users.id, admin.id));
    const tuesday = MONDAY - 6 * DAY; // Tuesday 3 March: the digest covers Monday 2 March
    await runDueWork(deps, tuesday + 5 * 3_600_000);
    expect(to(admin.email)).toEqual([]);
    await runDueWork(deps, tuesday + 6 * 3_600_000);
    await runDueWork(deps, tuesday + 7 * 3_600_000);
    expect(to(admin.email).map((e) => [e.idempotencyKey, e.subject])).toEqual([[`score-digest/${admin.id}/daily:2026-03-02`, 'Your scores for Mar 2, 2026']]);
    expect(to(admin.email)[0]!.text).toContain('All teams');
  });

  it('sends a preview to the person asking, once per minute however often they press', async () => {
    const { tier1 } = await setup();
    const now = MONDAY + 10 * 3_600_000;
    deps.setNow(now);
    const first = await sendDigestPreview(deps, tier1.id, now);
    await sendDigestPreview(deps, tier1.id, now + 5_000);
    expect(first?.result.ok).toBe(true);
    const previews = (deps.mailer as CapturingMailer).sent.filter((e) => e.idempotencyKey.startsWith('score-digest-preview/'));
    expect(new Set(previews.map((p) => p.idempotencyKey)).size).toBe(1);
    expect(previews[0]!.to).toBe(tier1.email);
  });

  it('covers the calendar week before, whichever weekday is chosen', async () => {
    const { tier1 } = await setup();
    await deps.db.update(users).set({ digestWeekday: 3 }).where(eq(users.id, tier1.id)); // Wednesday
    const wednesday = MONDAY + 2 * DAY;
    await runDueWork(deps, MONDAY + 9 * 3_600_000);
    expect(to(tier1.email)).toEqual([]);
    await runDueWork(deps, wednesday + 9 * 3_600_000);
    expect(to(tier1.email).map((e) => e.idempotencyKey)).toEqual([`score-digest/${tier1.id}/weekly:2026-03-02`]);
    expect(weekStart(weekOf(LAST_WEEK.to))).toBe(LAST_WEEK.from);
  });
});
