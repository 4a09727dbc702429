// Theme candidates: runs of content words between stop words, rated words and clause breaks, cut
// into phrases of one to three words. Keys are stems, so "delivery was late" and "deliveries late"
// meet under one key.
import type { Phrase } from './analyser';
import type { LanguagePack } from './languages';
import type { Token } from './tokens';

const MAX_WORDS = 3;
/** Bounds what one comment can add to the theme index. */
export const MAX_PHRASES = 40;

export function phrasesOf(tokens: Token[], pack: LanguagePack): Phrase[] {
  const runs: Token[][] = [[]];
  for (const t of tokens) {
    const content =
      !t.boundary &&
      !pack.themeStopWords.has(t.word) &&
      !pack.isNegator(t.word) &&
      !pack.boosters.has(t.word) &&
      !pack.contrast.has(t.word) &&
      !pack.resolutions.has(t.stem) &&
      !pack.valence(t.word, t.stem) &&
      [...t.word].length >= 2 &&
      !/\d/.test(t.word);
    if (content) runs.at(-1)!.push(t);
    else if (runs.at(-1)!.length) runs.push([]);
  }
  const seen = new Map<string, Phrase>();
  for (const run of runs) {
    for (let n = 1; n <= MAX_WORDS; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const words = run.slice(i, i + n);
        const key = words.map((t) => t.stem).join(' ');
        if (!seen.has(key)) seen.set(key, { key, text: words.map((t) => t.word).join(pack.joiner) });
        if (seen.size >= MAX_PHRASES) return [...seen.values()];
      }
    }
  }
  return [...seen.values()];
}
