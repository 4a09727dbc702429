// Theme candidates: runs of content words between stop words, rated words and clause breaks, cut
// into phrases of one to three words. Keys are stems, so "delivery was late" and "deliveries late"
// meet under one key. Each phrase says whether it reads as a topic (src/analysers/topics.ts): a key
// counts every inflection ("installed", "installation") and is named by its topic spellings only.
import type { Phrase } from './analyser';
import type { LanguagePack } from './languages';
import type { Token } from './tokens';

const MAX_WORDS = 3;
/** Bounds what one comment can add to the theme index. */
export const MAX_PHRASES = 40;

export function phrasesOf(tokens: Token[], pack: LanguagePack): Phrase[] {
  const isContent = (t: Token) =>
    !t.boundary &&
    !pack.themeStopWords.has(t.word) &&
    !pack.isNegator(t.word) &&
    !pack.boosters.has(t.word) &&
    !pack.contrast.has(t.word) &&
    !pack.resolutions.has(t.stem) &&
    !pack.timeStems.has(t.stem) &&
    !pack.opinion(t.word, t.stem) &&
    [...t.word].length >= 2 &&
    !/\d/.test(t.word);
  // Each run remembers the word ahead of it, which tells a noun from a verb ("the wait"); so does the word after a phrase.
  const runs: { before: Token | undefined; words: Token[] }[] = [{ before: undefined, words: [] }];
  tokens.forEach((t, i) => {
    const run = runs.at(-1)!;
    if (isContent(t)) run.words.push(t);
    else if (run.words.length && pack.connectors.has(t.word) && tokens[i + 1] && isContent(tokens[i + 1]!)) run.words.push(t);
    else if (run.words.length) runs.push({ before: t, words: [] });
    else run.before = t;
  });
  const seen = new Map<string, Phrase>();
  for (const { before, words: run } of runs) {
    for (let i = 0; i < run.length; i++) {
      if (pack.connectors.has(run[i]!.word)) continue;
      let content = 0;
      for (let j = i; j < run.length && content < MAX_WORDS; j++) {
        if (pack.connectors.has(run[j]!.word)) continue;
        content++;
        const words = run.slice(i, j + 1);
        // A word said twice over ("broadband broadband") is a slip, not a topic.
        if (new Set(words.map((t) => t.stem)).size < words.length) break;
        const topic = pack.isTopic(words.filter((t) => !pack.connectors.has(t.word)), i === 0 ? before : run[i - 1], run[j + 1]);
        const key = words.map((t) => t.stem).join(' ');
        // One spelling per key and comment; a topic's ("the installation") wins over an action's ("installed").
        if (!seen.has(key) || (topic && !seen.get(key)!.topic)) {
          if (!seen.has(key) && seen.size >= MAX_PHRASES) return [...seen.values()];
          seen.set(key, { key, text: words.map((t) => t.word).join(pack.joiner), topic });
        }
      }
    }
  }
  return [...seen.values()];
}
