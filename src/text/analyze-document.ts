import { type AspectTaxonomy, DEFAULT_ASPECT_TAXONOMY, extractAspects } from './aspects/index.js';
import {
  type AttributedAspect,
  attributeToBrands,
  type BrandEntry,
  type BrandMention,
  brandMentions,
} from './competitors/index.js';
import { createLexiconEngine, createSentimentLexicons } from './lexicon/index.js';
import { createTextPipeline } from './pipeline/index.js';
import type { AspectMention, PreparedText, SentimentEngine, SentimentResult, TextLocale } from './types.js';

/**
 * One document through the classical voice-of-the-customer pipeline: prepare (normalise, detect
 * the language, tokenise), sentiment (the given engine; the lexicon engine by default), aspects with
 * their opinions, brand mentions, and the aspects attributed to the brands they are said about
 * (the document's own brand when it names none — a review is about its product's brand).
 */

export interface DocumentAnalysis {
  readonly prepared: PreparedText;
  readonly sentiment: SentimentResult;
  readonly aspects: readonly AspectMention[];
  readonly mentions: readonly BrandMention[];
  readonly attributed: readonly AttributedAspect[];
}

export interface DocumentAnalyzerOptions {
  readonly brands?: readonly BrandEntry[];
  readonly taxonomy?: AspectTaxonomy;
  readonly sentiment?: SentimentEngine;
  readonly maxChars?: number;
}

export interface DocumentAnalyzer {
  readonly sentimentEngine: string;
  analyze(text: string, options?: { readonly lang?: TextLocale; readonly brand?: string }): DocumentAnalysis;
}

export function createDocumentAnalyzer(options: DocumentAnalyzerOptions = {}): DocumentAnalyzer {
  const brands = options.brands ?? [];
  const pipeline = createTextPipeline({
    userWords: brands.flatMap((b) => [...b.names.en, ...b.names.zh]),
    ...(options.maxChars === undefined ? {} : { maxChars: options.maxChars }),
  });
  const lexicons = createSentimentLexicons();
  const sentiment = options.sentiment ?? createLexiconEngine();
  const taxonomy = options.taxonomy ?? DEFAULT_ASPECT_TAXONOMY;
  return {
    sentimentEngine: sentiment.name,
    analyze(text, hints = {}) {
      const prepared = pipeline.prepare(text, hints.lang);
      const aspects = extractAspects(prepared, taxonomy, lexicons);
      const mentions = brands.length ? brandMentions(prepared.text, brands) : [];
      const attributed =
        aspects.length && (mentions.length || hints.brand)
          ? attributeToBrands(prepared, mentions, aspects, hints.brand)
          : [];
      return { prepared, sentiment: sentiment.analyze(prepared), aspects, mentions, attributed };
    },
  };
}
