// Each provider's export, in its own shape, read through its preset: which rows come in, on which
// scale, and which are refused and why. Pure: no database.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planImport } from '../../src/domain/import/plan';
import { checkRecord, derivedExternalId, parseInstant, UNASSIGNED } from '../../src/domain/import/row';
import { detectFormat, readerFor, SourceError, type SourceRecord } from '../../src/domain/import/sources';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const ctx = { channels: ['email', 'chat', 'phone', 'social', 'messaging', 'other'], timeZone: 'UTC', now: NOW };

/** A file read in pieces of `piece` characters, as an upload or a stream arrives. */
function read(text: string, piece = 7): { format: 'csv' | 'json'; columns: string[]; records: SourceRecord[] } {
  const format = detectFormat(text);
  const reader = readerFor(format);
  const records: SourceRecord[] = [];
  for (let i = 0; i < text.length; i += piece) records.push(...reader.push(text.slice(i, i + piece)));
  records.push(...reader.end());
  return { format, columns: reader.columns(), records };
}
const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

function importOf(name: string, req: Parameters<typeof planImport>[0] = {}) {
  const file = read(fixture(name));
  const plan = planImport(req, { ...file, sample: file.records.map((r) => r.values) });
  if (!plan.ok) throw new Error(plan.error);
  const checks = file.records.map((r) => checkRecord(r.values, plan.value.mapping, plan.value.preset, ctx));
  return { plan: plan.value, checks, rows: checks.map((c) => c.row) };
}

describe('Delighted', () => {
  it('reads the API JSON (pages one after another) with people, properties, tags and additional answers', () => {
    const { plan, checks, rows } = importOf('delighted.json');
    expect(plan.preset.name).toBe('delighted');
    expect(rows[0]).toMatchObject({
      externalId: '3001',
      survey: 'nps',
      score: 9,
      customerEmail: 'ana@customer.example',
      customerName: 'Ana Ruiz',
      agentEmail: 'zoe@support.example',
      agentName: 'Zoe Park',
      team: 'Billing',
      channel: 'chat',
      tags: ['billing', 'vip'],
      respondedAt: 1713418460_000,
    });
    expect(checks[1]!.unknownChannel).toBe('whatsapp');
    expect(rows[1]!.channel).toBe('other');
    expect(checks[2]!.problems).toEqual([{ field: 'survey', message: 'product/market fit answers have no CSAT, NPS or CES equivalent' }]);
    // Milliseconds and seconds both read as the same kind of instant.
    expect(rows[3]).toMatchObject({ survey: 'csat', score: 4, respondedAt: 1713420999000, agentEmail: UNASSIGNED.email });
    expect(checks[3]!.unassigned).toBe(true);
  });

  it('maps a person property to any field, and refuses a score off the scale', () => {
    const { rows } = importOf('delighted.json', { map: ['external_id=person_properties.Ticket'] });
    expect(rows[0]!.externalId).toBe('T-1001');
    const csv = importOf('delighted.csv');
    expect(csv.plan.preset.name).toBe('delighted');
    expect(csv.rows[0]).toMatchObject({ externalId: '5001', score: 10, survey: 'nps', tags: ['shipping', 'vip'], respondedAt: Date.parse('2024-04-18T05:34:20Z') });
    // An agent known only by name gets a stable placeholder address.
    expect(csv.rows[0]!.agentEmail).toBe('zoe-park@agents.heard.invalid');
    expect(csv.checks[2]!.problems[0]).toEqual({ field: 'score', message: '“11” is not a whole number on the nps scale' });
  });
});

