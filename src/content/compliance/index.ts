/**
 * Compliance lint of marketing content (广告法 absolute, medical and financial terms; FTC/CAP
 * superlatives; opt-out; PII; length; brand rules), its deterministic repair and a labelled
 * evaluation set.
 */

export { findEmoji, isEmoji } from './emoji.js';
export { evaluateLint, formatLintEvaluation, type LintEvaluation, type RuleScore } from './evaluate.js';
export type { PiiDetector } from './field-rules.js';
export { type FixResult, fixPiece } from './fix.js';
export { type LintOptions, lintPiece, lintText, type TextContext } from './lint.js';
export { type LintCase, lintCaseBrand, lintCases } from './lint-cases.js';
export { lintCasesHoldout } from './lint-cases-holdout.js';
export { type RuleId, ruleIds, ruleSeverity } from './rules.js';
export { trimToLength } from './trim.js';
