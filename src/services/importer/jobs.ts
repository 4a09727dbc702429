// Import jobs: an uploaded file is read once into chunks of records stored in the database (so
// either runtime can pick the work up later, and no request runs for minutes), previewed, and
// after confirmation written chunk by chunk by runDueWork and by the page that watches it. Each
// chunk's rows, the job's progress and the chunk's removal are one atomic write.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { importChunks, importJobs, IMPORT_JOB_STATUSES } from '../../db/schema';
import type { Deps, Statement } from '../../deps';
import type { Mapping } from '../../domain/import/fields';
import { missingFields } from '../../domain/import/plan';
import { checkScale, detectPreset, presetMapping, presetNamed, type Preset } from '../../domain/import/presets';
import type { RowCheck } from '../../domain/import/row';
import { detectFormat, readerFor, SourceError, type SourceFormat, type SourceRecord } from '../../domain/import/sources';
import { err, ok, type Result } from '../../domain/result';
import { D1_MAX_PARAMS, timeOrderedIds } from '../import';
import { ErasedAddresses } from './erased';
import { checkPlanned, D1_BATCH, emptyReport, ImportRun, type ImportReport } from './run';
import { SAMPLE_ROWS } from './stream';

export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export interface ImportJob {
  id: string;
  status: ImportJobStatus;
  fileName: string;
  format: SourceFormat;
  columns: string[];
  preset: Preset;
  mapping: Mapping;
  totalRows: number;
  doneRows: number;
  report: ImportReport;
  error: string | null;
  createdAt: number;
}

// A chunk stays well under D1's 1 MB statement and 2 MB row limits.
const CHUNK_ROWS = 500;
const CHUNK_CHARS = 400_000;
/** A step owns its job this long; a crashed step's job is picked up again after it. */
const CLAIM_MS = 60_000;
/** Previews nobody confirmed are dropped (with their rows) after a day. */
const PREVIEW_TTL_MS = 86_400_000;

type JobRow = typeof importJobs.$inferSelect;
const toJob = (r: JobRow): ImportJob => ({
  id: r.id,
  status: r.status,
  fileName: r.fileName,
  format: r.format,
  columns: JSON.parse(r.columns) as string[],
  preset: presetNamed(r.preset) ?? presetNamed('heard')!,
  mapping: JSON.parse(r.mapping) as Mapping,
  totalRows: r.totalRows,
  doneRows: r.doneRows,
  report: JSON.parse(r.report) as ImportReport,
  error: r.error,
  createdAt: r.createdAt,
});

export async function getImportJob(deps: Pick<Deps, 'db'>, id: string): Promise<ImportJob | null> {
  const [row] = await deps.db.select().from(importJobs).where(eq(importJobs.id, id));
  return row ? toJob(row) : null;
}

export async function getImportJobs(deps: Pick<Deps, 'db'>, limit = 10): Promise<ImportJob[]> {
  const rows = await deps.db.select().from(importJobs).orderBy(desc(importJobs.createdAt)).limit(limit);
  return rows.map(toJob);
}

