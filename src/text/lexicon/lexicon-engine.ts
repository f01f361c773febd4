import type {
  PreparedText,
  SentimentEngine,
  SentimentLabel,
  SentimentResult,
  TextLocale,
  Token,
} from '../types.js';
import { ALTHOUGH_WORDS, BUT_WORDS } from './modifiers.js';
import { clauseOfTokens, findOpinionUnits, type OpinionUnit } from './opinion-units.js';
import { createSentimentLexicons, type ExtraTerms } from './sentiment-lexicon.js';

/**
 * Lexicon-based sentiment engine for Chinese and English (the classical engine that works with
 * no model and no LLM).
 *
 * score = S / √(S² + α), S = Σ valueᵢ · contrastWeightᵢ (+ exclamation emphasis), α = 15/16
 * — VADER's normalisation x/√(x²+15) on its ±4 scale, rescaled to our ±1 valences (Hutto &
 * Gilbert 2014). Valences come from the opinion units (negation, intensifiers: see
 * opinion-units.ts); contrast follows VADER's "but" rule and SO-CAL's treatment of concessions
 * (Taboada et al. 2011): units before 但是/but ×0.5, after ×1.5; a 虽然/although span ×0.5
 * and the rest of its clause ×1.5. Each "!" adds 0.073 (VADER's 0.292 / 4) to |S|, at most 4.
 * Label: |score| < 0.05 → neutral. Confidence: ½|score| + ½·agreement·(1 − 0.5^hits), where
 * agreement = |Σv| / Σ|v| (mixed opinions lower it); neutral: 0.3 with no opinion word, else
 * ½·(1 − agreement)·(1 − 0.5^hits) (opinions that cancel out). Language `other`/`unknown` or
 * only punctuation → `unknown`, confidence 0.
 * Cost: O(tokens).
 *
 * Example: 价格便宜，但是质量很差 → S = 0.5 × 0.5 (便宜, before 但是) − 0.65 × 1.5 (很差, after)
 * = −0.725 → { label: 'negative', score: −0.599, confidence: 0.52 }; "good" → 0.527.
 */

const ALPHA = 15 / 16;
const NEUTRAL_BAND = 0.05;
const EXCLAMATION_BOOST = 0.073;

export interface LexiconEngineOptions {
  /** Extra or overriding terms per language, valences in [−1, 1]. */
  readonly extraTerms?: ExtraTerms;
}

/** Contrast weight of each unit (same order as `units`). */
export function contrastWeights(
  doc: PreparedText,
  units: readonly OpinionUnit[],
  locale: TextLocale,
): Float64Array {
  const weights = new Float64Array(units.length).fill(1);
  const clause = clauseOfTokens(doc);
  const { tokens } = doc;
  const firstWordOfClause = new Map<number, number>();
  tokens.forEach((token, i) => {
    const c = clause[i] ?? 0;
    if (token.kind !== 'punct' && !firstWordOfClause.has(c)) firstWordOfClause.set(c, i);
  });
  tokens.forEach((token, i) => {
    const c = clause[i] ?? 0;
    if (BUT_WORDS[locale].has(token.norm)) {
      const opensClause = firstWordOfClause.get(c) === i;
      units.forEach((unit, u) => {
        if (unit.clause === c) weights[u] = (weights[u] ?? 1) * (unit.firstToken > i ? 1.5 : 0.5);
        else if (opensClause && unit.clause === c - 1) weights[u] = (weights[u] ?? 1) * 0.5;
      });
    } else if (ALTHOUGH_WORDS[locale].has(token.norm)) {
      let spanEnd = i + 1;
      while (spanEnd < tokens.length && clause[spanEnd] === c && (tokens[spanEnd] as Token).kind !== 'punct')
        spanEnd++;
      units.forEach((unit, u) => {
        if (unit.clause !== c || unit.firstToken < i) return;
        weights[u] = (weights[u] ?? 1) * (unit.firstToken < spanEnd ? 0.5 : 1.5);
      });
    }
  });
  return weights;
}

function countExclamations(text: string): number {
  let count = 0;
  for (const char of text) if (char === '!' || char === '！') count++;
  return count;
}

/** Label of a normalised score. */
export function labelOf(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

/** The lexicon engine (`name: 'lexicon'`). */
export function createLexiconEngine(options: LexiconEngineOptions = {}): SentimentEngine {
  const lexicons = createSentimentLexicons(options.extraTerms);
  const name = 'lexicon';
  const unknown: SentimentResult = { label: 'unknown', score: 0, confidence: 0, engine: name };
  return {
    name,
    analyze(doc: PreparedText): SentimentResult {
      if (doc.lang !== 'zh' && doc.lang !== 'en') return unknown;
      if (!doc.tokens.some((t) => t.kind !== 'punct')) return unknown;
      const units = findOpinionUnits(doc, lexicons[doc.lang]);
      if (units.length === 0) return { label: 'neutral', score: 0, confidence: 0.3, engine: name };
      const weights = contrastWeights(doc, units, doc.lang);
      let total = 0;
      let magnitude = 0;
      units.forEach((unit, u) => {
        const weighted = unit.value * (weights[u] ?? 1);
        total += weighted;
        magnitude += Math.abs(weighted);
      });
      if (total !== 0)
        total += Math.sign(total) * EXCLAMATION_BOOST * Math.min(4, countExclamations(doc.text));
      const score = total / Math.sqrt(total * total + ALPHA);
      const agreement = magnitude === 0 ? 0 : Math.min(1, Math.abs(total) / magnitude);
      const label = labelOf(score);
      const evidence = 1 - 0.5 ** units.length;
      const confidence =
        label === 'neutral'
          ? 0.5 * evidence * (1 - agreement)
          : 0.5 * Math.abs(score) + 0.5 * agreement * evidence;
      return { label, score, confidence: Math.max(0, Math.min(1, confidence)), engine: name };
    },
  };
}
