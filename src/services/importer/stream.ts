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
  /** Called after each piece with the characters read so far and the report. */
  onProgress?: (charsRead: number, report: ImportReport) => void;
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
  let reader: ReturnType<typeof readerFor> | null = null;
  let format: SourceFormat = 'csv';
  let run: ImportRun | null = null;
  let held: SourceRecord[] = [];
  let chars = 0;
  const start = async (): Promise<Result<true, string>> => {
    const plan = choose({ format, columns: reader!.columns(), sample: held.slice(0, SAMPLE_ROWS), recordsRead: held.length });
    if (!plan.ok) return plan;
    run = new ImportRun(deps, plan.value, opts);
    await run.add(held);
    held = [];
    return ok(true);
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
      if (run) await (run as ImportRun).add(records);
      else {
        held.push(...records);
        if (held.length >= SAMPLE_ROWS) {
          const started = await start();
          if (!started.ok) return started;
        }
      }
      if (run) opts.onProgress?.(chars, (run as ImportRun).report);
    }
    if (!reader) return err('the file is empty');
    const rest = reader.end();
    if (run) await (run as ImportRun).add(rest);
    else {
      held.push(...rest);
      if (reader.columns().length === 0) return err('the file is empty');
      const started = await start();
      if (!started.ok) return started;
    }
    const finished = run as unknown as ImportRun;
    await finished.flush();
    opts.onProgress?.(chars, finished.report);
    return ok(finished.report);
  } catch (error) {
    if (error instanceof SourceError) return err(error.message);
    throw error;
  }
}
