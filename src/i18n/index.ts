// The languages customers see, and how Heard picks one for a person.
import { parseAccept } from 'hono/utils/accept';
import type { SurveyKind } from '../domain/surveys';
import { en, type Messages, type ScaleText } from './en';
import { es } from './es';
import { zh } from './zh';

export type { Messages, ScaleText };

export const LOCALES = ['en', 'es', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

const DICTIONARIES: Record<Locale, Messages> = { en, es, zh };

export function messages(locale: Locale): Messages {
  return DICTIONARIES[locale];
}

/** The wording of one survey kind, widened so views can look labels up by any score. */
export function scaleText(m: Messages, survey: SurveyKind): ScaleText {
  return m.scales[survey];
}

/**
 * The supported language a tag names, by its primary subtag: 'es-MX' and 'ES' are Spanish, 'zh_CN',
 * 'zh-Hans' and also 'zh-TW' are Chinese (Simplified is closer for a Traditional reader than English).
 */
function supported(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === primary) ?? null;
}

/** The customer's stored locale wins; then the browser's Accept-Language; then English. */
export function pickLocale(customerLocale: string | null | undefined, acceptLanguage?: string | null): Locale {
  const stored = customerLocale ? supported(customerLocale) : null;
  if (stored) return stored;
  // Most preferred first (a stable sort by q); q=0 means "not this one".
  for (const { type, q } of parseAccept(acceptLanguage ?? '')) {
    const found = q > 0 ? supported(type) : null;
    if (found) return found;
  }
  return 'en';
}
