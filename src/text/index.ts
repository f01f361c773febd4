/** Public API of the text-analytics domain (voice of the customer; other modules import only from here). */

export {
  createDocumentAnalyzer,
  type DocumentAnalysis,
  type DocumentAnalyzer,
  type DocumentAnalyzerOptions,
} from './analyze-document.js';
export * from './aspects/index.js';
export * from './classifier/index.js';
export * from './competitors/index.js';
export * from './lexicon/index.js';
export * from './pipeline/index.js';
export {
  type SentimentAnswer,
  sentimentAnswerSchema,
  sentimentPrompt,
  sentimentPrompts,
} from './sentiment-prompt.js';
export * from './summarize/index.js';
export * from './trends/index.js';
export type * from './types.js';
