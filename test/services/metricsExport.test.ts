// The CSV export is streamed: rows are read and sent a page at a time, never all held at once.
import { expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv';
import { parseIsoDate } from '../../src/domain/period';
import { NO_FILTER } from '../../src/services/dashboard/counts';
import { EXPORT_COLUMNS, exportCsv } from '../../src/services/dashboard/export';
import { seedHistory } from '../helpers/dashboard';
import { makeTestDeps } from '../helpers/deps';

it('streams every matching response, a page per chunk, header first', async () => {
  const deps = makeTestDeps();
  try {
    const rows = await seedHistory(deps, { count: 60, from: Date.parse('2026-02-01T00:00:00Z'), to: Date.parse('2026-02-10T00:00:00Z') });
    const stream = exportCsv(deps, {
      scope: { kind: 'all' },
      filter: NO_FILTER,
      range: { from: parseIsoDate('2026-01-01')!, to: parseIsoDate('2026-03-01')! },
      survey: null,
      score: null,
      withComment: false,
    }, 10);
    const chunks: string[] = [];
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(decoder.decode(next.value));
    const answered = rows.filter((r) => r.response).length;
    expect(chunks[0]).toBe(`\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`);
    // One chunk for the header, then one per page of ten.
    expect(chunks.length).toBe(1 + Math.ceil(answered / 10));
    const [header, ...records] = [...parseCsv(chunks.join(''))];
    expect(header!.fields).toEqual([...EXPORT_COLUMNS]);
    expect(records).toHaveLength(answered);
    const comments = new Set(rows.flatMap((r) => (r.response?.comment ? [r.response.comment] : [])));
    const col = EXPORT_COLUMNS.indexOf('comment');
    expect(new Set(records.map((r) => r.fields[col]).filter(Boolean))).toEqual(comments);
  } finally {
    deps.close();
  }
});
