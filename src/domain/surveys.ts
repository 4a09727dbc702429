// The three survey kinds and their scales.
export const SURVEY_KINDS = ['csat', 'nps', 'ces'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const SCALES: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

export function scaleOf(kind: SurveyKind): number[] {
  const { min, max } = SCALES[kind];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The score as an integer on the kind's scale, or null when it is not one. */
export function parseScore(kind: SurveyKind, raw: unknown): number | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  const { min, max } = SCALES[kind];
  return n >= min && n <= max ? n : null;
}
