// Words of a comment, by Intl.Segmenter (dictionary-based for Chinese), with clause breaks kept.
import { LANGUAGES, type Language } from './analyser';
import { splitKnown } from './chinese';
import { PACKS, zhKnown, type LanguagePack } from './languages';

export interface Token {
  /** Lowercase, typographic apostrophes made plain. */
  word: string;
  stem: string;
  /** Punctuation that ends a clause: negation and intensifiers stop there. */
  boundary: boolean;
}

const CLAUSE_END = /[.,;:!?¿¡()\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u3001\n]/u;
const segmenters = new Map<Language, Intl.Segmenter>();
const segmenter = (language: Language) => {
  let s = segmenters.get(language);
  if (!s) segmenters.set(language, (s = new Intl.Segmenter(language, { granularity: 'word' })));
  return s;
};

/** Longest comment analysed; beyond that the text is cut (keeps work per comment bounded). */
export const MAX_CHARS = 5000;

export function tokenize(text: string, language: Language): Token[] {
  const pack = PACKS[language];
  const tokens: Token[] = [];
  for (const s of segmenter(language).segment(text.slice(0, MAX_CHARS))) {
    if (s.isWordLike) {
      const word = s.segment.toLowerCase().replace(/[\u2018\u2019`]/g, "'");
      tokens.push({ word, stem: pack.stem(word), boundary: false });
    } else if (CLAUSE_END.test(s.segment)) {
      tokens.push({ word: s.segment, stem: s.segment, boundary: true });
    }
  }
  return language === 'zh' ? joinSingleHan(splitGlued(tokens, pack), pack) : tokens;
}

/** "服务太差", "都没", "不太满意": an unrated word holding a negator, an intensifier or a rated word is cut into them. */
function splitGlued(tokens: Token[], pack: LanguagePack): Token[] {
  return tokens.flatMap((t) => {
    if (t.boundary || pack.valence(t.word, t.stem) !== undefined || pack.isNegator(t.word)) return [t];
    const pieces = splitKnown(t.word, zhKnown);
    return pieces ? pieces.map((word) => ({ word, stem: word, boundary: false })) : [t];
  });
}

/** The segmenter splits words it does not know into characters ("客|服"); runs of them are one word. */
function joinSingleHan(tokens: Token[], pack: LanguagePack): Token[] {
  const out: Token[] = [];
  const loose = (t: Token | undefined) =>
    t !== undefined && !t.boundary && /^\p{Script=Han}$/u.test(t.word) && !pack.stopWords.has(t.word) && !pack.isNegator(t.word) && pack.valence(t.word, t.word) === undefined;
  for (const t of tokens) {
    const last = out.at(-1);
    if (loose(t) && last && last.word.length >= 1 && [...last.word].every((c) => loose({ ...t, word: c }))) {
      last.word += t.word;
      last.stem = last.word;
    } else out.push({ ...t });
  }
  return out;
}

/** Chinese when Han characters dominate; otherwise whichever of English or Spanish clearly has more of its words. */
export function detectLanguage(text: string, hint?: string | null): Language {
  const sample = text.slice(0, MAX_CHARS);
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (han > 0 && han * 3 >= letters) return 'zh';
  let en = 0;
  let es = /[ñ¿¡áéíóú]/i.test(sample) ? 2 : 0;
  // Stop words, and words only one language's lexicon rates ("excelente", "gracias").
  for (const w of sample.toLowerCase().split(/[^\p{L}']+/u)) {
    if (!w) continue;
    if (PACKS.en.stopWords.has(w) || PACKS.en.isNegator(w)) en++;
    if (PACKS.es.stopWords.has(w) || PACKS.es.isNegator(w)) es++;
    const rated = [PACKS.en.valence(w, PACKS.en.stem(w)) !== undefined, PACKS.es.valence(w, PACKS.es.stem(w)) !== undefined];
    if (rated[0] && !rated[1]) en++;
    if (rated[1] && !rated[0]) es++;
  }
  // Short comments ("No problems") share words across languages: the customer's locale decides
  // unless the text clearly says otherwise.
  const hinted = LANGUAGES.find((l) => l !== 'zh' && hint?.toLowerCase().startsWith(l));
  if (Math.abs(es - en) < 2) return hinted ?? (es > en ? 'es' : 'en');
  return es > en ? 'es' : 'en';
}
