// A history file on disk through the import, read as a stream (Node only: the CLI and the benchmark).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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
  },
): Promise<Result<ImportReport, string>> {
  const size = (await stat(path)).size;
  let bytes = 0;
  async function* pieces() {
    for await (const chunk of createReadStream(path, { highWaterMark: PIECE })) {
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
  return importStream(
    deps,
    text(),
    (start) => {
      const plan = planImport(request, { ...start, sample: start.sample.map((r) => r.values) });
      if (plan.ok) opts.onPlan?.(plan.value, start);
      return plan;
    },
    { ...opts, onProgress: (_chars, report) => opts.onProgress?.(size === 0 ? 1 : bytes / size, report) },
  );
}
