import { InputError } from '../../core/errors.js';
import { clauseOfTokens } from '../lexicon/opinion-units.js';
import { createSentimentLexicons, modifierOf, type SentimentLexicon } from '../lexicon/sentiment-lexicon.js';
import type { PreparedText, TextLocale, Token } from '../types.js';
import { matchAspectTerms } from './extract-aspects.js';
import { type AspectTaxonomy, compileTaxonomy } from './taxonomy.js';

/**
 * Candidate new aspect terms by co-occurrence with the seed terms, for a person to review.
 *
 * Unit of co-occurrence: the clause. For a candidate word w and an aspect a (a clause "has" a
 * when one of its seed terms occurs in it), normalised pointwise mutual information (Bouma 2009,
 * "Normalized (pointwise) mutual information in collocation extraction"):
 *   npmi(w, a) = ln(p(w,a) / (p(w)·p(a))) / −ln p(w,a),   in [−1, 1].
 * Candidates: word tokens that are not stop words, numbers, seed terms, opinion words, modifiers;
 * at least 2 characters (zh) / 3 letters (en); co-occurring in ≥ minCount clauses. Each candidate
 * goes to the aspect where its npmi is highest (only when > 0); the top K per aspect are returned.
 * Cost: O(tokens) counting + O(candidates × aspects).
 */

export interface ExpandAspectTermsOptions {
  /** Minimum number of clauses where the word and the aspect co-occur (default 3). */
  readonly minCount?: number;
  /** Candidates per aspect (default 10). */
  readonly topK?: number;
  /** Lexicons used to exclude opinion words (default: the built-in ones). */
  readonly lexicons?: Readonly<Record<TextLocale, SentimentLexicon>>;
}

export interface AspectTermCandidate {
  readonly term: string;
  /** Normalised PMI with the aspect, in (0, 1]. */
  readonly score: number;
}

let defaultLexicons: Readonly<Record<TextLocale, SentimentLexicon>> | undefined;

/** The built-in lexicons, built once. */
function builtInLexicons(): Readonly<Record<TextLocale, SentimentLexicon>> {
  defaultLexicons ??= createSentimentLexicons();
  return defaultLexicons;
}

function isCandidate(token: Token, locale: TextLocale, lexicon: SentimentLexicon): boolean {
  if (token.kind !== 'word' || token.stop) return false;
  const word = token.norm;
  if (locale === 'zh' ? word.length < 2 : !/^[a-z][a-z'-]{2,}$/.test(word)) return false;
  if (/^\d/.test(word) || modifierOf(locale, word)) return false;
  const valence = lexicon.terms.get(word);
  return valence === undefined || valence === 0;
}

/** Candidate terms per aspect key, best first. */
export function expandAspectTerms(
  docs: readonly PreparedText[],
  taxonomy: AspectTaxonomy,
  options: ExpandAspectTermsOptions = {},
): Record<string, AspectTermCandidate[]> {
  const minCount = options.minCount ?? 3;
  const topK = options.topK ?? 10;
  if (!Number.isInteger(minCount) || minCount < 1 || !Number.isInteger(topK) || topK < 1)
    throw new InputError(
      'invalid_expand_options',
      `minCount (${minCount}) and topK (${topK}) must be positive integers`,
    );
  const compiled = compileTaxonomy(taxonomy);
  const lexicons = options.lexicons ?? builtInLexicons();
  let clauses = 0;
  const aspectCount = new Map<string, number>();
  const wordCount = new Map<string, number>();
  const pairCount = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    if (doc.lang !== 'zh' && doc.lang !== 'en') continue;
    const locale = doc.lang;
    const clauseOf = clauseOfTokens(doc);
    const seedTokens = new Set<number>();
    const aspectsByClause = new Map<number, Set<string>>();
    for (const match of matchAspectTerms(doc, compiled, locale)) {
      for (let k = match.firstToken; k <= match.lastToken; k++) seedTokens.add(k);
      const clause = clauseOf[match.firstToken] ?? 0;
      const set = aspectsByClause.get(clause) ?? new Set<string>();
      set.add(match.aspect);
      aspectsByClause.set(clause, set);
    }
    const wordsByClause = new Map<number, Set<string>>();
    doc.tokens.forEach((token, k) => {
      if (seedTokens.has(k) || !isCandidate(token, locale, lexicons[locale])) return;
      const clause = clauseOf[k] ?? 0;
      const set = wordsByClause.get(clause) ?? new Set<string>();
      set.add(token.norm);
      wordsByClause.set(clause, set);
    });
    clauses += Math.max(1, doc.sentences.length);
    for (const aspects of aspectsByClause.values())
      for (const aspect of aspects) aspectCount.set(aspect, (aspectCount.get(aspect) ?? 0) + 1);
    for (const [clause, words] of wordsByClause) {
      const aspects = aspectsByClause.get(clause);
      for (const word of words) {
        wordCount.set(word, (wordCount.get(word) ?? 0) + 1);
        if (!aspects) continue;
        const pairs = pairCount.get(word) ?? new Map<string, number>();
        for (const aspect of aspects) pairs.set(aspect, (pairs.get(aspect) ?? 0) + 1);
        pairCount.set(word, pairs);
      }
    }
  }
  const result: Record<string, AspectTermCandidate[]> = Object.fromEntries(
    compiled.keys.map((key) => [key, []]),
  );
  for (const [word, pairs] of pairCount) {
    let best: { aspect: string; score: number } | undefined;
    for (const [aspect, together] of pairs) {
      if (together < minCount) continue;
      const pJoint = together / clauses;
      const pWord = (wordCount.get(word) ?? 0) / clauses;
      const pAspect = (aspectCount.get(aspect) ?? 0) / clauses;
      const score = pJoint >= 1 ? 1 : Math.log(pJoint / (pWord * pAspect)) / -Math.log(pJoint);
      if (score > 0 && (!best || score > best.score)) best = { aspect, score };
    }
    if (best) result[best.aspect]?.push({ term: word, score: best.score });
  }
  for (const key of compiled.keys)
    result[key] = (result[key] ?? [])
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
      .slice(0, topK);
  return result;
}
