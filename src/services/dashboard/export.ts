// The filtered responses as a CSV download: streamed a page at a time (any size, little memory),
// UTF-8 with a byte-order mark so spreadsheet tools read accents and Chinese right, RFC 4180
// quoting. The first columns are those `heard import` reads, so an export imports elsewhere.
import type { Deps } from '../../deps';
import type { ResponseRow } from '../../db/queries/findResponses';
import { csvField, csvRow, UTF8_BOM } from '../../domain/csv';
import { IMPORT_COLUMNS } from '../../domain/importRow';
import { parseReasonKeys } from '../answerDetails';
import { allDashboardResponses, type ResponseListQuery } from './responseList';

export const EXPORT_COLUMNS = [...IMPORT_COLUMNS, 'customer_name', 'tags', 'source', 'reasons', 'resolved'] as const;

const iso = (ms: number) => new Date(ms).toISOString();

function line(r: ResponseRow): string {
  let tags = '';
  try {
    tags = (JSON.parse(r.tags) as string[]).join(';');
  } catch {
    // a malformed tag list exports as empty rather than breaking the file
  }
  return csvRow([
    csvField(r.externalId, { text: true }),
    csvField(iso(r.closedAt)),
    csvField(iso(r.createdAt)),
    csvField(r.agentEmail, { text: true }),
    csvField(r.agentName, { text: true }),
    csvField(r.teamName, { text: true }),
    csvField(r.channel),
    csvField(r.customerEmail, { text: true }),
    csvField(r.survey),
    csvField(r.score),
    csvField(r.comment, { text: true }),
    csvField(r.customerName, { text: true }),
    csvField(tags, { text: true }),
    csvField(r.source),
    csvField(parseReasonKeys(r.reasons).join(';'), { text: true }),
    csvField(r.resolved === null ? '' : r.resolved ? 'yes' : 'no'),
  ]);
}

/** Rows are encoded in batches: one chunk per page read keeps the stream cheap. */
export function exportCsv(deps: Pick<Deps, 'db' | 'config'>, q: Omit<ResponseListQuery, 'cursor' | 'limit'>, pageSize = 500): ReadableStream<Uint8Array> {
  const rows = allDashboardResponses(deps, q, pageSize);
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + csvRow([...EXPORT_COLUMNS])));
        return;
      }
      let chunk = '';
      for (let i = 0; i < pageSize; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += line(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
