// Delivered surveys of one agent straight from the raw tables, in the shape of rollup cells (only
// the sent_* counts are set). Same rule as the rollups: requests whose answer was imported were
// not delivered by Heard.
import { sql } from 'drizzle-orm';
import type { Db } from '../../deps';
import { cellOf, sentCountsSql, type CellSum } from './cells';
import { localDaySql } from './localDay';
import { factFilters, type RawSelection } from './sumResponses';

export async function sumDelivered(db: Db, s: RawSelection & { agentId: string }): Promise<CellSum[]> {
  const key = s.by.key ? sql.raw(`i.${s.by.key}`) : sql`''`;
  const day = s.by.day ? localDaySql(sql`sr.sent_at`, s.spans) : sql`0`;
  const rows = await db.values<unknown[]>(
    sql`SELECT ${key}, ${day}, ${sentCountsSql(1)}
      FROM interactions i JOIN survey_requests sr ON sr.interaction_id = i.id
      WHERE ${sql.join(factFilters('i', s), sql` AND `)}
        AND sr.purpose = 'survey' AND sr.status = 'sent' AND sr.sent_at >= ${s.start} AND sr.sent_at < ${s.end}
        AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.request_id = sr.id AND x.source = 'import')
      GROUP BY 1, 2`,
  );
  return rows.map(cellOf);
}
