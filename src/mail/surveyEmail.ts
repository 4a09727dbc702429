// Builds the survey email for one request: localized content, signed links, unsubscribe headers.
import type { Config } from '../config';
import type { SurveyKind } from '../domain/surveys';
import { signLink } from '../security/links';
import { renderSurveyEmail } from './templates/SurveyEmail';
import { pickLocale } from '../i18n';
import type { OutgoingEmail } from './types';
import { logoPath, type SurveyDesign } from '../domain/surveyDesign';
import { surveyTexts } from '../i18n/surveyText';

export interface SurveyEmailFacts {
  requestId: string;
  survey: SurveyKind;
  customerEmail: string;
  customerName: string | null;
  customerLocale: string | null;
  agentName: string | null;
  /** follow-ups: a recovery survey reads "Did we make it right?". */
  purpose?: 'survey' | 'recovery';
}

/**
 * `design` (Settings → Survey) brings the team's wording and brand; `reminder` is the number of a
 * reminder (1, 2), which gets its own idempotency key and says so in the subject.
 */
export async function composeSurveyEmail(
  config: Config,
  f: SurveyEmailFacts,
  now: number,
  design?: SurveyDesign,
  reminder = 0,
): Promise<OutgoingEmail> {
  const [surveyToken, unsubscribeToken] = await Promise.all([
    signLink(config.appSecret, 'survey', f.requestId, now),
    signLink(config.appSecret, 'unsubscribe', f.requestId, now),
  ]);
  const unsubscribeUrl = `${config.publicUrl}/u/${unsubscribeToken}`;
  const locale = pickLocale(f.customerLocale);
  const own = design && {
    texts: surveyTexts(design, f.survey, locale, { agentName: f.agentName, customerName: f.customerName, brandName: config.brandName ?? null }),
    brand: design.brand,
    logoUrl: design.brand.logoHash ? `${config.publicUrl}${logoPath(design.brand.logoHash)}` : null,
  };
  const content = await renderSurveyEmail({
    own,
    reminder: reminder > 0,
    locale,
    survey: f.survey,
    agentName: f.agentName,
    customerName: f.customerName,
    scoreUrl: (score) => `${config.publicUrl}/s/${surveyToken}?score=${score}`,
    unsubscribeUrl,
    purpose: f.purpose ?? 'survey',
    ...(config.brandName ? { brand: config.brandName } : {}),
  });
  return {
    to: f.customerEmail,
    from: config.mailFrom,
    ...content,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    idempotencyKey: reminder > 0 ? `survey-request/${f.requestId}/reminder/${reminder}` : `survey-request/${f.requestId}`,
  };
}
