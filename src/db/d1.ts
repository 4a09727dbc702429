// D1 wiring for the Workers entry. D1 has no interactive transactions: `atomic` sends the
// statements as one batch, which D1 runs as a single implicit transaction. Unlike SQLite on Node
// (src/db/groupCommit.ts), requests are not grouped into one batch: a D1 batch is all-or-nothing,
// so one failing write would fail every request grouped with it.
import type { D1Database } from '@cloudflare/workers-types';
import { drizzle } from 'drizzle-orm/d1';
import type { Deps, Statement } from '../deps';
import { boundQuery } from './compiled';
import * as schema from './schema';

export function d1Database(binding: D1Database): Pick<Deps, 'db' | 'atomic'> {
  const db = drizzle(binding, { schema });
  return {
    db,
    async atomic(statements: readonly Statement[]) {
      if (statements.length === 0) return;
      await binding.batch(
        statements.map((s) => {
          const q =
            'prepared' in s
              ? boundQuery(s)
              : 'sql' in s && 'params' in s
                ? s
                : (s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
          return binding.prepare(q.sql).bind(...q.params);
        }),
      );
    },
  };
}
