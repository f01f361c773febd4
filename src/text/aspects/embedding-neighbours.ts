import { InputError } from '../../core/errors.js';
import { createSentimentLexicons, modifierOf, type SentimentLexicon } from '../lexicon/sentiment-lexicon.js';
import type { PreparedText, TextLocale, Token } from '../types.js';
import { type AspectTaxonomy, compileTaxonomy } from './taxonomy.js';

/**
 * Candidate new aspect terms by embedding neighbours of the seed terms, for a person to review:
 * the embedding counterpart of `expandAspectTerms` (clause co-occurrence). Two steps, so the
 * caller can embed in between:
 *
 * 1. `frequentCandidateTerms`: the corpus words worth asking about — word tokens in at least
 *    `minDocuments` documents that are not stop words, numbers, seed terms, opinion words or
 *    modifiers, at least 2 characters (zh) / 3 letters (en); the `maxTerms` most frequent.
 * 2. `embeddingNeighbourTerms`: with an embedding of every seed term and candidate,
 *      score(w, a) = max over seed terms s of aspect a of cos(e(w), e(s)),
 *    each candidate going to the aspect with the highest score when that is ≥ `minSimilarity`;
 *    the top K per aspect, each with the seed it is nearest to (so a reviewer sees why).
 *    Nearest-seed (not centroid) similarity, because an aspect's seeds spread over sub-senses
 *    (物流 / 快递员 / 包邮) that a mean vector would blur.
 * Cost: O(tokens) for step 1; O(candidates × seeds × d) for step 2.
 */

export interface FrequentTermOptions {
  /** Documents a word must occur in (default 3). */
  readonly minDocuments?: number;
  /** Most candidates returned, the most frequent first (default 500). */
  readonly maxTerms?: number;
  readonly lexicons?: Readonly<Record<TextLocale, SentimentLexicon>>;
}

export interface FrequentTerm {
  readonly term: string;
  readonly lang: TextLocale;
  /** Documents holding the term. */
  readonly documents: number;
}

export interface EmbeddingNeighbourOptions {
  /** Least cosine similarity to a seed term (default 0.5). */
  readonly minSimilarity?: number;
  /** Candidates per aspect (default 10). */
  readonly topK?: number;
}

export interface AspectNeighbourTerm {
  readonly term: string;
  /** Cosine similarity to the nearest seed term of the aspect, in [minSimilarity, 1]. */
  readonly score: number;
  /** That seed term. */
  readonly seed: string;
}

let defaultLexicons: Readonly<Record<TextLocale, SentimentLexicon>> | undefined;

