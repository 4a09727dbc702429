// The built-in analyser: lexicon valences with the rules that matter in service feedback.
// - Negation flips a rated word within four words (x -0.74, as VADER does: "not good" is less bad
//   than "bad"); a negated word with no rating reads as an expectation not met ("hasn't worked",
//   "no me ayudaron", "没有解决") and counts against.
//   A problem put right ("sorted", "solucionaron", "解决") counts for, unless negated ("没有解决").
//   Exceptions: "could not be more helpful" (praise), "didn't have to" (no chore), "hassle free".
// - Intensifiers add 30%; "too"/"demasiado" before an unrated word is a complaint ("too long",
//   "too many"), and so are weeks and months of anything.
// - After a contrast word ("but", "pero", "但是") the clause weighs 1.5x and what came before 0.5x.
// - The sum is squashed to -1..1 as VADER does (x / sqrt(x^2 + 15)).
import type { Analyser, Analysis, Sentiment, Severity } from './analyser';
import { PACKS, type LanguagePack } from './languages';
import { phrasesOf } from './phrases';
import { detectLanguage, tokenize, type Token } from './tokens';

const NEGATION_SCALAR = -0.74;
const NEGATION_WINDOW = 4;
const UNMET = -1.5;
const RESOLVED = 2;
const BOOST = 0.3;
const ALPHA = 15;
/** |score| up to this is neutral: one mild word ("stop", sum -1) is too little to call. */
const NEUTRAL_BAND = 0.25;

export interface Valence {
  sum: number;
  escalation: boolean;
}

export function valenceOf(tokens: Token[], pack: LanguagePack): Valence {
  const before: number[] = [];
  const after: number[] = [];
  let contrasted = false;
  let escalation = false;
  let negation: { left: number; content: boolean; obligation: boolean } | null = null;
  let boost = 0;
  let excess = false;
  const push = (value: number) => (contrasted ? after : before).push(value);
  const closeNegation = () => {
    if (negation?.content && !negation.obligation) push(UNMET);
    negation = null;
  };
  const negate = (value: number) => {
    if (!negation) return value;
    negation = null;
    // A negated praise word is at least an expectation not met ("no me contestó").
    return value > 0 ? Math.min(value * NEGATION_SCALAR, UNMET) : value * NEGATION_SCALAR;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.boundary) {
      closeNegation();
      boost = 0;
      excess = false;
      continue;
    }
    if (pack.escalations.has(t.stem)) escalation = true;
    if (pack.contrast.has(t.word)) {
      closeNegation();
      contrasted = true;
      continue;
    }
    if (pack.resolutions.has(t.stem)) {
      push(negate(RESOLVED));
      continue;
    }
    if (pack.complaints.has(t.stem) || pack.complaints.has(t.word)) {
      const value = negate(UNMET);
      push(pack.postNegators.has(tokens[i + 1]?.word ?? '') ? value * NEGATION_SCALAR : value);
      continue;
    }
    const match = ratedSpan(tokens, i, pack);
    if (match) {
      const value = negate(match.value * (1 + boost));
      push(pack.postNegators.has(tokens[i + match.length]?.word ?? '') ? value * NEGATION_SCALAR : value);
      i += match.length - 1;
      boost = 0;
      excess = false;
      continue;
    }
    if (pack.isNegator(t.word)) {
      closeNegation();
      negation = { left: NEGATION_WINDOW, content: false, obligation: false };
      continue;
    }
    if (negation && pack.comparatives.has(t.word)) {
      negation = null;
      boost = BOOST;
      continue;
    }
    if (negation && pack.obligations.has(t.word)) negation.obligation = true;
    if (pack.boosters.has(t.word)) {
      boost = BOOST;
      excess ||= pack.excess.has(t.word);
      continue;
    }
    const content = !pack.stopWords.has(t.word) && !/^\d+$/.test(t.word);
    if (excess) {
      push(UNMET);
      excess = false;
    }
    boost = 0;
    if (negation) {
      negation.content ||= content;
      if (--negation.left === 0) closeNegation();
    }
  }
  closeNegation();
  const sum = contrasted ? before.reduce((s, v) => s + v * 0.5, 0) + after.reduce((s, v) => s + v * 1.5, 0) : before.reduce((s, v) => s + v, 0);
  return { sum, escalation };
}

/** The longest rated entry starting at `i` (up to three words), within one clause. */
function ratedSpan(tokens: Token[], i: number, pack: LanguagePack) {
  for (let n = 3; n >= 1; n--) {
    const span = tokens.slice(i, i + n);
    if (span.length < n || span.some((t) => t.boundary)) continue;
    const key = span.map((t) => t.word).join(pack.joiner);
    const value = pack.valence(key, n === 1 ? span[0]!.stem : key);
    if (value) return { value, length: n };
  }
  return null;
}

export const squash = (sum: number) => sum / Math.sqrt(sum * sum + ALPHA);

export function labelOf(score: number): Sentiment {
  if (score < -NEUTRAL_BAND) return 'negative';
  return score > NEUTRAL_BAND ? 'positive' : 'neutral';
}

/** High when strongly negative or when the customer speaks of leaving, refunds or complaints. */
export function severityOf(score: number, escalation: boolean): Severity | null {
  if (score >= -NEUTRAL_BAND) return null;
  if (score <= -0.6 || escalation) return 'high';
  return score <= -0.3 ? 'medium' : 'low';
}

export const lexiconAnalyser: Analyser = {
  analyse(text: string, hint?: string | null): Analysis {
    const language = detectLanguage(text, hint);
    const pack = PACKS[language];
    const tokens = tokenize(text, language);
    const { sum, escalation } = valenceOf(tokens, pack);
    const score = Math.round(squash(sum) * 1000) / 1000;
    return { language, sentiment: labelOf(score), score, severity: severityOf(score, escalation), phrases: phrasesOf(tokens, pack) };
  },
};
