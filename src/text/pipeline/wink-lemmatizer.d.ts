/** Types for wink-lemmatizer@3 (MIT), which ships none: WordNet-morphy lemmas by part of speech. */
declare module 'wink-lemmatizer' {
  interface WinkLemmatizer {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  }
  const lemmatizer: WinkLemmatizer;
  export default lemmatizer;
}
