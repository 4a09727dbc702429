// D1 wiring for the Workers entry. D1 has no interactive transactions: `atomic` sends the
// statements as one batch, which D1 runs as a single implicit transaction.
import type { D1Database } from '@cloudflare/workers-types';
import { drizzle } from 'drizzle-orm/d1';
import type { Deps, Statement } from '../deps';
import * as schema from './schema';

export function d1Database(binding: D1Database): Pick<Deps, 'db' | 'atomic'> {
  const db = drizzle(binding, { schema });
  return {
    db,
    async atomic(statements: readonly Statement[]) {
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
    },
  };
}
