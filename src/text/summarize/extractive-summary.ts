import { InputError } from '../../core/errors.js';
import type { PreparedText } from '../types.js';
import { type SentenceUnit, sentenceUnits } from './sentence-units.js';
import { textRankScores } from './textrank.js';
import {
  buildTfIdf,
  denseRow,
  multiply,
  multiplyTransposed,
  rowCosine,
  type TfIdfMatrix,
} from './tfidf-matrix.js';

export type SummaryMethod = 'textrank' | 'mmr';

export interface SummaryOptions {
  /** How many sentences (default 3). */
  readonly sentences?: number;
  /** `textrank` (default): the most central sentences; `mmr`: relevant and mutually different ones. */
  readonly method?: SummaryMethod;
  /** MMR trade-off between relevance (1) and novelty (0), default 0.7. */
  readonly lambda?: number;
  /** Focus terms (e.g. an aspect's terms, compared with token `norm`); only sentences using one qualify. */
  readonly query?: readonly string[];
  /** Budget for the summed length of the chosen sentences (code units); sentences that do not fit are passed over. */
  readonly maxChars?: number;
  /** Sentences longer than this are not candidates (default 300 code units). */
  readonly maxSentenceChars?: number;
  /** Two sentences more similar than this (cosine) are never both chosen (default 0.8). */
  readonly duplicateThreshold?: number;
}

export interface SummarySentence {
  readonly text: string;
  /** The document the quote comes from, so a report can link it. */
  readonly docId: string;
  /** Offsets of the quote in that document's `text`. */
  readonly start: number;
  readonly end: number;
  /** textrank: PageRank × number of candidates (1 = average centrality); mmr: the marginal relevance when chosen. */
  readonly score: number;
}

export interface Summary {
  readonly sentences: SummarySentence[];
  /** `textrank` or `mmr`, with `+query` when a query focused it. */
  readonly method: string;
}

const HAN = /\p{Script=Han}/u;

function validate(options: SummaryOptions): Required<Omit<SummaryOptions, 'query' | 'maxChars'>> {
  const sentences = options.sentences ?? 3;
  const method = options.method ?? 'textrank';
  const lambda = options.lambda ?? 0.7;
  const maxSentenceChars = options.maxSentenceChars ?? 300;
  const duplicateThreshold = options.duplicateThreshold ?? 0.8;
  if (!(Number.isInteger(sentences) && sentences >= 1))
    throw new InputError(
      'invalid_option',
      `extractiveSummary: sentences must be a positive integer, got ${sentences}`,
    );
  if (method !== 'textrank' && method !== 'mmr')
    throw new InputError(
      'invalid_option',
      `extractiveSummary: method must be textrank or mmr, got "${method}"`,
    );
  if (!(lambda >= 0 && lambda <= 1))
    throw new InputError('invalid_option', `extractiveSummary: lambda must be in [0, 1], got ${lambda}`);
  if (options.maxChars !== undefined && !(options.maxChars > 0))
    throw new InputError(
      'invalid_option',
      `extractiveSummary: maxChars must be positive, got ${options.maxChars}`,
    );
  if (!(maxSentenceChars > 0))
    throw new InputError('invalid_option', `extractiveSummary: maxSentenceChars must be positive`);
  if (!(duplicateThreshold > 0 && duplicateThreshold <= 1))
    throw new InputError('invalid_option', `extractiveSummary: duplicateThreshold must be in (0, 1]`);
  return { sentences, method, lambda, maxSentenceChars, duplicateThreshold };
}

/**
 * Whether vocabulary term `term` answers query term `q`: equal, or for Chinese (no spaces, so the
 * segmenter may cut 物流 out of 物流速度 or keep 快递员 whole) one containing the other, 2+ characters.
 */
function matchesQuery(term: string, q: string): boolean {
  if (term === q) return true;
  if (!HAN.test(q) || !HAN.test(term)) return false;
  return (q.length >= 2 && term.includes(q)) || (term.length >= 2 && q.includes(term));
}

/** Cosine of each sentence with the query (IDF-weighted query terms found in the vocabulary). */
function queryRelevance(m: TfIdfMatrix, query: readonly string[]): Float64Array {
  const wanted = query.map((q) => q.trim().toLowerCase()).filter((q) => q !== '');
  const q = new Float64Array(m.columns);
  let norm = 0;
  for (const [term, column] of m.vocabulary) {
    if (!wanted.some((w) => matchesQuery(term, w))) continue;
    q[column] = m.idf[column] as number;
    norm += (q[column] as number) ** 2;
  }
  if (norm === 0) return new Float64Array(m.rows);
  const scale = 1 / Math.sqrt(norm);
  return multiply(
    m,
    q.map((x) => x * scale),
  );
}

/** Cosine of each sentence with the centroid of all sentences. */
function centroidRelevance(m: TfIdfMatrix): Float64Array {
  const centroid = multiplyTransposed(m, new Float64Array(m.rows).fill(1));
  const norm = Math.sqrt(centroid.reduce((a, x) => a + x * x, 0));
  if (norm === 0) return new Float64Array(m.rows);
  return multiply(
    m,
    centroid.map((x) => x / norm),
  );
}

