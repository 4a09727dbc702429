// Takes an interaction all the way to a delivered survey email and pulls the links out of it.
import { runDueWork } from '../../src/services/dispatch';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import type { OutgoingEmail } from '../../src/mail/types';
import { interaction, type CapturingMailer, type TestDeps } from './deps';

export function linksOf(email: Pick<OutgoingEmail, 'html'>) {
  const scores = new Map<number, string>();
  for (const m of email.html.matchAll(/href="([^"]+\/s\/[^"?]+\?score=(\d+))"/g)) scores.set(Number(m[2]), m[1]!.replace(/&amp;/g, '&'));
  const unsubscribe = /href="([^"]+\/u\/[^"]+)"/.exec(email.html)?.[1];
  return { scores, unsubscribe: unsubscribe! };
}

/** Path and query of an absolute link, for app.request(). */
export const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

export async function deliveredSurvey(deps: TestDeps, over: Record<string, unknown> = {}) {
  const ingested = await ingestInteraction(deps, ZInteractionInput.parse(interaction(over)));
  deps.advance(deps.config.surveyDelayMinutes * 60_000);
  await runDueWork(deps, deps.clock());
  const mailer = deps.mailer as CapturingMailer;
  const email = mailer.sent.find((e) => e.idempotencyKey === `survey-request/${ingested.surveyRequest.id}`);
  if (!email) throw new Error('survey email was not sent');
  return { ...ingested, email, links: linksOf(email) };
}
