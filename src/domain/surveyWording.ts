// Checking what an admin typed at Settings → Survey before it is stored: lengths, placeholders,
// reason lists, the accent colour and links. Each problem is told beside its field.
import { DEFAULT_ACCENT, MAX_REMINDERS, type Brand, type ReminderRule, type SurveyWording } from './surveyDesign';
import { checkAccent, parseReasons, PLACEHOLDERS, unknownPlaceholders } from './surveyText';
import { err, ok, type Result } from './result';
import { SURVEY_KINDS, type SurveyKind } from './surveys';

export const TEXT_FIELDS = {
  subject: { label: 'Email subject', max: 200 },
  intro: { label: 'Introduction', max: 1000 },
  question: { label: 'Question', max: 300 },
  lowLabel: { label: 'Low end label', max: 60 },
  highLabel: { label: 'High end label', max: 60 },
  thanks: { label: 'Thank-you text', max: 500 },
} as const;
export type TextField = keyof typeof TEXT_FIELDS;
export type WordingField = TextField | 'reasonsLow' | 'reasonsHigh';
export type WordingErrors = Partial<Record<WordingField, string>>;

const known = PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

/**
 * The admin's wording (empty fields keep Heard's default text) and the problems of the fields left
 * out of it: saving needs no problems, a preview shows what is valid so far.
 */
export function checkWording(raw: Record<WordingField, string>): { wording: SurveyWording; errors: WordingErrors } {
  const errors: WordingErrors = {};
  const wording: SurveyWording = {};
  for (const [name, spec] of Object.entries(TEXT_FIELDS) as [TextField, (typeof TEXT_FIELDS)[TextField]][]) {
    const text = raw[name].trim();
    if (!text) continue;
    const unknown = unknownPlaceholders(text);
    if (text.length > spec.max) errors[name] = `${spec.label} must be at most ${spec.max} characters.`;
    else if (unknown.length) errors[name] = `Unknown placeholder {{${unknown[0]}}} in ${spec.label.toLowerCase()}. Use ${known}.`;
    else wording[name] = text;
  }
  for (const name of ['reasonsLow', 'reasonsHigh'] as const) {
    if (!raw[name].trim()) continue;
    const parsed = parseReasons(raw[name].slice(0, 5000));
    if (parsed.ok) wording[name] = parsed.value;
    else errors[name] = parsed.error;
  }
  return { wording, errors };
}

export interface SettingsInput {
  companyName: string;
  accentColor: string;
  footerAddress: string;
  privacyUrl: string;
  askResolved: string[];
  reminderCount: string;
  reminderAfterDays: string;
}
export type SettingsErrors = Partial<Record<keyof SettingsInput, string>>;

export interface ParsedSettings {
  brand: Omit<Brand, 'logoHash'>;
  askResolved: SurveyKind[];
  reminders: ReminderRule;
}

const wholeIn = (text: string, min: number, max: number) => {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n >= min && n <= max ? n : null;
};

export function parseSettings(raw: SettingsInput): Result<ParsedSettings, SettingsErrors> {
  const errors: SettingsErrors = {};
  const company = raw.companyName.trim();
  if (company.length > 100) errors.companyName = 'The company name must be at most 100 characters.';
  const accentText = raw.accentColor.trim();
  const accent = accentText && accentText.toLowerCase() !== DEFAULT_ACCENT ? checkAccent(accentText) : ok(null);
  if (!accent.ok) errors.accentColor = accent.error;
  const footer = raw.footerAddress.trim();
  if (footer.length > 300) errors.footerAddress = 'The footer must be at most 300 characters.';
  const privacy = raw.privacyUrl.trim();
  if (privacy && (!/^https?:\/\/[^\s"'<>]+$/i.test(privacy) || privacy.length > 300)) errors.privacyUrl = 'The privacy link must be a web address starting with https://.';
  const count = wholeIn(raw.reminderCount, 0, MAX_REMINDERS);
  if (count === null) errors.reminderCount = `Choose off, 1 or ${MAX_REMINDERS} reminders.`;
  const days = wholeIn(raw.reminderAfterDays, 1, 30);
  if (days === null) errors.reminderAfterDays = 'Send reminders 1 to 30 days after the email.';
  if (Object.keys(errors).length) return err(errors);
  return ok({
    brand: { companyName: company || null, accentColor: accent.ok ? accent.value : null, footerAddress: footer || null, privacyUrl: privacy || null },
    askResolved: SURVEY_KINDS.filter((k) => raw.askResolved.includes(k)),
    reminders: { count: count!, afterDays: days! },
  });
}
