// An import must not bring back a customer who was erased: their address is kept only as a keyed
// hash (src/services/customers/addressHash.ts), so each distinct address of the file is hashed
// once per run and looked up with the others of its piece; nothing is hashed while nobody has
// been erased.
import { inArray, sql } from 'drizzle-orm';
import { hashedSuppressions } from '../../db/schema';
import type { Deps } from '../../deps';
import type { RowCheck } from '../../domain/import/row';
import { addressHash } from '../customers/addressHash';

// Addresses remembered per run before the memory is given back (a lookup costs little against a batch).
const MAX_REMEMBERED = 200_000;

export const ERASED_PROBLEM = 'this customer was erased; their rows are not imported';

const NONE: ReadonlySet<RowCheck> = new Set();

export class ErasedAddresses {
  private anyErased: boolean | null = null;
  private readonly known = new Map<string, boolean>();

  constructor(private readonly deps: Pick<Deps, 'db' | 'config'>) {}

  /** Which of `emails` belong to erased customers. */
  private async among(emails: readonly string[]): Promise<Set<string>> {
    const { db, config } = this.deps;
    const wanted = [...new Set(emails)].filter((e) => !this.known.has(e));
    if (wanted.length > 0) {
      const hashes = await Promise.all(wanted.map((e) => addressHash(config.appSecret, e)));
      // One bound value however many addresses (D1 binds at most 100 per statement).
      const found = new Set(
        (
          await db
            .select({ hash: hashedSuppressions.hash })
            .from(hashedSuppressions)
            .where(inArray(hashedSuppressions.hash, sql`(SELECT value FROM json_each(${JSON.stringify(hashes)}))`))
        ).map((r) => r.hash),
      );
      if (this.known.size > MAX_REMEMBERED) this.known.clear();
      wanted.forEach((e, i) => this.known.set(e, found.has(hashes[i]!)));
    }
    return new Set(emails.filter((e) => this.known.get(e)));
  }

  /**
   * Turns the rows of erased customers into problems, in place (skipped, and said why); returns
   * the checks it replaced. Whether anyone was erased is read once per run.
   */
  async mark(checks: RowCheck[]): Promise<ReadonlySet<RowCheck>> {
    this.anyErased ??= (await this.deps.db.select({ hash: hashedSuppressions.hash }).from(hashedSuppressions).limit(1)).length > 0;
    if (!this.anyErased) return NONE;
    const erased = await this.among(checks.flatMap((c) => (c.row ? [c.row.customerEmail] : [])));
    if (erased.size === 0) return NONE;
    const marked = new Set<RowCheck>();
    checks.forEach((check, i) => {
      if (!check.row || !erased.has(check.row.customerEmail)) return;
      const problem = { field: 'customer_email' as const, message: ERASED_PROBLEM };
      marked.add((checks[i] = { ...check, row: null, problems: [...check.problems, problem] }));
    });
    return marked;
  }
}
