// The shape of a team's survey design as Heard stores it, and its defaults: the brand, who is asked
// "Was your issue resolved?", the reminder rule, and the wording per kind and language.
import type { ReasonOption } from './surveyText';
import type { SurveyKind } from './surveys';

export interface Brand {
  companyName: string | null;
  accentColor: string | null;
  footerAddress: string | null;
  privacyUrl: string | null;
  /** Content hash of the uploaded logo; its URL is /brand/logo/<hash>. */
  logoHash: string | null;
}

export interface ReminderRule {
  /** 0 turns reminders off. */
  count: number;
  afterDays: number;
}

/** An admin's wording; a missing field keeps Heard's default text in that language. */
export interface SurveyWording {
  subject?: string | null;
  intro?: string | null;
  question?: string | null;
  lowLabel?: string | null;
  highLabel?: string | null;
  thanks?: string | null;
  reasonsLow?: ReasonOption[] | null;
  reasonsHigh?: ReasonOption[] | null;
}

export type WordingKey = `${SurveyKind}.${string}`;

export interface SurveyDesign {
  brand: Brand;
  askResolved: SurveyKind[];
  reminders: ReminderRule;
  texts: Partial<Record<WordingKey, SurveyWording>>;
}

export const MAX_REMINDERS = 2;
export const DEFAULT_ACCENT = '#1f5fae';

export const DEFAULT_DESIGN: SurveyDesign = {
  brand: { companyName: null, accentColor: null, footerAddress: null, privacyUrl: null, logoHash: null },
  askResolved: ['csat', 'ces'],
  reminders: { count: 1, afterDays: 3 },
  texts: {},
};

/** Where Heard serves the logo: the content hash in the path lets browsers and mail proxies cache it for ever. */
export const logoPath = (hash: string) => `/brand/logo/${hash}`;
/** The page styles for an accent colour, served as a stylesheet (the pages' CSP allows no inline styles). */
export const accentPath = (hex: string) => `/brand/accent/${hex.replace('#', '').toLowerCase()}`;
