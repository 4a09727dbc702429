// The analyse-comments step of runDueWork: every comment saved or imported gets its sentiment,
// severity and theme phrases here, shortly after the write, so neither the survey page nor an
// import waits for it. A row is queued while its `analysed_at` differs from its `updated_at`
// (a partial index holds only those), so a changed comment is analysed again and a retry after a
// failure simply finds the row still queued.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { lexiconAnalyser } from '../../analysers/lexicon';
import type { Analysis } from '../../analysers/analyser';
import { customers, responsePhrases, responses } from '../../db/schema';
import type { Deps, RawWrite, Statement } from '../../deps';
import { onAnswerSaved } from '../followups/open';
import { withAnswersRollup } from '../dashboard/rollups';
import { addPhraseCells, removePhraseCells, responseIdsIn } from '../../db/queries/phraseCells';
import { isLowScore } from '../../domain/followups';

const BATCH = 100;
const MAX_PER_RUN = 1000;

const queued = sql`(${responses.comment} is not null or ${responses.sentiment} is not null) and ${responses.analysedAt} is not ${responses.updatedAt}`;

export async function analyseComments(deps: Deps): Promise<{ analysed: number }> {
  const analyser = deps.analyser ?? lexiconAnalyser;
  let analysed = 0;
  const seen = new Set<string>();
  while (analysed < MAX_PER_RUN) {
    const rows = await deps.db
      .select({
        id: responses.id,
        requestId: responses.requestId,
        source: responses.source,
        comment: responses.comment,
        updatedAt: responses.updatedAt,
        locale: customers.locale,
        // The answer as analysed, which its phrases carry for the theme cells.
        createdAt: responses.createdAt,
        teamId: responses.teamId,
        channel: responses.channel,
        survey: responses.survey,
        score: responses.score,
        flagged: responses.flagged,
      })
      .from(responses)
      .innerJoin(customers, eq(customers.id, responses.customerId))
      .where(queued)
      .orderBy(asc(responses.updatedAt))
      .limit(BATCH);
    // A row still queued after its own write changed meanwhile: leave it for the next run.
    if (rows.length === 0 || rows.some((r) => seen.has(r.id))) break;
    for (const r of rows) seen.add(r.id);
    const results = rows.map((r) => ({ ...r, analysis: r.comment ? analyser.analyse(r.comment, r.locale) : null }));
    await deps.atomic(writesFor(deps, results));
    analysed += rows.length;
    // follow-ups: a strongly negative answer may open a task whatever its score (the rules decide);
    // imported history never opens tasks.
    for (const r of results) if (r.analysis?.severity === 'high' && r.source !== 'import') await onAnswerSaved(deps, r.requestId, true);
  }
  return { analysed };
}

type Analysed = Pick<typeof responses.$inferSelect, 'id' | 'requestId' | 'updatedAt' | 'createdAt' | 'teamId' | 'channel' | 'survey' | 'score' | 'flagged'> & {
  analysis: Analysis | null;
};

function writesFor(deps: Pick<Deps, 'db' | 'config'>, rows: Analysed[]): Statement[] {
  const updates = rows.map(({ id, updatedAt, analysis: a }) =>
    deps.db
      .update(responses)
      .set({ sentiment: a?.sentiment ?? null, sentimentScore: a?.score ?? null, severity: a?.severity ?? null, language: a?.language ?? null, analysedAt: updatedAt })
      // The comment changed since it was read: leave the row queued for the next pass.
      .where(and(eq(responses.id, id), eq(responses.updatedAt, updatedAt))),
  );
  // Each phrase with the answer as analysed (what the theme cells count it under), all in one
  // JSON parameter: one statement for the batch, whatever D1's limit of 100 bound values.
  const phrases = rows.flatMap((r) =>
    (r.analysis?.phrases ?? []).map((p) => [
      r.id,
      p.key,
      p.text,
      p.topic === false ? 0 : 1,
      r.createdAt,
      r.teamId,
      r.channel,
      r.survey,
      isLowScore(r.survey, r.score) ? 1 : 0,
      r.analysis?.sentiment === 'negative' ? 1 : 0,
      r.flagged ? 0 : 1,
    ]),
  );
  const insert: RawWrite = {
    sql: `INSERT INTO response_phrases (response_id, key, text, topic, at, team_id, channel, survey, low, negative, counted)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10
      FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`,
    params: [JSON.stringify(phrases)],
  };
  const clear = deps.db.delete(responsePhrases).where(inArray(responsePhrases.responseId, rows.map((r) => r.id)));
  // The rollup cells count analysed and negative comments, the theme cells the phrases: both move with the analysis.
  const ids = responseIdsIn(JSON.stringify(rows.map((r) => r.id)));
  const tz = deps.config.timeZone;
  return withAnswersRollup(
    deps,
    rows.map((r) => r.requestId),
    [...updates, ...removePhraseCells(deps.db, tz, ids), clear, insert, ...addPhraseCells(deps.db, tz, ids)],
  );
}
