// Keeping the dashboards' rollups exact. Every write that changes what a response counts for, or
// marks a survey request 'sent', includes these statements in its own atomic write.
import { eq, sql } from 'drizzle-orm';
import { bind, compiledBy } from '../../db/compiled';
import type { Db, Deps, Statement } from '../../deps';
import { responses, rollupState, surveyRequests } from '../../db/schema';
import { cellsCurrent, type RollupStateRow } from '../../db/queries/cells';
import { REBUILD_SLICE, rebuildStatements, responseCells, sentCells, type RebuildExtent } from '../../db/queries/rollupStatements';

type RollupDeps = Pick<Deps, 'db' | 'config'>;

/**
 * Compiled once per database handle and time zone: these run inside every answer's write.
 * Compiling one costs 0.8–5 ms, 1.5–4 times a whole confirmation's server time (bench/caches.ts,
 * same run, loaded machine); a hit about 1 µs. One zone is configured; four leaves room to change it.
 */
const perZone = <P>(build: (db: Db, tz: string) => { prepare(): P }) => compiledBy(build, 4);

const requestCells = {
  remove: perZone((db, tz) => responseCells(db, tz, -1, { where: sql`r.request_id = ${sql.placeholder('requestId')}` })),
  add: perZone((db, tz) => responseCells(db, tz, 1, { where: sql`r.request_id = ${sql.placeholder('requestId')}` })),
};
const sentCell = perZone((db, tz) =>
  sentCells(db, tz, 1, { where: sql`sr.id = ${sql.placeholder('requestId')} AND sr.message_id = ${sql.placeholder('messageId')}` }),
);

/**
 * Wraps the statements that write one request's response (insert, upsert, flag) so the rollups
 * move with it: what the response counted for before is subtracted, what it counts for after is added.
 */
export function withResponseRollup(deps: RollupDeps, requestId: string, statements: readonly Statement[]): Statement[] {
  const timeZone = deps.config.timeZone;
  return [
    { ...bind(requestCells.remove(deps.db, timeZone), { requestId }), cells: { request: requestId, timeZone, answer: -1 } },
    ...statements,
    { ...bind(requestCells.add(deps.db, timeZone), { requestId }), cells: { request: requestId, timeZone, answer: 1 } },
  ];
}

/**
 * The same for many requests at once whose answers `statements` may change (the comments'
 * analysis, retention clearing comments): two statements in all, each reading the batch's rows.
 */
export function withAnswersRollup(deps: RollupDeps, requestIds: readonly string[], statements: readonly Statement[]): Statement[] {
  const rows = { idsJson: sql`${JSON.stringify(requestIds)}` };
  const tz = deps.config.timeZone;
  return [responseCells(deps.db, tz, -1, rows), ...statements, responseCells(deps.db, tz, 1, rows)];
}

/** The same for many requests at once (imports): `statements` only insert new responses. */
export function withNewResponsesRollup(deps: RollupDeps, requestIds: readonly string[], statements: readonly Statement[]): Statement[] {
  return [...statements, responseCells(deps.db, deps.config.timeZone, 1, { idsJson: sql`${JSON.stringify(requestIds)}` })];
}

/**
 * Counts a request as delivered. Put it in the same atomic write as the update that sets status
 * 'sent' with this message id: it counts only when that update took effect.
 */
export function countSent(deps: RollupDeps, requestId: string, messageId: string): Statement {
  const timeZone = deps.config.timeZone;
  return { ...bind(sentCell(deps.db, timeZone), { requestId, messageId }), cells: { request: requestId, timeZone, deliveredAs: messageId } };
}

/** The same for many requests written as 'sent' at once (demo data). */
export function countSentMany(deps: RollupDeps, requestIds: readonly string[]): Statement {
  return sentCells(deps.db, deps.config.timeZone, 1, { idsJson: sql`${JSON.stringify(requestIds)}` });
}

/**
 * Recomputes every rollup from the raw tables in the configured time zone, in one atomic write
 * whose statements each read a slice of `sliceRows` rows (src/db/queries/rollupStatements.ts).
 */
export async function rebuildRollups(deps: Pick<Deps, 'db' | 'config' | 'atomic' | 'clock'>, sliceRows = REBUILD_SLICE): Promise<void> {
  await deps.atomic(rebuildStatements(deps.db, deps.config.timeZone, deps.clock(), await rebuildExtent(deps.db), sliceRows));
}

/** The highest rowids the rebuild's slices must reach; rows added after this read fall in the last slice. */
export async function rebuildExtent(db: Db): Promise<RebuildExtent> {
  const [r] = await db.select({ n: sql<number | null>`max(rowid)` }).from(responses);
  const [sr] = await db.select({ n: sql<number | null>`max(rowid)` }).from(surveyRequests);
  return { responses: r?.n ?? 0, requests: sr?.n ?? 0 };
}

/** The rollup state, or undefined if the cells were never built. */
export const readRollupState = async (db: Db): Promise<RollupStateRow | undefined> =>
  (
    await db
      .select({ timeZone: rollupState.timeZone, version: rollupState.version, heldUntil: rollupState.heldUntil, builtAt: rollupState.builtAt })
      .from(rollupState)
      .where(eq(rollupState.id, 1))
  )[0];

/**
 * Rebuilds when the rollups were never built, were built for another time zone (TIME_ZONE
 * changed) or by an older definition of the cells (ROLLUP_VERSION), or a bulk import's hold on
 * them ran out (src/db/bulkMode.ts). While the hold lasts the import is writing and rebuilds them
 * itself at its end. Cheap otherwise: one primary-key read.
 */
export async function ensureRollups(deps: Pick<Deps, 'db' | 'config' | 'atomic' | 'clock'>): Promise<void> {
  const state = await readRollupState(deps.db);
  if (state && state.heldUntil !== null && state.heldUntil >= deps.clock()) return;
  if (!cellsCurrent(state, deps.config.timeZone)) await rebuildRollups(deps);
}

/** Rebuilds the cells a bulk import held stale and never rebuilt (a crash) once its hold ran out; runDueWork. Returns 1 if it did. */
export async function rebuildAbandonedRollups(deps: Pick<Deps, 'db' | 'config' | 'atomic'>, now: number): Promise<number> {
  const state = await readRollupState(deps.db);
  if (state?.heldUntil == null || state.heldUntil >= now) return 0;
  await rebuildRollups({ ...deps, clock: () => now });
  return 1;
}
