// A history file on disk through the import, read as a stream (Node only: the CLI and the benchmark).
// A large file is read, parsed and checked on a worker thread (./importReader.ts) while this thread writes.
import type Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { BULK_BACKSTOP_PAGES, bulkSettings, renewBulkHold, restoreBulkIndexes, startBulk, wantsBulk } from '../db/bulkMode';
import { checkpointInBackground } from '../db/checkpoints';
import { planImport, type PlanRequest } from '../domain/import/plan';
import { ok, type Result } from '../domain/result';
import { BulkCells } from '../services/importer/bulkCells';
import { ImportRun, type ImportReport, type Plan } from '../services/importer/run';
import { importStream, type FileStart, type StreamOptions } from '../services/importer/stream';
import type { WriterDeps } from '../services/importer/write';
import { unpackChecks } from './checkedRows';
import type { FromReader, ReaderData, ToReader } from './importReader';

// Pieces of 1 MiB keep memory flat and the progress bar moving.
const PIECE = 1 << 20;
/** Files from this size are read and checked on a second thread (./importReader.ts); smaller ones are done before it would start. */
export const READER_THREAD_BYTES = 4 << 20;

export async function importFile(
  deps: WriterDeps,
  path: string,
  request: PlanRequest,
  opts: Omit<StreamOptions, 'onProgress' | 'bulkCells'> & {
    onPlan?: (plan: Plan, start: FileStart) => void;
    onProgress?: (fraction: number, report: ImportReport) => unknown;
    /**
     * The SQLite file behind `deps`: a large import drops the indexes led by customer or agent and
     * sums the rollup cells across batches, and writes both at the end (src/db/bulkMode.ts);
     * `maxSummed` bounds the cells summed before they are written.
     */
    bulk?: { sqlite: Database.Database; onIndexes?: (count: number) => void; onRollups?: () => void; minRows?: number; maxSummed?: number };
    /** Stops reading (the command line's Ctrl-C): rows written so far stay, dropped indexes are made again, and the import rejects with the signal's reason. */
    signal?: AbortSignal;
    /** Read and check on a second thread (default: files of READER_THREAD_BYTES and more). */
    readerThread?: boolean;
  },
): Promise<Result<ImportReport, string>> {
  const size = (await stat(path)).size;
  const bulk = opts.dryRun ? undefined : opts.bulk;
  // Indexes an import that crashed or was stopped left to be made again come back first.
  if (bulk) await restoreBulkIndexes(deps, deps.clock());
  let cells = null as BulkCells | null;
  let dropped = 0;
  let undoSettings = async () => {};
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
  const choose = (start: FileStart) => {
    const plan = planImport(request, { ...start, sample: start.sample.map((r) => r.values) });
    if (!plan.ok) return plan;
    opts.onPlan?.(plan.value, start);
    // The rows the file holds, estimated from the records in the bytes read so far.
    if (bulk && wantsBulk(bulk.sqlite, (size / Math.max(1, bytes)) * start.recordsRead, bulk.minRows)) {
      const started = startBulk(bulk.sqlite, deps.clock(), deps.config.timeZone);
      dropped = started.dropped.length;
      cells = streamOpts.bulkCells = new BulkCells(deps, opts.maxParams, started.exactAt, bulk.maxSummed);
      undoSettings = bulkWrites(bulk.sqlite);
    }
    return plan;
  };
  const streamOpts: StreamOptions = {
    ...opts,
    onProgress: (_chars, report) => {
      if (cells) renewBulkHold(bulk!.sqlite, deps.clock());
      return opts.onProgress?.(size === 0 ? 1 : bytes / size, report);
    },
  };
  try {
    if (opts.readerThread ?? size >= READER_THREAD_BYTES) {
      return await importInThread(deps, { path, pieceBytes: PIECE }, choose, streamOpts, (read) => (bytes = read), opts.signal);
    }
    return await importStream(deps, text(), choose, streamOpts);
  } finally {
    if (cells) {
      try {
        if (dropped) bulk!.onIndexes?.(dropped);
        await restoreBulkIndexes(deps, 'all');
        // The rows written so far, stopped or not, get their cells, and the hold ends.
        bulk!.onRollups?.();
        await cells.finish();
      } finally {
        // Whatever failed above is left to the holds running out; the checkpoint thread must stop.
        await undoSettings();
      }
    }
  }
}

/** How often a bulk import's checkpoints run. */
const BULK_CHECKPOINT_MS = 200;

/**
 * Bulk mode's connection settings (src/db/bulkMode.ts) and, for a file, the WAL copied into it
 * by a thread of its own (src/db/checkpoints.ts) in parallel with the writes; returns what stops
 * the thread and puts the settings back.
 */
export function bulkWrites(sqlite: Database.Database): () => Promise<void> {
  const undo = bulkSettings(sqlite);
  const checkpointer = sqlite.memory ? null : checkpointInBackground(sqlite, sqlite.name, BULK_CHECKPOINT_MS, BULK_BACKSTOP_PAGES);
  return async () => {
    await checkpointer?.stop();
    undo();
  };
}

/**
 * The import with reading, parsing and checking on a worker thread and the writes here: the
 * thread sends the first records, gets the plan back, then sends checked pieces a few ahead.
 */
async function importInThread(
  deps: WriterDeps,
  data: ReaderData,
  choose: (start: FileStart) => Result<Plan, string>,
  opts: StreamOptions,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<Result<ImportReport, string>> {
  const worker = startReader(data);
  const send = (m: ToReader) => worker.postMessage(m);
  const messages: FromReader[] = [];
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  worker.on('message', (m: FromReader) => (messages.push(m), wake?.()));
  worker.on('error', (error) => ((failure = error), wake?.()));
  worker.on('exit', (code) => ((failure ??= new Error(`the reading thread stopped (exit code ${code})`)), wake?.()));
  signal?.addEventListener('abort', () => wake?.());
  let run: ImportRun | null = null;
  try {
    for (;;) {
      while (messages.length === 0) {
        signal?.throwIfAborted();
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      signal?.throwIfAborted();
      const m = messages.shift()!;
      if (m.type === 'start') {
        onBytes(m.bytes);
        const plan = choose(m.start);
        if (!plan.ok) {
          send({ type: 'stop' });
          return plan;
        }
        run = new ImportRun(deps, plan.value, opts);
        send({ type: 'plan', preset: plan.value.preset.name, mapping: plan.value.mapping, now: opts.now, timeZone: deps.config.timeZone });
      } else if (m.type === 'checked') {
        await run!.addChecked(m.lines, unpackChecks(m.checks));
        send({ type: 'written' });
        onBytes(m.bytes);
        await opts.onProgress?.(0, run!.report);
      } else {
        if (!m.result.ok) return m.result;
        await run!.flush();
        await opts.onProgress?.(0, run!.report);
        return ok(run!.report);
      }
    }
  } finally {
    await worker.terminate();
  }
}

// Heard runs its TypeScript through tsx; a worker thread starts without the parent's loader, so it
// registers tsx before loading the reader.
const READER = `
const { workerData } = require('node:worker_threads');
(workerData.tsx ? import(workerData.tsx).then((m) => m.register()) : Promise.resolve()).then(() => import(workerData.url));
`;

function startReader(data: ReaderData): Worker {
  const url = new URL(`./importReader${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  const tsx = url.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null;
  return new Worker(READER, { eval: true, workerData: { ...data, url, tsx } });
}
