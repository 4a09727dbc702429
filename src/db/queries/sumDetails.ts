// Counted responses by what the customer said beyond the score: survey, score, resolved answer and
// the ticked reasons (as stored, a JSON array). Few distinct groups, so the sums stay small.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import type { SurveyKind } from '../../domain/surveys';
import { factFilters, tagJoin, type RawSelection } from './sumResponses';

export interface DetailGroup {
  survey: SurveyKind;
  score: number;
  resolved: boolean | null;
  reasons: string;
  count: number;
}

export async function sumDetails(
  db: Db,
  s: Pick<RawSelection, 'start' | 'end' | 'teamIds' | 'agentId' | 'channel' | 'tag'> & { survey: SurveyKind | null },
): Promise<DetailGroup[]> {
  const where: SQL[] = [sql`r.flagged = 0`, sql`r.created_at >= ${s.start}`, sql`r.created_at < ${s.end}`, ...factFilters('r', s)];
  if (s.survey) where.push(sql`r.survey = ${s.survey}`);
  // Only answers that said something more: the rest count for neither FCR nor reasons.
  where.push(sql`(r.resolved IS NOT NULL OR r.reasons <> '[]')`);
  const rows = await db.values<[SurveyKind, number, number | null, string, number]>(
    sql`SELECT r.survey, r.score, r.resolved, r.reasons, count(*)
      FROM responses r ${tagJoin(s)}
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY 1, 2, 3, 4`,
  );
  return rows.map(([survey, score, resolved, reasons, count]) => ({ survey, score: Number(score), resolved: resolved === null ? null : Boolean(resolved), reasons, count: Number(count) }));
}