describe('Nicereply', () => {
  it('puts the 3-point scale on CSAT 1, 3, 5 and names the scale it detected', () => {
    const { plan, rows } = importOf('nicereply.csv');
    expect(plan.preset.name).toBe('nicereply-3');
    expect(rows.map((r) => r && [r.externalId, r.survey, r.score])).toEqual([
      ['NR-1', 'csat', 5],
      ['NR-2', 'csat', 1],
      ['NR-3', 'csat', 3],
    ]);
  });

  it('puts the 2-point scale on CSAT 1 and 5; the 10-point scale on NPS', () => {
    const two = importOf('nicereply.csv', { preset: 'nicereply-2' });
    expect(two.rows.map((r) => r?.score ?? null)).toEqual([null, 1, 5]);
    const ten = importOf('nicereply.csv', { preset: 'nicereply-10' });
    expect(ten.rows.map((r) => r && [r.survey, r.score])).toEqual([
      ['nps', 3],
      ['nps', 1],
      ['nps', 2],
    ]);
  });

  it('refuses a scale Heard cannot represent exactly, with the reason', () => {
    const file = read(fixture('nicereply.csv'));
    const refused = planImport({ preset: 'nicereply-10', set: ['survey=csat'] }, { ...file, sample: [] });
    expect(refused).toEqual({ ok: false, error: 'Nicereply, 10-point scale: survey: a 10-point score has no exact place on the csat scale; import it as nps' });
    expect(planImport({ preset: 'nicereply-2', set: ['survey=nps'] }, { ...file, sample: [] }).ok).toBe(false);
  });
});

describe('Zendesk and Help Scout', () => {
  it('reads good/bad as CSAT 5/1, keeps the bad reason as a tag and skips unanswered offers', () => {
    const { plan, checks, rows } = importOf('zendesk.csv');
    expect(plan.preset.name).toBe('zendesk');
    expect(rows[0]).toMatchObject({ externalId: 'ZD-501', survey: 'csat', score: 5, team: 'Tier 1', agentEmail: 'lee@support.example' });
    expect(rows[1]).toMatchObject({ score: 1, tags: ['Issue took too long to resolve'] });
    expect(checks[2]!.problems).toEqual([{ field: 'score', message: 'the survey was offered but not answered' }]);
  });

  it('reads great/okay/not good as CSAT 5/3/1 and refuses other words', () => {
    const { plan, checks, rows } = importOf('helpscout.csv');
    expect(plan.preset.name).toBe('helpscout');
    expect(rows.slice(0, 3).map((r) => r!.score)).toEqual([5, 3, 1]);
    expect(rows[1]!.respondedAt).toBe(1714651200_000);
    expect(checks[3]!.problems[0]!.message).toBe('“Meh” is not one of great, okay, not good, bad');
  });
});

describe('rows', () => {
  it('gives a row without an id the same derived id every time', () => {
    const values = { customer_email: 'a@b.example', responded_at: '2025-01-01', score: '5', survey: 'csat' };
    expect(derivedExternalId(values)).toBe(derivedExternalId({ ...values }));
    expect(derivedExternalId(values)).not.toBe(derivedExternalId({ ...values, score: '4' }));
    expect(derivedExternalId(values)).toMatch(/^import-[0-9a-f]{32}$/);
  });

  it('reads Unix seconds, milliseconds and ISO dates; refuses the future', () => {
    expect(parseInstant('1713418460', 'UTC')).toBe(1713418460_000);
    expect(parseInstant('1713418460123', 'UTC')).toBe(1713418460123);
    expect(parseInstant('2024-04-18 05:34:20 UTC', 'UTC')).toBe(Date.parse('2024-04-18T05:34:20Z'));
    const file = read('external_id,responded_at,customer_email,survey,score\nX,2027-01-01T00:00:00Z,a@b.example,csat,5\n');
    const plan = planImport({}, { ...file, sample: [] });
    expect(plan.ok && checkRecord(file.records[0]!.values, plan.value.mapping, plan.value.preset, ctx).problems).toEqual([{ field: 'responded_at', message: 'is in the future' }]);
  });

  it('says which fields nothing is mapped to', () => {
    const file = read('id,when\n1,2025-01-01\n');
    expect(planImport({}, { ...file, sample: [] })).toEqual({ ok: false, error: 'nothing is mapped to customer_email, score, responded_at or closed_at' });
    expect(planImport({ map: ['score=missing'] }, { ...file, sample: [] })).toEqual({ ok: false, error: '--map score: the file has no column "missing"' });
  });

  it('refuses malformed JSON and endless records instead of buffering them', () => {
    expect(() => read('[{"id": 1}, {"id": ')).toThrow(SourceError);
    expect(() => read('[{"id": 1}] trailing')).toThrow('neither CSV nor');
    const reader = readerFor('csv');
    reader.push('a,b\n');
    expect(() => reader.push(`"${'x'.repeat(1_000_001)}`)).toThrow(SourceError);
  });
});
