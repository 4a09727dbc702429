// The rollup cells of a bulk import (src/db/bulkMode.ts): its rows are written without them, and
// their cells are summed here across batches and written in a few large writes, each cell once
// per write instead of once per batch. At 1,000,000 rows that is 0.87 million upserts instead of
// 1.4 million; a rebuild from the raw rows would take longer still (18 s).
// Cells only add up, so what other writers change meanwhile (new answers, analysis, erasure)
// stays exact with these added at any time. Only a rebuild during the import (its hold ran out)
// would count rows twice, so the import then rebuilds at its end instead.
import { eq } from 'drizzle-orm';
import type { Deps, Statement } from '../../deps';
import { RollupDeltas, type CountedAnswer } from '../../db/rollupDeltas';
import { rollupState } from '../../db/schema';
import { readRollupState, rebuildRollups } from '../dashboard/rollups';

/**
 * Finest cells summed before they are written. At 1,000,000 rows: 0.87 million upserts in all
 * against 0.79 million with 100,000, as fast, and the process grew 300 MB less (bench/import.ts).
 */
const MAX_SUMMED = 25_000;

type CellDeps = Pick<Deps, 'db' | 'atomic' | 'config' | 'clock'>;

export class BulkCells {
  private readonly sums: RollupDeltas;
  /** Set when a write of sums failed: they are gone, so only a rebuild can make the cells exact. */
  private lost = false;

  /**
   * `exactAt`: the built_at of the rollup state when the import took its hold, if the cells were
   * exact then (src/db/bulkMode.ts: startBulk); null means a rebuild is due at the end anyway.
   */
  constructor(
    private readonly deps: CellDeps,
    private readonly maxParams: number,
    private readonly exactAt: number | null,
    private readonly maxSummed = MAX_SUMMED,
  ) {
    this.sums = new RollupDeltas(deps.config.timeZone);
  }

  /** Counts answers just written; writes the sums once they are many. */
  async add(answers: readonly CountedAnswer[]): Promise<void> {
    for (const a of answers) this.sums.add(a);
    if (this.sums.size >= this.maxSummed) await this.write([]);
  }

  private async write(also: Statement[]): Promise<void> {
    const statements = [...this.sums.statements(this.maxParams), ...also];
    try {
      await this.deps.atomic(statements);
    } catch (error) {
      this.lost = true;
      throw error;
    }
  }

  /**
   * Ends the hold: the remaining sums written with the hold's release, or, if the cells were not
   * exact when the import began, a rebuild took place meanwhile, or sums were lost, a rebuild.
   */
  async finish(): Promise<'summed' | 'rebuilt'> {
    const state = await readRollupState(this.deps.db);
    if (!this.lost && this.exactAt !== null && state?.builtAt === this.exactAt) {
      await this.write([this.deps.db.update(rollupState).set({ heldUntil: null }).where(eq(rollupState.id, 1))]);
      return 'summed';
    }
    await rebuildRollups(this.deps);
    return 'rebuilt';
  }
}
