// The follow-up answers after the score: the reasons a customer ticked and whether their issue was
// resolved. Written in the same atomic write as the explicit answer they came with, and kept in the
// event history as a 'details' event, as scores are.
import { eq, sql } from 'drizzle-orm';
import { bind, compiled } from '../db/compiled';
import type { Deps } from '../deps';
import { responseEvents, responses } from '../db/schema';

export interface AnswerDetails {
  /** Stable reason keys, already limited to those the page offered. */
  reasons: string[];
  resolved: boolean | null;
}

const p = sql.placeholder;

const setDetails = compiled((db) =>
  db
    .update(responses)
    .set({ reasons: sql`${p('reasons')}`, resolved: sql`${p('resolved')}` })
    .where(eq(responses.requestId, p('requestId'))),
);

const insertDetailsEvent = compiled((db) =>
  db.insert(responseEvents).values({
    id: p('id'),
    requestId: p('requestId'),
    kind: 'details',
    reasons: p('reasons'),
    resolved: p('resolved'),
    createdAt: p('at'),
  }),
);

export function detailWrites(deps: Pick<Deps, 'db' | 'newId'>, requestId: string, d: AnswerDetails, at: number) {
  const values = { requestId, reasons: JSON.stringify(d.reasons), resolved: d.resolved === null ? null : d.resolved ? 1 : 0 };
  return [bind(setDetails(deps.db), values), bind(insertDetailsEvent(deps.db), { ...values, id: deps.newId(), at })];
}

const detailsQuery = compiled((db) =>
  db.select({ reasons: responses.reasons, resolved: responses.resolved }).from(responses).where(eq(responses.requestId, p('requestId'))),
);

/** What the customer last told us beyond the score, to fill the page in again. */
export async function getAnswerDetails(deps: Pick<Deps, 'db'>, requestId: string): Promise<AnswerDetails> {
  const [row] = await detailsQuery(deps.db).all({ requestId });
  return { reasons: row ? parseReasonKeys(row.reasons) : [], resolved: row?.resolved ?? null };
}

export function parseReasonKeys(json: string | null): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
