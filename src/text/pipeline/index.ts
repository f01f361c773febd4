/**
 * Text pipeline of the voice-of-the-customer domain: normalisation, language detection, zh/en
 * tokenisation (jieba + regex tokenizer), stop words, sentence and contrast-clause splitting.
 */
export { detectLanguage, type LanguageGuess } from './detect-language.js';
export { ngrams } from './ngrams.js';
export { type NormalizedText, type NormalizeOptions, normalizeText, truncateText } from './normalize-text.js';
export { type SentenceSpan, splitSentences } from './split-sentences.js';
export {
  CONTRAST_EN,
  CONTRAST_ZH,
  INTENSIFIERS_EN,
  INTENSIFIERS_ZH,
  NEGATIONS_EN,
  NEGATIONS_ZH,
  NEVER_STOP,
  STOP_WORDS_EN,
  STOP_WORDS_ZH,
} from './stop-words.js';
export { createTextPipeline, type PipelineOptions, type TextPipeline } from './text-pipeline.js';
export { toSimplified } from './to-simplified.js';
