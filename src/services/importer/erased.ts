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

export class ErasedAddresses {
  private anyErased: boolean | null = null;
  private readonly known = new Map<string, boolean>();

  constructor(private readonly deps: Pick<Deps, 'db' | 'config'>) {}

  /** Which of `emails` belong to erased customers. */
  async among(emails: readonly string[]): Promise<Set<string>> {
    const { db, config } = this.deps;
    this.anyErased ??= (await db.select({ hash: hashedSuppressions.hash }).from(hashedSuppressions).limit(1)).length > 0;
    if (!this.anyErased || emails.length === 0) return new Set();
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

  /** The checks with the rows of erased customers turned into problems (skipped, and said why). */
  async mark(checks: readonly RowCheck[]): Promise<Array<{ check: RowCheck; erased: boolean }>> {
    const erased = await this.among(checks.flatMap((c) => (c.row ? [c.row.customerEmail] : [])));
    return checks.map((check) =>
      check.row && erased.has(check.row.customerEmail)
        ? { check: { ...check, row: null, problems: [...check.problems, { field: 'customer_email', message: ERASED_PROBLEM }] }, erased: true }
        : { check, erased: false },
    );
  }
}