/** Reads an uploaded file into a new job's chunks and proposes a mapping. */
export async function createImportJob(
  deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>,
  upload: { name: string; text: ReadableStream<string> },
  createdBy: string | null,
): Promise<Result<ImportJob, string>> {
  const id = deps.newId();
  const now = deps.clock();
  let reader: ReturnType<typeof readerFor> | null = null;
  let format: SourceFormat = 'csv';
  let chunk: SourceRecord[] = [];
  let chunkChars = 0;
  let seq = 0;
  let total = 0;
  let sample: SourceRecord[] = [];
  const pending: Statement[] = [];
  // The job row comes first, as 'uploading': an upload cut short is cleaned up with the stale previews.
  const row = {
    id,
    status: 'uploading' as ImportJobStatus,
    fileName: upload.name.slice(0, 200),
    format,
    columns: '[]',
    preset: 'heard',
    mapping: '{}',
    totalRows: 0,
    chunkCount: 0,
    nextChunk: 0,
    doneRows: 0,
    report: JSON.stringify(emptyReport()),
    error: null,
    claimedUntil: null,
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insert(importJobs).values(row);
  const store = async (force = false) => {
    if (chunk.length > 0) {
      pending.push(deps.db.insert(importChunks).values({ jobId: id, seq: seq++, records: JSON.stringify(chunk) }));
      chunk = [];
      chunkChars = 0;
    }
    // A few chunks per write: fewer round trips on D1, each write well under its limits.
    if (pending.length >= 8 || (force && pending.length)) await deps.atomic(pending.splice(0));
  };
  const take = async (records: SourceRecord[]) => {
    for (const r of records) {
      if (sample.length < SAMPLE_ROWS) sample.push(r);
      chunk.push(r);
      total++;
      for (const v of Object.values(r.values)) chunkChars += v.length + 8;
      if (chunk.length >= CHUNK_ROWS || chunkChars >= CHUNK_CHARS) await store();
    }
  };
  try {
    const source = upload.text.getReader();
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      if (!reader) {
        if (value.trim() === '') continue;
        format = detectFormat(value);
        reader = readerFor(format);
      }
      await take(reader.push(value));
    }
    if (reader) await take(reader.end());
    await store(true);
  } catch (error) {
    await dropJob(deps, id, 'cancelled', now);
    if (error instanceof SourceError) return err(error.message);
    throw error;
  }
  if (!reader) {
    await dropJob(deps, id, 'cancelled', now);
    return err('the file is empty');
  }
  const columns = reader.columns();
  if (total === 0) {
    await dropJob(deps, id, 'cancelled', now);
    return err(columns.length ? 'the file has a header but no rows' : 'the file is empty');
  }
  const preset = detectPreset(format, columns, sample.map((r) => r.values));
  const done = {
    status: 'preview' as const,
    format,
    columns: JSON.stringify(columns),
    preset: preset.name,
    mapping: JSON.stringify(presetMapping(preset, columns)),
    totalRows: total,
    chunkCount: seq,
    updatedAt: deps.clock(),
  };
  await deps.db.update(importJobs).set(done).where(eq(importJobs.id, id));
  return ok(toJob({ ...row, ...done }));
}

/** The first rows as they will be imported, each with its problems. */
export async function previewImportJob(deps: Pick<Deps, 'db' | 'config' | 'clock'>, job: ImportJob): Promise<Array<{ line: number; check: RowCheck }>> {
  const [first] = await deps.db
    .select({ records: importChunks.records })
    .from(importChunks)
    .where(eq(importChunks.jobId, job.id))
    .orderBy(asc(importChunks.seq))
    .limit(1);
  const records = first ? (JSON.parse(first.records) as SourceRecord[]).slice(0, SAMPLE_ROWS) : [];
  const now = deps.clock();
  const checks = records.map((r) => checkPlanned({ preset: job.preset, mapping: job.mapping }, r, now, deps.config.timeZone));
  await new ErasedAddresses(deps).mark(checks);
  return records.map((r, i) => ({ line: r.line, check: checks[i]! }));
}

/** A new preset or mapping for a job still in preview. */
export async function remapImportJob(deps: Pick<Deps, 'db' | 'clock'>, job: ImportJob, preset: Preset, mapping: Mapping): Promise<ImportJob> {
  await deps.db
    .update(importJobs)
    .set({ preset: preset.name, mapping: JSON.stringify(mapping), updatedAt: deps.clock() })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'preview')));
  return { ...job, preset, mapping };
}

/** Why a job's mapping cannot run, or null when it can. */
export function planProblem(job: Pick<ImportJob, 'preset' | 'mapping'>): string | null {
  const scale = checkScale(job.preset, job.mapping);
  if (!scale.ok) return `${job.preset.label}: ${scale.error}`;
  return missingFields(job.mapping);
}

export async function confirmImportJob(deps: Pick<Deps, 'db' | 'clock'>, job: ImportJob): Promise<Result<true, string>> {
  if (job.status !== 'preview') return err('this import has already started');
  const problem = planProblem(job);
  if (problem) return err(problem);
  await deps.db
    .update(importJobs)
    .set({ status: 'queued', updatedAt: deps.clock() })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'preview')));
  return ok(true);
}

const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Writes chunks of queued or running jobs until `budgetMs` is spent (the job `onlyId` alone when
 * given). Each chunk is one atomic write; between chunks other requests get their turn.
 */
