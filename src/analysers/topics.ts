// What makes a run of words a topic ("delivery time", "refund", "tiempo de entrega", "退款") rather
// than something customers did ("told", "received", "espero"). English reads parts of speech from
// wink-lexicon (each word's tags, the most frequent first): a topic ends on a noun, and the words
// before it are nouns, adjectives or gerunds ("waiting time"). Spanish has no such lexicon among
// Heard's packages, so it goes by grammar: a word after an article is a noun, a word after a clitic
// or "no" is a verb, and a few endings only verbs have. Words unknown to the lexicon are read as
// nouns: they are mostly product words ("broadband", "app"). Chinese opinions are told apart in
// languages.ts (a word opening with a negator or an intensifier).
import winkLexicon from 'wink-lexicon/src/lexicon.js';
import type { Language } from './analyser';
import type { Token } from './tokens';

const tagsOf = (word: string): readonly string[] | undefined => (winkLexicon as Record<string, readonly string[]>)[word];
const isNoun = (tag: string | undefined) => tag?.startsWith('NN') ?? false;
/** Tags of words that announce a noun: "the", "my", "two". (Not adjectives: "friendly, fast and efficient".) */
const BEFORE_NOUN = new Set(['DT', 'PDT', 'PRP$', 'CD', 'POS']);

export function englishTopic(words: readonly Token[], before: Token | undefined, next: Token | undefined): boolean {
  const last = words.at(-1)!;
  const tags = tagsOf(last.word);
  const head =
    !tags ||
    isNoun(tags[0]) ||
    // "the wait", "two calls": a noun reading made certain by the word before it, and by no noun
    // after it ("a fast service" is about the service).
    (tags.some(isNoun) && words.length === 1 && next === undefined && before !== undefined && BEFORE_NOUN.has(tagsOf(before.word)?.[0] ?? ''));
  return head && words.slice(0, -1).every((w) => {
    const t = tagsOf(w.word)?.[0];
    return t === undefined || isNoun(t) || t.startsWith('JJ') || t === 'VBG';
  });
}

const ES_ARTICLES = new Set(['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'del', 'al', 'nuestro', 'nuestra']);
const ES_BEFORE_VERB = new Set(['me', 'te', 'se', 'nos', 'os', 'le', 'les', 'no']);
/** Preterite, imperfect and gerund endings, and the accented preterite "-ó" ("llegó"): never a noun's. */
const ES_VERB_ENDING = /(?:aron|ieron|aste|iste|ábamos|aban|aba|ando|iendo|yendo|ó)$/;

export function spanishTopic(words: readonly Token[], before: Token | undefined): boolean {
  return words.every((w, i) => {
    const prev = i === 0 ? before : words[i - 1];
    if (prev && ES_ARTICLES.has(prev.word)) return true;
    return !(prev && ES_BEFORE_VERB.has(prev.word)) && !ES_VERB_ENDING.test(w.word);
  });
}

/**
 * Calendar words of a language from the runtime's CLDR data: the units ("months", "semana", "小时")
 * and the names of months and weekdays. They say how long or since when, never what about.
 */
export const timeWords = (language: Language): string[] => {
  const names = new Intl.DisplayNames(language, { type: 'dateTimeField' });
  const units = (['year', 'quarter', 'month', 'weekOfYear', 'day', 'hour', 'minute', 'second'] as const).map((f) => names.of(f) ?? '');
  const month = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const months = Array.from({ length: 12 }, (_, m) => month.format(Date.UTC(2024, m, 1)));
  const weekdays = Array.from({ length: 7 }, (_, d) => weekday.format(Date.UTC(2024, 0, 1 + d)));
  return [...units, ...months, ...weekdays].map((w) => w.toLowerCase()).filter(Boolean);
};
