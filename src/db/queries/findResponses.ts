// Counted responses matching the dashboard filters, newest first, one keyset page at a time.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../deps';
import type { SurveyKind } from '../../domain/surveys';
import type { Sentiment, Severity } from '../../analysers/analyser';
import type { Channel } from '../schema';
import { themeCondition, type ThemeMatch } from './countPhrases';
import { factFilters, type RawSelection } from './sumResponses';

export interface ResponseSelection extends Pick<RawSelection, 'start' | 'end' | 'teamIds' | 'agentId' | 'channel' | 'tag'> {
  survey: SurveyKind | null;
  /** Only these scores (a bar of the distribution, or detractors); null for any. */
  scores: readonly number[] | null;
  withComment: boolean;
  sentiment?: Sentiment | null;
  /** Every one of these must match (a theme, and each searched word). */
  matches?: readonly ThemeMatch[];
  /** Continue after this response (exclusive). */
  after: { createdAt: number; id: string } | null;
  limit: number;
  /** survey design: only responses that ticked this reason key (the Reasons chart's drill-down). */
  reason?: string | null;
  /** Only answers to "Was your issue resolved?" that said so (true) or not (false). */
  resolved?: boolean | null;
}

export interface ResponseRow {
  id: string;
  createdAt: number;
  survey: SurveyKind;
  score: number;
  comment: string | null;
  channel: Channel;
  source: string;
  agentId: string;
  agentName: string | null;
  agentEmail: string;
  teamId: string | null;
  teamName: string | null;
  customerEmail: string;
  customerName: string | null;
  externalId: string;
  closedAt: number;
  tags: string;
  /** JSON array of reason keys. */
  reasons: string;
  resolved: number | null;
  /** The helpdesk ticket the interaction came from, and its connection's link template. */
  ticketId: string | null;
  ticketTemplate: string | null;
  sentiment: Sentiment | null;
  severity: Severity | null;
}

export async function findResponses(db: Db, s: ResponseSelection): Promise<ResponseRow[]> {
  const where: SQL[] = [sql`r.flagged = 0`, sql`r.created_at >= ${s.start}`, sql`r.created_at < ${s.end}`, ...factFilters('r', s)];
  if (s.survey) where.push(sql`r.survey = ${s.survey}`);
  if (s.scores) where.push(sql`r.score IN (SELECT value FROM json_each(${JSON.stringify(s.scores)}))`);
  if (s.reason) where.push(sql`EXISTS (SELECT 1 FROM json_each(r.reasons) j WHERE j.value = ${s.reason})`);
  if (s.resolved !== undefined && s.resolved !== null) where.push(sql`r.resolved = ${s.resolved ? 1 : 0}`);
  if (s.withComment) where.push(sql`r.comment IS NOT NULL AND r.comment <> ''`);
  if (s.sentiment) where.push(sql`r.sentiment = ${s.sentiment}`);
  for (const m of s.matches ?? []) where.push(themeCondition(m));
  if (s.after) {
    where.push(sql`(r.created_at < ${s.after.createdAt} OR (r.created_at = ${s.after.createdAt} AND r.id < ${s.after.id}))`);
  }
  return db.all<ResponseRow>(
    sql`SELECT r.id, r.created_at AS createdAt, r.survey, r.score, r.comment, r.channel, r.source,
        r.agent_id AS agentId, a.name AS agentName, a.email AS agentEmail,
        r.team_id AS teamId, t.name AS teamName,
        c.email AS customerEmail, c.name AS customerName,
        i.external_id AS externalId, i.closed_at AS closedAt, i.tags, r.reasons, r.resolved, r.sentiment, r.severity,
        it.ticket_id AS ticketId, cn.ticket_url AS ticketTemplate
      FROM responses r
      JOIN interactions i ON i.id = r.interaction_id
      JOIN agents a ON a.id = r.agent_id
      JOIN customers c ON c.id = r.customer_id
      LEFT JOIN teams t ON t.id = r.team_id
      LEFT JOIN interaction_tickets it ON it.interaction_id = r.interaction_id
      LEFT JOIN connections cn ON cn.id = it.connection_id
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT ${s.limit}`,
  );
}
