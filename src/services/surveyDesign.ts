// The team's survey design: read on every survey page and email, saved from Settings → Survey.
import { eq } from 'drizzle-orm';
import { compiled } from '../db/compiled';
import type { Deps } from '../deps';
import { surveyLogos, surveySettings, surveyTexts } from '../db/schema';
import { checkLogo } from '../domain/logo';
import { ok, type Result } from '../domain/result';
import { DEFAULT_DESIGN, type Brand, type ReminderRule, type SurveyDesign, type SurveyWording } from '../domain/surveyDesign';
import type { ReasonOption } from '../domain/surveyText';
import { SURVEY_KINDS, type SurveyKind } from '../domain/surveys';

const settingsQuery = compiled((db) => db.select().from(surveySettings).where(eq(surveySettings.id, 1)));
const textsQuery = compiled((db) => db.select().from(surveyTexts));

const reasonList = (json: string | null): ReasonOption[] | null => (json ? (JSON.parse(json) as ReasonOption[]) : null);

export async function getSurveyDesign(deps: Pick<Deps, 'db'>): Promise<SurveyDesign> {
  const [[s], texts] = await Promise.all([settingsQuery(deps.db).all(), textsQuery(deps.db).all()]);
  const design: SurveyDesign = { ...DEFAULT_DESIGN, texts: {} };
  if (s) {
    design.brand = {
      companyName: s.companyName,
      accentColor: s.accentColor,
      footerAddress: s.footerAddress,
      privacyUrl: s.privacyUrl,
      logoHash: s.logoHash,
    };
    design.reminders = { count: s.reminderCount, afterDays: s.reminderAfterDays };
    design.askResolved = (JSON.parse(s.askResolved) as string[]).filter((k): k is SurveyKind => (SURVEY_KINDS as readonly string[]).includes(k));
  }
  for (const t of texts) {
    design.texts[`${t.survey}.${t.locale}`] = {
      subject: t.subject,
      intro: t.intro,
      question: t.question,
      lowLabel: t.lowLabel,
      highLabel: t.highLabel,
      thanks: t.thanks,
      reasonsLow: reasonList(t.reasonsLow),
      reasonsHigh: reasonList(t.reasonsHigh),
    };
  }
  return design;
}

export interface DesignSettings {
  brand: Omit<Brand, 'logoHash'>;
  askResolved: SurveyKind[];
  reminders: ReminderRule;
}

/** Saves the brand, the "resolved" question and the reminder rule; the logo stays as it is. */
export async function saveDesignSettings(deps: Pick<Deps, 'db' | 'clock'>, actorId: string, s: DesignSettings) {
  const values = {
    ...s.brand,
    askResolved: JSON.stringify(s.askResolved),
    reminderCount: s.reminders.count,
    reminderAfterDays: s.reminders.afterDays,
    updatedAt: deps.clock(),
    updatedBy: actorId,
  };
  await deps.db.insert(surveySettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: surveySettings.id, set: values });
}

export async function saveWording(deps: Pick<Deps, 'db' | 'clock'>, survey: SurveyKind, locale: string, w: SurveyWording) {
  const values = {
    subject: w.subject ?? null,
    intro: w.intro ?? null,
    question: w.question ?? null,
    lowLabel: w.lowLabel ?? null,
    highLabel: w.highLabel ?? null,
    thanks: w.thanks ?? null,
    reasonsLow: w.reasonsLow ? JSON.stringify(w.reasonsLow) : null,
    reasonsHigh: w.reasonsHigh ? JSON.stringify(w.reasonsHigh) : null,
    updatedAt: deps.clock(),
  };
  await deps.db
    .insert(surveyTexts)
    .values({ survey, locale, ...values })
    .onConflictDoUpdate({ target: [surveyTexts.survey, surveyTexts.locale], set: values });
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function hashOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores an uploaded logo under its content hash and makes it the brand's logo. */
export async function saveLogo(deps: Pick<Deps, 'db' | 'clock' | 'atomic'>, actorId: string, bytes: Uint8Array<ArrayBuffer>): Promise<Result<string, string>> {
  const checked = checkLogo(bytes);
  if (!checked.ok) return checked;
  const hash = await hashOf(bytes);
  const now = deps.clock();
  await deps.atomic([
    deps.db.insert(surveyLogos).values({ hash, mime: checked.value, data: toBase64(bytes), createdAt: now }).onConflictDoNothing(),
    deps.db
      .insert(surveySettings)
      .values({ id: 1, logoHash: hash, updatedAt: now, updatedBy: actorId })
      .onConflictDoUpdate({ target: surveySettings.id, set: { logoHash: hash, updatedAt: now, updatedBy: actorId } }),
  ]);
  return ok(hash);
}

export async function removeLogo(deps: Pick<Deps, 'db' | 'clock'>, actorId: string) {
  await deps.db.update(surveySettings).set({ logoHash: null, updatedAt: deps.clock(), updatedBy: actorId }).where(eq(surveySettings.id, 1));
}

/** A stored logo by its hash, or null. */
export async function getLogo(deps: Pick<Deps, 'db'>, hash: string): Promise<{ mime: string; bytes: Uint8Array<ArrayBuffer> } | null> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return null;
  const [row] = await deps.db.select().from(surveyLogos).where(eq(surveyLogos.hash, hash));
  if (!row) return null;
  return { mime: row.mime, bytes: Uint8Array.from(atob(row.data), (c) => c.charCodeAt(0)) };
}
