// A whole file through an import as it streams in: the first records decide the format and the
// mapping (and make the preview), the rest flow through in batches with one piece in memory.
import { err, ok, type Result } from '../../domain/result';
import { detectFormat, readerFor, SourceError, type SourceFormat, type SourceRecord } from '../../domain/import/sources';
import { ImportRun, type ImportReport, type Plan, type RunOptions } from './run';
import type { WriterDeps } from './write';

export const SAMPLE_ROWS = 20;

export interface FileStart {
  format: SourceFormat;
  columns: string[];
  sample: SourceRecord[];
  /** Records read so far (the first pieces of the file). */
  recordsRead: number;
}

export interface StreamOptions extends RunOptions {
  /** Called after each piece with the characters read so far and the report; a promise it returns is awaited. */
  onProgress?: (charsRead: number, report: ImportReport) => unknown;
}

/** What reading a file hands on: `start` once with the first records (its result stops the read if not ok), then each later piece's records. */
export interface RecordSink {
  start(start: FileStart, held: SourceRecord[]): Promise<Result<true, string>>;
  take(records: SourceRecord[], chars: number): Promise<void>;
}

/**
 * Reads `pieces` into records: the first records decide the format and wait for the plan (the
 * sink's start), then each piece's records go to the sink as they complete. Used by the import
 * itself and by the command line's reading thread (src/entry/importReader.ts).
 */
export async function readRecords(pieces: AsyncIterable<string>, sink: RecordSink): Promise<Result<number, string>> {
  let reader: ReturnType<typeof readerFor> | null = null;
  let format: SourceFormat = 'csv';
  let started = false;
  let held: SourceRecord[] = [];
  let chars = 0;
  const start = () => {
    started = true;
    const records = held;
    held = [];
    return sink.start({ format, columns: reader!.columns(), sample: records.slice(0, SAMPLE_ROWS), recordsRead: records.length }, records);
  };
  try {
    for await (const piece of pieces) {
      if (!reader) {
        if (piece.trim() === '') continue;
        format = detectFormat(piece);
        reader = readerFor(format);
      }
      chars += piece.length;
      const records = reader.push(piece);
      if (started) await sink.take(records, chars);
      else {
        held.push(...records);
        if (held.length >= SAMPLE_ROWS) {
          const s = await start();
          if (!s.ok) return s;
        }
      }
    }
    if (!reader) return err('the file is empty');
    const rest = reader.end();
    if (started) await sink.take(rest, chars);
    else {
      held.push(...rest);
      if (reader.columns().length === 0) return err('the file is empty');
      const s = await start();
      if (!s.ok) return s;
    }
    return ok(chars);
  } catch (error) {
    if (error instanceof SourceError) return err(error.message);
    throw error;
  }
}

/**
 * Reads `pieces` into an import. `choose` sees the format, columns and first records and returns
 * the plan, or why the file cannot be imported.
 */
export async function importStream(
  deps: WriterDeps,
  pieces: AsyncIterable<string>,
  choose: (start: FileStart) => Result<Plan, string>,
  opts: StreamOptions,
): Promise<Result<ImportReport, string>> {
  let run: ImportRun | null = null;
  const read = await readRecords(pieces, {
    start: async (start, held) => {
      const plan = choose(start);
      if (!plan.ok) return plan;
      run = new ImportRun(deps, plan.value, opts);
      await run.add(held);
      return ok(true);
    },
    take: async (records, chars) => {
      await run!.add(records);
      await opts.onProgress?.(chars, run!.report);
    },
  });
  if (!read.ok) return read;
  const finished = run as unknown as ImportRun;
  await finished.flush();
  await opts.onProgress?.(read.value, finished.report);
  return ok(finished.report);
}
