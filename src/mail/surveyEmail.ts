// Builds the survey email for one request: localized content, signed links, unsubscribe headers.
import type { Config } from '../config';
import type { SurveyKind } from '../domain/surveys';
import { signLink } from '../security/links';
import { renderSurveyEmail } from '../../views/emails/SurveyEmail';
import { pickLocale } from '../../views/i18n';
import type { OutgoingEmail } from './types';

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

export async function composeSurveyEmail(config: Config, f: SurveyEmailFacts, now: number): Promise<OutgoingEmail> {
  const [surveyToken, unsubscribeToken] = await Promise.all([
    signLink(config.appSecret, 'survey', f.requestId, now),
    signLink(config.appSecret, 'unsubscribe', f.requestId, now),
  ]);
  const unsubscribeUrl = `${config.publicUrl}/u/${unsubscribeToken}`;
  const content = await renderSurveyEmail({
    locale: pickLocale(f.customerLocale),
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
    idempotencyKey: `survey-request/${f.requestId}`,
  };
}
