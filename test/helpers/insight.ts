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
    tags: [],
    response: { score: f.score, comment: f.text, at: f.at, source: 'import' },
  }));
}

export async function seedComments(deps: Deps, fixtures: readonly CommentFixture[]) {
  await recordHistory(deps, commentRows(fixtures));
  return analyseComments(deps);
}
