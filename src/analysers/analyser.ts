// What Heard asks of a comment analyser: one call, no I/O, the same answer on every runtime.
// An operator can plug in another implementation through `Deps.analyser`.

export const LANGUAGES = ['en', 'es', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A candidate theme: `key` is the phrase with each word reduced to its stem, so inflections merge.
 * `topic` is false for words that read as an action ("installed"): they count towards their key's
 * theme ("installation") but never name it. Missing means true.
 */
export interface Phrase {
  key: string;
  text: string;
  topic?: boolean;
}

export interface Analysis {
  language: Language;
  sentiment: Sentiment;
  /** -1 (most negative) to 1 (most positive). */
  score: number;
  /** How strongly negative; null unless the sentiment is negative. */
  severity: Severity | null;
  /** Distinct phrases of one to three content words, in order of appearance. */
  phrases: Phrase[];
}

export interface Analyser {
  /** `hint` is the customer's locale, used when the text itself does not tell the language. */
  analyse(text: string, hint?: string | null): Analysis;
}
