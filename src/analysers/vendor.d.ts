// The stop-word package ships its ES module without type declarations.
declare module 'stopword/dist/stopword.esm.mjs' {
  export const eng: string[];
  export const spa: string[];
  export const zho: string[];
}

declare module 'stopwords-iso' {
  const lists: Record<string, string[]>;
  export default lists;
}

// wink-lexicon's word list: each word's part-of-speech tags, the most frequent first.
declare module 'wink-lexicon/src/lexicon.js' {
  const lexicon: Record<string, string[]>;
  export default lexicon;
}
