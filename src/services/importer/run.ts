// One import from first record to report: records are checked through the mapping, the good ones
// written in batches, and everything counted. The CLI feeds it a file as it streams; an import
// job feeds it the stored chunks.
import { CHANNELS } from '../../db/schema';
import type { Mapping } from '../../domain/import/fields';
import type { Preset } from '../../domain/import/presets';
import { checkRecord, UNASSIGNED, type MappedRow, type RowCheck } from '../../domain/import/row';
import type { SourceRecord } from '../../domain/import/sources';
import type { BulkCells } from './bulkCells';
import { ErasedAddresses } from './erased';
import { HistoryWriter, type Extra, type WriterDeps } from './write';

export interface ImportReport {
  rows: number;
  imported: number;
  duplicates: number;
  skipped: number;
  /** The first skipped rows, with every reason. */
  skips: Array<{ line: number; reasons: string[] }>;
  /** Rows without an agent, given to the "Unassigned" agent (named here). */
  unassigned: number;
  unassignedAgent: string;
  /** Channel values Heard does not know, counted as `other`. */
  unknownChannels: Record<string, number>;
  /** Rows without an external id, given one derived from the row. */
  derivedIds: number;
  /** Skipped rows (counted in `skipped` too) whose customer was erased. */
  erased: number;
}

export const MAX_SKIPS_KEPT = 200;
const MAX_CHANNELS_KEPT = 50;

export const emptyReport = (): ImportReport => ({
  rows: 0,
  imported: 0,
  duplicates: 0,
  skipped: 0,
  skips: [],
  unassigned: 0,
  unassignedAgent: `${UNASSIGNED.name} <${UNASSIGNED.email}>`,
  unknownChannels: {},
  derivedIds: 0,
  erased: 0,
});

export interface Plan {
  preset: Preset;
  mapping: Mapping;
}

export function checkPlanned(plan: Plan, record: SourceRecord, now: number, timeZone: string): RowCheck {
  return checkRecord(record.values, plan.mapping, plan.preset, { channels: CHANNELS, timeZone, now });
}

/** Counts one checked record into the report (what the rows are; writing counts the rest). */
export function countCheck(report: ImportReport, line: number, check: RowCheck): void {
  report.rows++;
  if (!check.row) {
    report.skipped++;
    if (report.skips.length < MAX_SKIPS_KEPT) report.skips.push({ line, reasons: check.problems.map((p) => `${p.field}: ${p.message}`) });
    return;
  }
  if (check.unassigned) report.unassigned++;
  if (check.derivedId) report.derivedIds++;
  if (check.unknownChannel) {
    const c = report.unknownChannels;
    if (c[check.unknownChannel] !== undefined || Object.keys(c).length < MAX_CHANNELS_KEPT) c[check.unknownChannel] = (c[check.unknownChannel] ?? 0) + 1;
    else c['…'] = (c['…'] ?? 0) + 1;
  }
}

export interface RunOptions {
  /** Rows per atomic write. */
  batchSize: number;
  maxParams: number;
  /** Read once per run: rows later than this are refused as being in the future. */
  now: number;
  /** No writes: the report says what would happen (duplicates are not looked up). */
  dryRun?: boolean;
  /** Bulk mode (src/db/bulkMode.ts): the rows' cells are summed here and written by the import at its end. */
  bulkCells?: BulkCells;
}

export class ImportRun {
  readonly report: ImportReport;
  private readonly writer: HistoryWriter;
  private readonly erased: ErasedAddresses;
  private batch: MappedRow[] = [];

  constructor(
    private readonly deps: WriterDeps,
    private readonly plan: Plan,
    private readonly opts: RunOptions,
    report: ImportReport = emptyReport(),
  ) {
    // A job's report saved before a count existed starts that count at zero.
    this.report = { ...emptyReport(), ...report };
    this.writer = new HistoryWriter(deps, { maxParams: opts.maxParams, bulk: opts.bulkCells && { cells: opts.bulkCells } });
    this.erased = new ErasedAddresses(deps);
  }

  /** Checks the records; writes whenever a batch fills. */
  async add(records: readonly SourceRecord[]): Promise<void> {
    await this.addChecked(
      records.map((r) => r.line),
      records.map((record) => checkPlanned(this.plan, record, this.opts.now, this.deps.config.timeZone)),
    );
  }

  /** Records already checked under this run's plan (the command line checks on another thread), by their lines. */
  async addChecked(lines: ArrayLike<number>, checks: RowCheck[]): Promise<void> {
    const erased = await this.erased.mark(checks);
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i]!;
      countCheck(this.report, lines[i]!, check);
      if (erased.has(check)) this.report.erased++;
      if (check.row) this.batch.push(check.row);
      if (this.batch.length >= this.opts.batchSize) await this.flush();
    }
  }

  /**
   * Writes what is waiting. `extra` gets the report as it will be after this write and returns
   * statements for the same atomic write (a job's progress).
   */
  async flush(extra?: (report: ImportReport) => ReturnType<Extra>): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    if (this.opts.dryRun) {
      this.report.imported += rows.length;
      return;
    }
    if (rows.length === 0 && !extra) return;
    const after = (w: { created: number; duplicates: number }) => ({ ...this.report, imported: this.report.imported + w.created, duplicates: this.report.duplicates + w.duplicates });
    const written = await this.writer.write(rows, extra ? (w) => extra(after(w)) : undefined);
    this.report.imported += written.created;
    this.report.duplicates += written.duplicates;
  }
}

/** Rows per atomic write on SQLite (CLI, Node jobs) and on D1, where each statement carries at most 99 values. */
export const SQLITE_BATCH = 5000;
export const D1_BATCH = 500;
