// A history file on disk through the import, read as a stream (Node only: the CLI and the benchmark).
import type Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { bulkSettings, dropBulkIndexes, renewBulkHold, restoreBulkIndexes, wantsBulk } from '../db/bulkIndexes';
import { planImport, type PlanRequest } from '../domain/import/plan';
import type { Result } from '../domain/result';
import type { ImportReport, Plan } from '../services/importer/run';
import { importStream, type FileStart, type StreamOptions } from '../services/importer/stream';
import type { WriterDeps } from '../services/importer/write';

// Pieces of 1 MiB keep memory flat and the progress bar moving.
const PIECE = 1 << 20;

export async function importFile(
  deps: WriterDeps,
  path: string,
  request: PlanRequest,
  opts: Omit<StreamOptions, 'onProgress'> & {
    onPlan?: (plan: Plan, start: FileStart) => void;
    onProgress?: (fraction: number, report: ImportReport) => void;
    /** The SQLite file behind `deps`: a large import drops the indexes led by customer or agent and makes them again at the end (src/db/bulkIndexes.ts). */
    bulk?: { sqlite: Database.Database; onIndexes?: (count: number) => void; minRows?: number };
    /** Stops reading (the command line's Ctrl-C): rows written so far stay, dropped indexes are made again, and the import rejects with the signal's reason. */
    signal?: AbortSignal;
  },
): Promise<Result<ImportReport, string>> {
  const size = (await stat(path)).size;
  const bulk = opts.dryRun ? undefined : opts.bulk;
  // Indexes an import that crashed or was stopped left to be made again come back first.
  if (bulk) await restoreBulkIndexes(deps, deps.clock());
  let dropped = 0;
  let undoSettings = () => {};
  let bytes = 0;
  async function* pieces() {
    for await (const chunk of createReadStream(path, { highWaterMark: PIECE })) {
      opts.signal?.throwIfAborted();
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const decoder = new TextDecoder('utf-8');
  async function* text() {
    for await (const b of pieces()) yield decoder.decode(b, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  try {
    return await importStream(
      deps,
      text(),
      (start) => {
        const plan = planImport(request, { ...start, sample: start.sample.map((r) => r.values) });
        if (!plan.ok) return plan;
        opts.onPlan?.(plan.value, start);
        // The rows the file holds, estimated from the records in the bytes read so far.
        if (bulk && wantsBulk(bulk.sqlite, (size / Math.max(1, bytes)) * start.recordsRead, bulk.minRows)) {
          dropped = dropBulkIndexes(bulk.sqlite, deps.clock()).length;
          undoSettings = bulkSettings(bulk.sqlite);
        }
        return plan;
      },
      {
        ...opts,
        onProgress: (_chars, report) => {
          if (dropped) renewBulkHold(bulk!.sqlite, deps.clock());
          opts.onProgress?.(size === 0 ? 1 : bytes / size, report);
        },
      },
    );
  } finally {
    if (dropped) {
      bulk!.onIndexes?.(dropped);
      await restoreBulkIndexes(deps, 'all');
      undoSettings();
    }
  }
}
