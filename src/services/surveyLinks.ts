// Surveys delivered as links (chat, SMS, WhatsApp): the helpdesk gets the page link, one link per
// score and a short link for SMS, all signed like the email's (same expiry, same scanner rules).
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { surveyRequests } from '../db/schema';
import { signLink } from '../security/links';
import { scaleOf, type SurveyKind } from '../domain/surveys';
import { ingestInteraction, type IngestResult, type TInteractionInput } from './ingest';

export interface SurveyLinks {
  link: string;
  shortLink: string;
  scoreLinks: { score: number; url: string }[];
}

async function linksOf(deps: Pick<Deps, 'config'>, r: { id: string; survey: SurveyKind; sentAt: number; shortCode: string }): Promise<SurveyLinks> {
  // Signed as of the hand-over, so a retried request gets the same links back.
  const token = await signLink(deps.config.appSecret, 'survey', r.id, r.sentAt);
  const page = `${deps.config.publicUrl}/s/${token}`;
  return {
    link: page,
    shortLink: `${deps.config.publicUrl}/r/${r.shortCode}`,
    scoreLinks: scaleOf(r.survey).map((score) => ({ score, url: `${page}?score=${score}` })),
  };
}

const linkFacts = (deps: Pick<Deps, 'db'>, where: ReturnType<typeof eq>) =>
  deps.db
    .select({ id: surveyRequests.id, survey: surveyRequests.survey, sentAt: surveyRequests.sentAt, shortCode: surveyRequests.shortCode, status: surveyRequests.status })
    .from(surveyRequests)
    .where(where);

/** POST /api/v1/interactions: the ingest, plus the links when the survey goes out as links (none when suppressed). */
export async function ingestWithLinks(deps: Deps, input: TInteractionInput): Promise<IngestResult & { surveyRequest: Partial<SurveyLinks> }> {
  const result = await ingestInteraction(deps, input);
  if (input.delivery !== 'link') return result;
  const [r] = await linkFacts(deps, eq(surveyRequests.id, result.surveyRequest.id));
  if (!r || r.status !== 'sent' || r.sentAt === null || r.shortCode === null) return result;
  return { ...result, surveyRequest: { ...result.surveyRequest, ...(await linksOf(deps, { ...r, sentAt: r.sentAt, shortCode: r.shortCode })) } };
}

/** Where a short link leads: the survey page, or null for a code Heard never gave out. */
export async function resolveShortLink(deps: Pick<Deps, 'db' | 'config'>, code: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{10}$/.test(code)) return null;
  const [r] = await linkFacts(deps, eq(surveyRequests.shortCode, code));
  if (!r || r.sentAt === null || r.shortCode === null) return null;
  return (await linksOf(deps, { ...r, sentAt: r.sentAt, shortCode: r.shortCode })).link;
}