interface Selection {
  readonly index: number;
  readonly score: number;
}

/** Greedy pick in score order, skipping near-duplicates of what is chosen and what exceeds the budget. */
function pickByScore(
  m: TfIdfMatrix,
  units: readonly SentenceUnit[],
  scores: Float64Array,
  eligible: (i: number) => boolean,
  k: number,
  duplicateThreshold: number,
  budget: number,
): Selection[] {
  const order = Array.from({ length: m.rows }, (_, i) => i)
    .filter(eligible)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const chosen: Selection[] = [];
  let used = 0;
  for (const i of order) {
    if (chosen.length >= k) break;
    const length = (units[i] as SentenceUnit).text.length;
    if (used + length > budget) continue;
    if (chosen.some((c) => rowCosine(m, c.index, i) > duplicateThreshold)) continue;
    chosen.push({ index: i, score: (scores[i] as number) * m.rows });
    used += length;
  }
  return chosen;
}

/**
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998, SIGIR): repeatedly choose
 *   argmax_i  λ · rel(i) − (1 − λ) · max_{j chosen} cos(i, j)
 * among eligible sentences; near-duplicates (cos > threshold) of a chosen one are out. Each pick
 * updates the max-similarity array with one sparse product: O(k · non-zeros).
 */
function pickByMmr(
  m: TfIdfMatrix,
  units: readonly SentenceUnit[],
  relevance: Float64Array,
  eligible: (i: number) => boolean,
  k: number,
  lambda: number,
  duplicateThreshold: number,
  budget: number,
): Selection[] {
  const maxSimilarity = new Float64Array(m.rows);
  const taken = new Uint8Array(m.rows);
  const chosen: Selection[] = [];
  let used = 0;
  while (chosen.length < k) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m.rows; i++) {
      if (taken[i] || !eligible(i) || (maxSimilarity[i] as number) > duplicateThreshold) continue;
      if (used + (units[i] as SentenceUnit).text.length > budget) continue;
      const score = lambda * (relevance[i] as number) - (1 - lambda) * (maxSimilarity[i] as number);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    used += (units[best] as SentenceUnit).text.length;
    chosen.push({ index: best, score: bestScore });
    const similarity = multiply(m, denseRow(m, best));
    for (let i = 0; i < m.rows; i++)
      maxSimilarity[i] = Math.max(maxSimilarity[i] as number, similarity[i] as number);
  }
  return chosen;
}

/**
 * Extractive summary of a set of documents (reviews, posts, tickets — zh and en alike): quotes the
 * sentences that best represent them, each with the id of the document it comes from.
 *
 * Candidates: the documents' sentences (clause spans merged back), skipping very short ones
 * (< 4 letters with Han text, < 3 words otherwise), very long ones (`maxSentenceChars`) and those
 * with no content word. Similarity: cosine of TF-IDF vectors over the `norm` of non-stop word
 * tokens. `textrank` ranks by PageRank centrality on the similarity graph (see `textRankScores`),
 * personalised to the query when one is given; `mmr` trades relevance to the centroid (or the query)
 * against redundancy. With a query only sentences using a query term qualify (none → empty summary).
 * Two sentences with cosine > `duplicateThreshold` are never both chosen. Deterministic: ties go to
 * the earlier sentence in input order. Sentences come back in the order chosen (best first).
 * Cost: O(non-zeros · iterations) for textrank, O(k · non-zeros) for mmr, plus sorting.
 */
export function extractiveSummary(
  docs: readonly { readonly id: string; readonly doc: PreparedText }[],
  options: SummaryOptions = {},
): Summary {
  const { sentences: k, method, lambda, maxSentenceChars, duplicateThreshold } = validate(options);
  const focused = (options.query ?? []).some((q) => q.trim() !== '');
  const label = focused ? `${method}+query` : method;
  const units = sentenceUnits(docs, { minHanChars: 4, minWords: 3, maxChars: maxSentenceChars });
  if (units.length === 0) return { sentences: [], method: label };

  const m = buildTfIdf(units.map((u) => u.terms));
  const queryScores = focused ? queryRelevance(m, options.query ?? []) : undefined;
  const eligible = queryScores ? (i: number) => (queryScores[i] as number) > 0 : () => true;
  const budget = options.maxChars ?? Number.POSITIVE_INFINITY;
  const chosen =
    method === 'textrank'
      ? pickByScore(
          m,
          units,
          textRankScores(m, { teleport: queryScores }),
          eligible,
          k,
          duplicateThreshold,
          budget,
        )
      : pickByMmr(
          m,
          units,
          queryScores ?? centroidRelevance(m),
          eligible,
          k,
          lambda,
          duplicateThreshold,
          budget,
        );
  return {
    sentences: chosen.map(({ index, score }) => {
      const u = units[index] as SentenceUnit;
      return { text: u.text, docId: u.docId, start: u.start, end: u.end, score };
    }),
    method: label,
  };
}
