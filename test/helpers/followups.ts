// Answers that open follow-up tasks: a survey delivered and answered through the real services.
import { eq } from 'drizzle-orm';
import { followupEvents, followups } from '../../src/db/schema';
import type { Deps } from '../../src/deps';
import { signLink } from '../../src/security/links';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { openSurvey, saveAnswer } from '../../src/services/respond';
import { interaction, type TestDeps } from './deps';
import { deliveredSurvey } from './survey';

const visitor = { userAgent: 'test', ip: '192.0.2.1' };

export const tokenOf = (link: string) => new URL(link).pathname.split('/')[2]!;

/** Answers a survey request by its token, as a person pressing submit (or the page confirming). */
export async function answer(deps: Deps, token: string, score: number, comment: string | null = null, mode: 'explicit' | 'auto' = 'explicit') {
  const ctx = await openSurvey(deps, token);
  if (!ctx.ok) throw new Error(`survey link: ${ctx.error}`);
  return saveAnswer(deps, ctx.value, visitor, mode === 'explicit' ? { mode, score, comment } : { mode, score });
}

/** Answers a new interaction's survey without sending it: works with any mailer (the access matrix uses the outbox). */
export async function answeredUnsent(deps: Deps, over: Record<string, unknown>, score: number) {
  const ingested = await ingestInteraction(deps, ZInteractionInput.parse(interaction(over)));
  const token = await signLink(deps.config.appSecret, 'survey', ingested.surveyRequest.id, deps.clock());
  await answer(deps, token, score);
  return { ...ingested, token };
}

/** Delivers a survey for a new interaction and answers it. */
export async function answered(deps: TestDeps, over: Record<string, unknown>, score: number, comment: string | null = null) {
  const s = await deliveredSurvey(deps, over);
  const token = tokenOf(s.links.scores.get(score) ?? [...s.links.scores.values()][0]!);
  await answer(deps, token, score, comment);
  return { ...s, token };
}

export async function tasks(deps: Deps) {
  return deps.db.select().from(followups).orderBy(followups.openedAt);
}

export async function log(deps: TestDeps, followupId: string) {
  return deps.db.select().from(followupEvents).where(eq(followupEvents.followupId, followupId)).orderBy(followupEvents.at, followupEvents.id);
}
