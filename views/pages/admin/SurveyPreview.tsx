// What a customer would see with a draft wording: the survey email, or the survey page with a
// low score chosen (so the reasons show). Links go nowhere; the frame runs no scripts.
import type { SurveyDesign } from '../../../src/domain/surveyDesign';
import { logoPath } from '../../../src/domain/surveyDesign';
import type { SurveyKind } from '../../../src/domain/surveys';
import { renderSurveyEmail } from '../../../src/mail/templates/SurveyEmail';
import type { Locale } from '../../../src/i18n';
import { surveyTexts } from '../../../src/i18n/surveyText';
import { SurveyPage } from '../Survey';

export interface PreviewInput {
  design: SurveyDesign;
  survey: SurveyKind;
  locale: Locale;
  view: 'email' | 'page';
  brandName: string | null;
  publicUrl: string;
}

/** Sample names, so placeholders show filled in. */
const SAMPLE = { agentName: 'Alex', customerName: 'Sam' };

export async function renderPreview(p: PreviewInput): Promise<string> {
  const texts = surveyTexts(p.design, p.survey, p.locale, { ...SAMPLE, brandName: p.brandName });
  if (p.view === 'email') {
    const logoUrl = p.design.brand.logoHash ? `${p.publicUrl}${logoPath(p.design.brand.logoHash)}` : null;
    const email = await renderSurveyEmail({
      locale: p.locale,
      survey: p.survey,
      ...SAMPLE,
      scoreUrl: (score) => `#score-${score}`,
      unsubscribeUrl: '#unsubscribe',
      own: { texts, brand: p.design.brand, logoUrl },
    });
    return email.html;
  }
  const low = p.survey === 'nps' ? 5 : 2;
  const page = (
    <SurveyPage
      locale={p.locale}
      survey={p.survey}
      agentName={SAMPLE.agentName}
      selected={low}
      comment=""
      actionUrl="#"
      confirmUrl={null}
      unsubscribeUrl="#unsubscribe"
      own={{ texts, brand: p.design.brand, ticked: [], resolved: null }}
    />
  );
  return `${await page.toString()}`;
}
