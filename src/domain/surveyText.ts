// The team's own survey wording: placeholders, reasons per score and the checks an admin's text
// must pass. Pure: the defaults in each language live beside the rest of the customer texts.
import { err, ok, type Result } from './result';
import { CES_EASY_MIN, CSAT_SATISFIED_MIN, NPS_PROMOTER_MIN } from './scores';
import type { SurveyKind } from './surveys';

export const PLACEHOLDERS = ['agent_name', 'company', 'customer_name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text uses that Heard does not know, in order, without repeats. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n)))];
}

/** The text with its placeholders filled in. The result is plain text: views escape it. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );
}

// ---- reasons ----

export type ReasonSide = 'low' | 'high';

export interface ReasonOption {
  /** Stable across languages and edits: what the API, export and charts use. */
  key: string;
  label: string;
}

/** Scores from which the page asks "What went well?"; below, "What went wrong?". */
export const HIGH_FROM: Record<SurveyKind, number> = { csat: CSAT_SATISFIED_MIN, nps: NPS_PROMOTER_MIN, ces: CES_EASY_MIN };

export const sideOf = (survey: SurveyKind, score: number): ReasonSide => (score >= HIGH_FROM[survey] ? 'high' : 'low');

export const REASON_KEY = /^[a-z0-9][a-z0-9_]{0,39}$/;
export const MAX_REASONS = 12;

/**
 * Reasons typed one per line as `key: label`; a line without a key gets one from its label.
 * Answers with the first problem found, so the admin can fix it.
 */
export function parseReasons(text: string): Result<ReasonOption[], string> {
  const out: ReasonOption[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const label = (colon > 0 ? line.slice(colon + 1) : line).trim();
    const key = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : slug(label);
    if (!REASON_KEY.test(key)) return err(`“${key || line}” is not a reason key: use a–z, 0–9 and _ (up to 40), then a colon and the label.`);
    if (!label || label.length > 60) return err(`The label of “${key}” must be 1 to 60 characters.`);
    if (out.some((r) => r.key === key)) return err(`The reason key “${key}” appears twice.`);
    out.push({ key, label });
  }
  if (out.length > MAX_REASONS) return err(`Offer at most ${MAX_REASONS} reasons.`);
  return ok(out);
}

export const formatReasons = (reasons: readonly ReasonOption[]) => reasons.map((r) => `${r.key}: ${r.label}`).join('\n');

function slug(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/** Only keys the page offered for that side are kept, once each, in the offered order. */
export function pickReasons(offered: readonly ReasonOption[], ticked: readonly string[]): string[] {
  const set = new Set(ticked);
  return offered.filter((r) => set.has(r.key)).map((r) => r.key);
}

/** A form's yes/no answer: true, false, or null when not answered. */
export function parseResolved(raw: unknown): boolean | null {
  return raw === 'yes' ? true : raw === 'no' ? false : null;
}

// ---- brand colour ----

const HEX = /^#([0-9a-f]{6})$/i;

export const isHexColor = (text: string) => HEX.test(text);

/** WCAG 2.x relative luminance of an sRGB colour '#rrggbb'. */
function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio of two colours, 1 to 21 (WCAG 2.x, section 1.4.3). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** AA for normal-size text: 4.5:1. The accent is used for text and borders on white. */
export const AA_TEXT = 4.5;

export function checkAccent(hex: string): Result<string, string> {
  if (!isHexColor(hex)) return err('The accent colour must look like #1f5fae.');
  const ratio = contrastRatio(hex, '#ffffff');
  if (ratio < AA_TEXT) return err(`The accent colour has a contrast of ${ratio.toFixed(2)}:1 against white; text needs at least 4.5:1 (WCAG AA).`);
  return ok(hex.toLowerCase());
}
