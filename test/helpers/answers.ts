// Surveys sent in many shapes (teams, channels, tags, kinds, link and email delivery) and answered
// the way customers answer them, for tests of the rollups under group commit.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../src/deps';
import { surveyRequests } from '../../src/db/schema';
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { openSurvey, recordClick, saveAnswer } from '../../src/services/respond';
import { SCALES, type SurveyKind } from '../../src/domain/surveys';
import { signLink } from '../../src/security/links';
import { COUNT_COLUMNS } from '../../src/db/queries/cells';

const KINDS: SurveyKind[] = ['csat', 'nps', 'ces'];
const CHANNELS = ['chat', 'email', 'phone'];
const TAGS = [[], ['billing'], ['billing', 'vip'], ['refund', 'vip', 'refund']];

/** Sends `n` surveys at once, every fourth by email through the dispatcher, the rest as links (sent on ingest). */
export async function sendSurveys(deps: Deps, n: number): Promise<string[]> {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      ingestInteraction(
        deps,
        ZInteractionInput.parse({
          externalId: `burst-${i}`,
          customer: { email: `c${i}@example.com` },
          agent: { email: `agent${i % 7}@support.example`, name: `Agent ${i % 7}` },
          ...(i % 5 ? { team: `Team ${i % 3}` } : {}),
          channel: CHANNELS[i % CHANNELS.length],
          survey: KINDS[i % KINDS.length],
          tags: TAGS[i % TAGS.length],
          delivery: i % 4 ? 'link' : 'email',
        }),
      ),
    ),
  );
  await runDueWork(deps, deps.clock());
  return (await deps.db.select({ id: surveyRequests.id }).from(surveyRequests)).map((r) => r.id);
}

/** One customer's visit: a click, then the page's confirmation or a submission, of score `pick` on the kind's scale. */
export async function answer(deps: Deps, requestId: string, pick: number, mode: 'auto' | 'explicit' | 'click') {
  const token = await signLink(deps.config.appSecret, 'survey', requestId, deps.clock());
  const opened = await openSurvey(deps, token);
  if (!opened.ok) throw new Error(opened.error);
  const { min, max } = SCALES[opened.value.survey];
  const score = min + (pick % (max - min + 1));
  const visitor = { userAgent: 'test', ip: '192.0.2.1' };
  if (mode === 'click') return recordClick(deps, opened.value, score, visitor);
  return saveAnswer(deps, opened.value, visitor, { mode, score, comment: mode === 'explicit' ? 'ok' : undefined });
}

/** Every rollup cell that counts something, in key order: what a rebuild must reproduce. */
export const countingCells = (deps: Pick<Deps, 'db'>) =>
  deps.db.all(
    sql.raw(`SELECT * FROM response_rollups WHERE ${COUNT_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY cube, grain, channel, tag, period, team_id, agent_id`),
  );
