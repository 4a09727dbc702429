// Comments for insight tests: answered interactions written through the import writer, each with
// its own text, score and day, then analysed by the same job runDueWork runs.
import type { Deps } from '../../src/deps';
import type { SurveyKind } from '../../src/domain/surveys';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { analyseComments } from '../../src/services/insight/analyseComments';

export interface CommentFixture {
  text: string | null;
  score: number;
  survey?: SurveyKind;
  at: number;
  agent?: string;
  team?: string;
  locale?: string;
  customer?: string;
  tags?: string[];
}

export function commentRows(fixtures: readonly CommentFixture[]): HistoryRow[] {
  return fixtures.map((f, i) => ({
    externalId: `C-${i}-${f.at}`,
    closedAt: f.at - 3_600_000,
    sentAt: f.at - 1_800_000,
    agent: { email: f.agent ?? 'ana@support.example', name: null },
    team: f.team ?? 'Tier 1',
    channel: 'email',
    customer: { email: f.customer ?? `c${i}@example.com`, name: null, locale: f.locale ?? null },
    survey: f.survey ?? 'nps',
    tags: f.tags ?? [],
    response: { score: f.score, comment: f.text, at: f.at, source: 'import' },
  }));
}

export async function seedComments(deps: Deps, fixtures: readonly CommentFixture[]) {
  await recordHistory(deps, commentRows(fixtures));
  return analyseComments(deps);
}

/** A month of comments in three languages, and a quieter month before it. */
export const NOW = Date.parse('2026-03-31T12:00:00Z');
const march = (day: number) => Date.parse(`2026-03-${String(day).padStart(2, '0')}T12:00:00Z`);
const february = (day: number) => Date.parse(`2026-02-${String(day).padStart(2, '0')}T12:00:00Z`);

export const FIXTURES: CommentFixture[] = [
  // March: late deliveries, mostly unhappy, in English; refunds in Spanish; 客服 praised in Chinese.
  { text: 'The delivery was late again', score: 2, at: march(2) },
  { text: 'Late delivery, nobody called me', score: 3, at: march(3) },
  { text: 'Delivery late but the agent was kind', score: 6, at: march(4) },
  { text: 'Deliveries are always late', score: 1, at: march(5) },
  { text: 'Todavía espero mi reembolso', score: 2, at: march(6), locale: 'es' },
  { text: 'El reembolso llegó rápido, gracias', score: 9, at: march(7), locale: 'es' },
  { text: 'No me ayudaron con el reembolso', score: 3, at: march(8), locale: 'es' },
  { text: '客服态度很好，很满意', score: 10, at: march(9), locale: 'zh' },
  { text: '客服很耐心，非常满意', score: 10, at: march(10), locale: 'zh' },
  { text: '客服回复很快', score: 9, at: march(11), locale: 'zh' },
  // February: one late delivery only, so deliveries trend up.
  { text: 'Delivery late', score: 5, at: february(10) },
  { text: 'Great agent', score: 10, at: february(11) },
  { text: 'Friendly agent', score: 10, at: february(12) },
  { text: 'Quick answer', score: 9, at: february(13) },
];

