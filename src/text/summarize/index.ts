/** Extractive summaries of document sets: TextRank and MMR over TF-IDF sentence vectors, zh and en. */
export {
  extractiveSummary,
  type Summary,
  type SummaryMethod,
  type SummaryOptions,
  type SummarySentence,
} from './extractive-summary.js';
export { type SentenceUnit, sentenceSpans, sentenceUnits } from './sentence-units.js';
export { textRankScores } from './textrank.js';
