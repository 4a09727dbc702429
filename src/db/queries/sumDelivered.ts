// Delivered surveys straight from the raw tables, in the shape of rollup cells (only the sent_*
// counts are set). Cheap for one agent (covering indexes from the agent to the requests); the
// rollups serve everything else. Same rule as the rollups: a request counts as delivered by Heard
// when it was sent with a provider message id (imported history has none).
import { sql } from 'drizzle-orm';
import type { Db } from '../../deps';
import type { SurveyKind } from '../../domain/surveys';
import { at, type CellSum } from './cells';
import { localDaySql } from './localDay';
import { factFilters, fold, type RawSelection } from './sumResponses';

export async function sumDelivered(db: Db, s: RawSelection): Promise<CellSum[]> {
  const key = s.by.key ? sql.raw(`i.${s.by.key}`) : sql`''`;
  const day = s.by.day ? localDaySql(sql`sr.sent_at`, s.spans) : sql`0`;
  const rows = await db.values<unknown[]>(
    sql`SELECT ${key}, ${day}, sr.survey, count(*)
      FROM interactions i JOIN survey_requests sr ON sr.interaction_id = i.id AND sr.purpose = 'survey'
      WHERE ${sql.join([sql`1`, ...factFilters('i', s)], sql` AND `)}
        AND sr.status = 'sent' AND sr.message_id IS NOT NULL AND sr.sent_at >= ${s.start} AND sr.sent_at < ${s.end}
      GROUP BY 1, 2, 3`,
  );
  return fold(rows, (r) => [at.sent(r[2] as SurveyKind)]);
}