function isCandidate(token: Token, locale: TextLocale, lexicon: SentimentLexicon): boolean {
  if (token.kind !== 'word' || token.stop) return false;
  const word = token.norm;
  if (locale === 'zh' ? word.length < 2 : !/^[a-z][a-z'-]{2,}$/.test(word)) return false;
  if (/^\d/.test(word) || modifierOf(locale, word)) return false;
  const valence = lexicon.terms.get(word);
  return valence === undefined || valence === 0;
}

/** The seed terms of every aspect, lower-cased, both languages. */
function seedsOf(taxonomy: AspectTaxonomy): Map<string, string[]> {
  compileTaxonomy(taxonomy); // validates it
  return new Map(
    taxonomy.aspects.map((a) => [
      a.key,
      [...new Set([...a.terms.en, ...a.terms.zh].map((t) => t.toLowerCase()))],
    ]),
  );
}

/** Step 1 (see the module comment): frequent corpus words that are not seed terms, by documents then term. */
export function frequentCandidateTerms(
  docs: readonly PreparedText[],
  taxonomy: AspectTaxonomy,
  options: FrequentTermOptions = {},
): FrequentTerm[] {
  const minDocuments = options.minDocuments ?? 3;
  const maxTerms = options.maxTerms ?? 500;
  if (!Number.isInteger(minDocuments) || minDocuments < 1 || !Number.isInteger(maxTerms) || maxTerms < 1)
    throw new InputError(
      'invalid_argument',
      `frequentCandidateTerms: minDocuments (${minDocuments}) and maxTerms (${maxTerms}) must be positive integers`,
    );
  const seeds = new Set([...seedsOf(taxonomy).values()].flat());
  defaultLexicons ??= createSentimentLexicons();
  const lexicons = options.lexicons ?? defaultLexicons;
  const counts = new Map<string, { lang: TextLocale; documents: number }>();
  for (const doc of docs) {
    if (doc.lang !== 'zh' && doc.lang !== 'en') continue;
    const locale = doc.lang;
    const seen = new Set<string>();
    for (const token of doc.tokens)
      if (!seeds.has(token.norm) && isCandidate(token, locale, lexicons[locale])) seen.add(token.norm);
    for (const term of seen) {
      const entry = counts.get(term);
      if (entry) entry.documents++;
      else counts.set(term, { lang: locale, documents: 1 });
    }
  }
  return [...counts]
    .filter(([, c]) => c.documents >= minDocuments)
    .map(([term, c]) => ({ term, lang: c.lang, documents: c.documents }))
    .sort((a, b) => b.documents - a.documents || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, maxTerms);
}

/** The seed terms of `taxonomy` to embed for step 2 (lower-cased, deduplicated, taxonomy order). */
export function aspectSeedTerms(taxonomy: AspectTaxonomy): string[] {
  return [...new Set([...seedsOf(taxonomy).values()].flat())];
}

function unit(vector: ArrayLike<number>, dimensions: number, what: string): Float64Array | undefined {
  if (vector.length !== dimensions)
    throw new InputError(
      'invalid_argument',
      `embeddings must all have one length: ${dimensions}, but ${what} has ${vector.length}`,
    );
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = vector[i] as number;
    if (!Number.isFinite(value))
      throw new InputError('invalid_argument', `the embedding of ${what} is not finite`);
    norm += value * value;
  }
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  return Float64Array.from({ length: dimensions }, (_, i) => (vector[i] as number) * scale);
}

/**
 * Step 2 (see the module comment): candidate terms per aspect key, best first. Seeds and
 * candidates without an embedding in `embeddings` (or with a zero one) are skipped; a candidate
 * that is itself a seed term is never proposed.
 * Example: seeds {logistics: [快递]}, e(快递) = (1, 0), e(快递员) = (0.9, 0.1), e(面料) = (0, 1) →
 * {logistics: [{term: 快递员, score ≈ 0.994, seed: 快递}]}.
 */
export function embeddingNeighbourTerms(
  taxonomy: AspectTaxonomy,
  candidates: readonly string[],
  embeddings: ReadonlyMap<string, ArrayLike<number>>,
  options: EmbeddingNeighbourOptions = {},
): Record<string, AspectNeighbourTerm[]> {
  const minSimilarity = options.minSimilarity ?? 0.5;
  const topK = options.topK ?? 10;
  if (!(minSimilarity >= -1 && minSimilarity <= 1))
    throw new InputError('invalid_argument', `minSimilarity must be in [−1, 1], got ${minSimilarity}`);
  if (!Number.isInteger(topK) || topK < 1)
    throw new InputError('invalid_argument', `topK must be a positive integer, got ${topK}`);
  const seeds = seedsOf(taxonomy);
  const allSeeds = new Set([...seeds.values()].flat());
  const dimensions = embeddings.values().next().value?.length ?? 0;
  const seedVectors = [...seeds].map(([aspect, terms]) => ({
    aspect,
    seeds: terms.flatMap((term) => {
      const raw = embeddings.get(term);
      const vector = raw === undefined ? undefined : unit(raw, dimensions, `seed "${term}"`);
      return vector ? [{ term, vector }] : [];
    }),
  }));
  const result: Record<string, AspectNeighbourTerm[]> = Object.fromEntries(
    taxonomy.aspects.map((a) => [a.key, []]),
  );
  for (const term of new Set(candidates.map((c) => c.toLowerCase()))) {
    if (allSeeds.has(term)) continue;
    const raw = embeddings.get(term);
    const vector = raw === undefined ? undefined : unit(raw, dimensions, `"${term}"`);
    if (!vector) continue;
    let best: { aspect: string; score: number; seed: string } | undefined;
    for (const { aspect, seeds: list } of seedVectors)
      for (const seed of list) {
        let dot = 0;
        for (let i = 0; i < dimensions; i++) dot += (vector[i] as number) * (seed.vector[i] as number);
        if (!best || dot > best.score) best = { aspect, score: dot, seed: seed.term };
      }
    if (best && best.score >= minSimilarity)
      result[best.aspect]?.push({ term, score: Math.min(1, best.score), seed: best.seed });
  }
  for (const key of Object.keys(result))
    result[key] = (result[key] ?? [])
      .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
      .slice(0, topK);
  return result;
}
