/** Public API of the content domain (other modules import only from here). */

export { localizedCategory } from './category-names.js';
export {
  type ContentKind,
  type ContentLocale,
  type FieldSpec,
  type FormatId,
  type FormatSpec,
  formatIds,
  formats,
  formatsByKind,
  type LengthMeasure,
  measureLength,
  slotLengths,
  slotsIn,
} from './channels.js';
export {
  evaluateLint,
  fixPiece,
  formatLintEvaluation,
  type LintCase,
  type LintOptions,
  lintCaseBrand,
  lintCases,
  lintCasesHoldout,
  lintPiece,
  lintText,
  type TextContext,
} from './compliance/index.js';
export {
  buildContentPrompt,
  buildRepairPrompt,
  contentOutputSchema,
  piecesFromLlmOutput,
} from './llm-writer.js';
export { occasionIds } from './occasions.js';
export { pieceText } from './piece-text.js';
export { builtInPrompts, promptIdByKind } from './prompts/index.js';
export { defaultBrandVoice, templateVersion, writeFromTemplate } from './templates/index.js';
export type {
  AudienceFacts,
  BrandVoice,
  ContentPiece,
  ContentRequest,
  EmojiPolicy,
  LintFinding,
  LintResult,
  LintSeverity,
  Occasion,
  Offer,
  ProductFacts,
} from './types.js';
export { dedupeVariants, textSimilarity } from './variants.js';
