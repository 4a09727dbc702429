// Rollups under the SQLite group commit (./groupCommit.ts). On D1, and in SQL generally, each
// answer's write carries statements that spread the answer over the cubes (~27 cells, removed and
// added again when it changes). Here those statements are not run: at the same points of the
// write, the rows they would read are read, and the cells' changes are summed in memory
// (./rollupDeltas.ts); each changed cell is upserted once, just before the batch commits. Writes
// of one batch share their day, team and agent cells, and a changed answer's removal and addition
// meet in the same cells, so a batch writes far fewer cells. Exactness is the same: the rows are
// read inside the transaction at the same point, a write that is rolled back to its savepoint
// drops its changes, and the upserts commit with the writes or not at all.
import type Database from 'better-sqlite3';
import type { SurveyKind } from '../domain/surveys';
import type { BatchHooks } from './groupCommit';
import { RollupDeltas, upsertText, type CellChange } from './rollupDeltas';

interface AnswerRow {
  at: number;
  teamId: string | null;
  agentId: string;
  channel: string;
  survey: SurveyKind;
  score: number;
  source: string;
  sentiment: string | null;
  tags: string;
}

interface DeliveryRow {
  at: number;
  teamId: string | null;
  channel: string;
  survey: SurveyKind;
  tags: string;
}

type Staged = { timeZone: string; answer: AnswerRow; sign: 1 | -1 } | { timeZone: string; delivery: DeliveryRow };

export interface RollupStage extends BatchHooks {
  /** Notes what `change` does to the cells as the rows stand now, inside the current write. */
  stage(change: CellChange): void;
}

export function rollupStage(sqlite: Database.Database): RollupStage {
  // What responseCells and sentCells in src/db/queries/rollupStatements.ts read, by request.
  const answerOf = sqlite.prepare(
    `SELECT r.created_at AS at, r.team_id AS teamId, r.agent_id AS agentId, r.channel, r.survey, r.score, r.source, r.sentiment, i.tags
     FROM responses r JOIN interactions i ON i.id = r.interaction_id WHERE r.request_id = ? AND r.flagged = 0`,
  );
  const deliveryOf = sqlite.prepare(
    `SELECT sr.sent_at AS at, i.team_id AS teamId, i.channel, sr.survey, i.tags
     FROM survey_requests sr JOIN interactions i ON i.id = sr.interaction_id
     WHERE sr.id = ? AND sr.message_id = ? AND sr.purpose = 'survey' AND sr.status = 'sent' AND sr.sent_at IS NOT NULL`,
  );
  const upsert = sqlite.prepare(upsertText(1));
  // This write's changes, kept only if the write is; the batch's sums per time zone.
  let pending: Staged[] = [];
  const batch = new Map<string, RollupDeltas>();
  const deltasFor = (timeZone: string) => {
    let d = batch.get(timeZone);
    if (!d) batch.set(timeZone, (d = new RollupDeltas(timeZone)));
    return d;
  };

  return {
    stage(change) {
      if ('answer' in change) {
        const answer = answerOf.get(change.request) as AnswerRow | undefined;
        if (answer) pending.push({ timeZone: change.timeZone, answer, sign: change.answer });
      } else {
        const delivery = deliveryOf.get(change.request, change.deliveredAs) as DeliveryRow | undefined;
        if (delivery) pending.push({ timeZone: change.timeZone, delivery });
      }
    },
    begin() {
      pending = [];
      batch.clear();
    },
    kept() {
      for (const s of pending) {
        const deltas = deltasFor(s.timeZone);
        if ('delivery' in s) deltas.addDelivery({ ...s.delivery, tags: JSON.parse(s.delivery.tags) as string[] });
        else deltas.add({ ...s.answer, tags: JSON.parse(s.answer.tags) as string[], direct: s.answer.source !== 'import' }, s.sign);
      }
      pending = [];
    },
    undone() {
      pending = [];
    },
    end() {
      for (const deltas of batch.values()) for (const row of deltas.takeRows()) upsert.run(row);
      batch.clear();
    },
  };
}
