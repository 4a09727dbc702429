// Settings → Data's retention rule, and the runDueWork step that applies it: comments (or whole
// answers) older than the chosen months are deleted in bounded atomic batches. Removing answers
// subtracts their rollup cells in the same write, so the dashboards stay exact; theme counts are
// read from the phrases, which go with the comments. Old comments are found through a partial
// index of answers with words, so a run reads only what it will change.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Deps, RawWrite } from '../deps';
import { dataSettings, responses } from '../db/schema';
import { RETENTION_OFF, retentionCutoff, type RetentionRule } from '../domain/retention';
import { auditStatement, recordAudit } from './audit';
import { answerCopies, deleteAnswers, deleteTasks } from './customers/removal';
import { withAnswersRollup } from './dashboard/rollups';
import { removePhraseCells, responseIdsIn } from '../db/queries/phraseCells';

const BATCH = 200;
/** Batches per runDueWork: a few seconds at most; the next run goes on. */
const MAX_BATCHES = 25;

export async function getRetention(deps: Pick<Deps, 'db'>): Promise<RetentionRule> {
  const [row] = await deps.db.select().from(dataSettings).where(eq(dataSettings.id, 1));
  return row ? { mode: row.retention, months: row.retentionMonths } : RETENTION_OFF;
}

export async function saveRetention(deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>, actorId: string, rule: RetentionRule): Promise<void> {
  const now = deps.clock();
  const values = { retention: rule.mode, retentionMonths: rule.months, updatedAt: now, updatedBy: actorId };
  await deps.atomic([
    deps.db.insert(dataSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: dataSettings.id, set: values }),
    auditStatement(deps, {
      actorId,
      action: 'retention.updated',
      target: 'data retention',
      detail: rule.mode === 'off' ? 'off' : `${rule.mode === 'comments' ? 'comments' : 'whole answers'} older than ${rule.months} months`,
    }),
  ]);
}

/** Answers held by a task someone still works on are kept until it closes. */
const HELD = sql`EXISTS (SELECT 1 FROM followups f WHERE f.status IN ('open', 'in_progress')
  AND (f.response_id = ${responses.id} OR f.id IN (SELECT l.followup_id FROM followup_links l WHERE l.response_id = ${responses.id})))`;
// Written as the partial index responses_words_idx is, so SQLite can use it.
const HAS_WORDS = sql`(comment is not null or sentiment is not null)`;

/** What the rule would delete now: comments, and whole answers (either mode). */
export async function previewRetention(deps: Pick<Deps, 'db' | 'clock'>, months: number) {
  const cutoff = retentionCutoff(deps.clock(), months);
  const [row] = await deps.db
    .select({
      comments: sql<number>`coalesce(sum(CASE WHEN ${HAS_WORDS} THEN 1 ELSE 0 END), 0)`,
      answers: sql<number>`count(*) - coalesce(sum(CASE WHEN ${HELD} THEN 1 ELSE 0 END), 0)`,
    })
    .from(responses)
    .where(lt(responses.createdAt, cutoff));
  return { cutoff, comments: Number(row?.comments ?? 0), answers: Number(row?.answers ?? 0) };
}

const raw = (text: string, ...params: unknown[]): RawWrite => ({ sql: text, params });

export async function applyRetention(deps: Deps, now: number): Promise<{ comments: number; answers: number }> {
  const rule = await getRetention(deps);
  const done = { comments: 0, answers: 0 };
  if (rule.mode === 'off') return done;
  const cutoff = retentionCutoff(now, rule.months);
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = rule.mode === 'comments' ? await clearComments(deps, cutoff) : await deleteOldAnswers(deps, cutoff);
    done[rule.mode === 'comments' ? 'comments' : 'answers'] += n;
    if (n < BATCH) break;
  }
  if (done.comments + done.answers > 0) {
    const detail = rule.mode === 'comments' ? `${done.comments} comments older than ${rule.months} months` : `${done.answers} answers older than ${rule.months} months`;
    await recordAudit(deps, { actorId: null, action: 'retention.applied', target: 'data retention', detail });
  }
  return done;
}

/** Comments and what was read from them (sentiment, themes), also in the link's events, copies sent on and recovery answers. */
async function clearComments(deps: Deps, cutoff: number): Promise<number> {
  const rows = await deps.db
    .select({ id: responses.id, requestId: responses.requestId })
    .from(responses)
    .where(and(lt(responses.createdAt, cutoff), HAS_WORDS))
    .limit(BATCH);
  if (rows.length === 0) return 0;
  const ids = JSON.stringify(rows.map((r) => r.id));
  const requestIds = rows.map((r) => r.requestId);
  // The rollup cells count analysed comments: they move with the sentiment cleared here.
  await deps.atomic(withAnswersRollup(deps, requestIds, [
    ...removePhraseCells(deps.db, deps.config.timeZone, responseIdsIn(ids)),
    raw('DELETE FROM response_phrases WHERE response_id IN (SELECT value FROM json_each(?))', ids),
    // analysed_at = updated_at: nothing left for the analysis job to read.
    raw(
      `UPDATE responses SET comment = NULL, sentiment = NULL, sentiment_score = NULL, severity = NULL, language = NULL, analysed_at = updated_at
        WHERE id IN (SELECT value FROM json_each(?))`,
      ids,
    ),
    raw('UPDATE response_events SET comment = NULL WHERE comment IS NOT NULL AND request_id IN (SELECT value FROM json_each(?))', JSON.stringify(requestIds)),
    ...answerCopies(requestIds),
    raw(
      `UPDATE followups SET recovery_comment = NULL
        WHERE id IN (SELECT id FROM followups WHERE recovery_comment IS NOT NULL AND recovery_at < ? LIMIT ${BATCH})`,
      cutoff,
    ),
  ]));
  return rows.length;
}

/** Whole answers with their events and copies, and the closed tasks they opened or joined. Surveys sent stay counted as sent. */
async function deleteOldAnswers(deps: Deps, cutoff: number): Promise<number> {
  const rows = await deps.db
    .select({ id: responses.id, requestId: responses.requestId })
    .from(responses)
    .where(and(lt(responses.createdAt, cutoff), sql`NOT ${HELD}`))
    .limit(BATCH);
  if (rows.length === 0) return 0;
  const ids = JSON.stringify(rows.map((r) => r.id));
  const tasks = await deps.db.all<{ id: string }>(
    sql`SELECT id FROM followups WHERE response_id IN (SELECT value FROM json_each(${ids}))
      UNION SELECT followup_id FROM followup_links WHERE response_id IN (SELECT value FROM json_each(${ids}))`,
  );
  await deps.atomic([...deleteTasks(tasks.map((t) => t.id)), ...deleteAnswers(deps, rows.map((r) => r.requestId))]);
  return rows.length;
}