export async function advanceImportJobs(deps: Deps, now: number, budgetMs: number, onlyId?: string): Promise<number> {
  const started = Date.now();
  // Old previews go, with their rows.
  const stale = await deps.db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(and(inArray(importJobs.status, ['uploading', 'preview']), lt(importJobs.updatedAt, now - PREVIEW_TTL_MS)))
    .limit(20);
  for (const s of stale) await dropJob(deps, s.id, 'cancelled', now);

  let written = 0;
  for (;;) {
    const due = or(isNull(importJobs.claimedUntil), lt(importJobs.claimedUntil, now));
    const [claimed] = await deps.db
      .update(importJobs)
      .set({ status: 'running', claimedUntil: now + CLAIM_MS, updatedAt: now })
      .where(
        and(
          inArray(importJobs.status, ['queued', 'running']),
          due,
          onlyId
            ? eq(importJobs.id, onlyId)
            : eq(importJobs.id, sql`(SELECT id FROM import_jobs WHERE status IN ('queued', 'running') AND (claimed_until IS NULL OR claimed_until < ${now}) ORDER BY created_at LIMIT 1)`),
        ),
      )
      .returning();
    if (!claimed) return written;
    const job = toJob(claimed);
    let next = claimed.nextChunk;
    // Time-ordered ids add imported rows at the end of each table instead of all over it; on SQLite,
    // statements as large as it allows take a chunk in a few statements instead of hundreds.
    const writer = { ...deps, newId: timeOrderedIds(deps.clock) };
    const opts = { batchSize: Number.MAX_SAFE_INTEGER, maxParams: deps.maxParams ?? D1_MAX_PARAMS, now };
    const run = new ImportRun(writer, { preset: job.preset, mapping: job.mapping }, opts, job.report);
    try {
      // At least one chunk per claim, however small the budget: a step always moves the job on.
      for (let first = true; first || Date.now() - started < budgetMs; first = false) {
        const [chunk] = await deps.db
          .select({ records: importChunks.records })
          .from(importChunks)
          .where(and(eq(importChunks.jobId, job.id), eq(importChunks.seq, next)));
        if (!chunk) {
          await deps.db
            .update(importJobs)
            .set({ status: 'done', claimedUntil: null, nextChunk: next, updatedAt: deps.clock() })
            .where(eq(importJobs.id, job.id));
          break;
        }
        const records = JSON.parse(chunk.records) as SourceRecord[];
        for (let i = 0; i < records.length; i += D1_BATCH) {
          await run.add(records.slice(i, i + D1_BATCH));
          const last = i + D1_BATCH >= records.length;
          const seq = next;
          await run.flush((report) =>
            last
              ? [
                  deps.db
                    .update(importJobs)
                    .set({ nextChunk: seq + 1, doneRows: report.rows, report: JSON.stringify(report), updatedAt: now })
                    .where(eq(importJobs.id, job.id)),
                  deps.db.delete(importChunks).where(and(eq(importChunks.jobId, job.id), eq(importChunks.seq, seq))),
                ]
              : [],
          );
        }
        next++;
        written++;
        await yieldToOthers();
      }
    } catch (error) {
      // A chunk that cannot be written will not write on a retry either: stop, say why, drop the rows.
      console.error('import job failed:', error);
      await dropJob(deps, job.id, 'failed', deps.clock(), 'the import stopped on an unexpected error; the rows before it are in');
      return written;
    }
    await deps.db.update(importJobs).set({ claimedUntil: null }).where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'running')));
    if (onlyId || Date.now() - started >= budgetMs) return written;
  }
}

async function dropJob(deps: Pick<Deps, 'db'>, id: string, status: 'cancelled' | 'failed', now: number, error?: string) {
  await deps.db.delete(importChunks).where(eq(importChunks.jobId, id));
  await deps.db.update(importJobs).set({ status, claimedUntil: null, error: error ?? null, updatedAt: now }).where(eq(importJobs.id, id));
}

/** Stops a job that has not finished; rows already written stay. */
export async function cancelImportJob(deps: Pick<Deps, 'db' | 'clock'>, job: ImportJob): Promise<void> {
  if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') return;
  await dropJob(deps, job.id, 'cancelled', deps.clock());
}
