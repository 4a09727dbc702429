// Customer email templates: a subject and body per language, with {{variables}}. The built-in one
// lives in the dictionaries (src/i18n); an admin may change it (stored under its id, and restored
// by deleting that row) and add their own.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { followupTemplates, followupTemplateTexts } from '../../db/schema';
import { fillTemplate, unknownVariables, type TemplateVariable } from '../../domain/followupTemplates';
import { err, ok, type Result } from '../../domain/result';
import { LOCALES, messages, type Locale } from '../../i18n';

export interface TemplateText {
  subject: string;
  body: string;
}

export interface Template {
  id: string;
  name: string;
  texts: Partial<Record<Locale, TemplateText>>;
  /** The built-in template as an admin changed it. */
  edited?: boolean;
}

/** The id of the template that comes with Heard. */
export const BUILT_IN = 'built-in';

export function builtIn(): Template {
  const texts = Object.fromEntries(
    LOCALES.map((l) => [l, { subject: messages(l).followup.templateSubject, body: messages(l).followup.templateBody }]),
  );
  return { id: BUILT_IN, name: 'Apology and offer to help (built in)', texts };
}

export async function listTemplates(deps: Pick<Deps, 'db'>): Promise<Template[]> {
  const rows = await deps.db
    .select({ id: followupTemplates.id, name: followupTemplates.name, text: followupTemplateTexts })
    .from(followupTemplates)
    .leftJoin(followupTemplateTexts, eq(followupTemplateTexts.templateId, followupTemplates.id))
    .orderBy(asc(followupTemplates.name));
  const byId = new Map<string, Template>();
  for (const r of rows) {
    const t = byId.get(r.id) ?? { id: r.id, name: r.name, texts: {} };
    if (r.text && (LOCALES as readonly string[]).includes(r.text.locale)) {
      t.texts[r.text.locale as Locale] = { subject: r.text.subject, body: r.text.body };
    }
    byId.set(r.id, t);
  }
  // A changed built-in keeps the shipped text for the languages it does not set.
  const stored = byId.get(BUILT_IN);
  byId.delete(BUILT_IN);
  const original = builtIn();
  const first = stored ? { ...stored, texts: { ...original.texts, ...stored.texts }, edited: true } : original;
  return [first, ...byId.values()];
}

export async function getTemplate(deps: Pick<Deps, 'db'>, id: string): Promise<Template | null> {
  return (await listTemplates(deps)).find((t) => t.id === id) ?? null;
}

/** The template's text in a language: that language, else English, else the built-in text. */
export function textIn(t: Template, locale: Locale): TemplateText {
  return t.texts[locale] ?? t.texts.en ?? builtIn().texts[locale]!;
}

export function fill(text: TemplateText, vars: Record<TemplateVariable, string>): TemplateText {
  return { subject: fillTemplate(text.subject, vars), body: fillTemplate(text.body, vars) };
}

const noUnknownVariables = (v: string) => unknownVariables(v).length === 0;
const UNKNOWN = { message: 'Uses a {{variable}} Heard does not know; the list of variables is beside the form.' };

const ZText = z.object({
  subject: z.string().trim().min(1, 'Enter a subject.').max(200).refine(noUnknownVariables, UNKNOWN),
  body: z.string().trim().min(1, 'Enter the text.').max(5000).refine(noUnknownVariables, UNKNOWN),
});

export const ZTemplate = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  texts: z.object({ en: ZText, es: ZText.optional(), zh: ZText.optional() }),
});
export type TTemplate = z.infer<typeof ZTemplate>;

/** Creates (id null) or replaces a template. */
export async function saveTemplate(
  deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>,
  id: string | null,
  t: TTemplate,
): Promise<Result<string, 'name-taken'>> {
  const now = deps.clock();
  const templateId = id ?? deps.newId();
  const [clash] = await deps.db.select({ id: followupTemplates.id }).from(followupTemplates).where(eq(followupTemplates.name, t.name));
  if (clash && clash.id !== templateId) return err('name-taken');
  const texts = Object.entries(t.texts).flatMap(([locale, text]) => (text ? [{ templateId, locale, ...text }] : []));
  await deps.atomic([
    deps.db
      .insert(followupTemplates)
      .values({ id: templateId, name: t.name, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: followupTemplates.id, set: { name: t.name, updatedAt: now } }),
    deps.db.delete(followupTemplateTexts).where(eq(followupTemplateTexts.templateId, templateId)),
    deps.db.insert(followupTemplateTexts).values(texts),
  ]);
  return ok(templateId);
}

export async function deleteTemplate(deps: Pick<Deps, 'db' | 'atomic'>, id: string): Promise<void> {
  await deps.atomic([
    deps.db.delete(followupTemplateTexts).where(eq(followupTemplateTexts.templateId, id)),
    deps.db.delete(followupTemplates).where(eq(followupTemplates.id, id)),
  ]);
}
