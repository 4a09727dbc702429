// The score digest through the real Resend SDK against the local stand-in of its API: the charts
// arrive as inline attachments whose content ids the HTML names, and a provider outage is retried
// into exactly one email.
import { inflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scoreDigests } from '../../src/db/schema';
import { createResendMailer } from '../../src/mail/resend';
import { sendScoreDigests } from '../../src/services/digest/send';
import { createTestUser } from '../helpers/auth';
import { seedHistory } from '../helpers/dashboard';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { receivedEmails } from '../shared/resendInbox';
import { startResendServer, type ResendServer } from '../shared/resendServer';

let resend: ResendServer;
beforeAll(async () => {
  resend = await startResendServer();
});
afterAll(() => resend.close());

let deps: TestDeps;
afterEach(() => deps?.close());

const DAY = 86_400_000;
const MONDAY = Date.parse('2026-03-09T00:00:00Z');

describe('score digest through Resend', () => {
  it('sends the charts as inline PNG attachments named in the HTML, once, after an outage', async () => {
    deps = makeTestDeps({ now: MONDAY - 30 * DAY, mailer: () => createResendMailer({ apiKey: 're_test', baseUrl: resend.url }) });
    await seedHistory(deps, { count: 600, from: MONDAY - 28 * DAY, to: MONDAY - DAY, seed: 5 });
    const manager = await createTestUser(deps, { role: 'manager', teams: ['Tier 2'], email: 'lead@digest.example' });

    await fetch(`${resend.url}/_test/failures`, { method: 'POST', body: JSON.stringify([{ status: 503 }]) });
    const at = MONDAY + 9 * 3_600_000;
    expect(await sendScoreDigests(deps, at)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await receivedEmails(resend.url, manager.email)).toEqual([]);
    expect((await sendScoreDigests(deps, at + 2 * 60_000)).sent).toBe(1);
    await sendScoreDigests(deps, at + 3 * 60_000);

    const received = await receivedEmails(resend.url, manager.email);
    expect(received).toHaveLength(1);
    const email = received[0]!;
    expect(email.idempotencyKey).toBe(`score-digest/${manager.id}/weekly:2026-03-02`);
    expect(email.text).toContain('Teams: Tier 2');
    expect(email.attachments.map((a) => [a.filename, a.content_type, a.content_id])).toEqual([
      ['digest-trend.png', 'image/png', 'digest-trend'],
      ['digest-scores.png', 'image/png', 'digest-scores'],
    ]);
    for (const a of email.attachments) {
      expect(email.html).toContain(`src="cid:${a.content_id}"`);
      // The base64 the SDK sent is a whole PNG: signature, then IHDR of a 1052-px-wide image, pixels that inflate.
      const png = Buffer.from(a.content, 'base64');
      expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect(png.readUInt32BE(16)).toBe(1052);
      const idatLength = png.readUInt32BE(33);
      expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
      const pixels = inflateSync(png.subarray(41, 41 + idatLength));
      expect(pixels.length).toBe(png.readUInt32BE(20) * (1052 * 4 + 1));
    }
    const [row] = await deps.db.select().from(scoreDigests).where(eq(scoreDigests.userId, manager.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
