import { InputError } from '../../core/errors.js';
import { compareStrings } from './term-volumes.js';

export interface TextRankOptions {
  /** Co-occurrence window N: terms at most N − 1 positions apart are linked. Default 2 (neighbours). */
  readonly window?: number;
  /** Keywords returned. Default ⌈V / 3⌉ for V distinct terms, the paper's choice. */
  readonly top?: number;
  /** Damping factor d. Default 0.85. */
  readonly damping?: number;
}

export interface TextRankKeyword {
  readonly term: string;
  /** TextRank score; the scores of all V vertices sum to V. */
  readonly score: number;
}

const TOLERANCE = 1e-6;
const MAX_ITERATIONS = 1000;

/**
 * Keywords of one text by TextRank (Mihalcea & Tarau 2004, "TextRank: bringing order into texts",
 * EMNLP, §3): the distinct terms are the vertices of an undirected, unweighted graph with an edge
 * between two terms that co-occur within a window of N tokens; vertices are scored by PageRank,
 *   WS(V_i) = (1 − d) + d · Σ_{V_j ∈ adj(V_i)} WS(V_j) / |adj(V_j)|,
 * iterated from WS = 1 until no score moves by more than 1e-6. The input is the text's tokens in
 * order, already filtered (no stop words), the paper's syntactic filter being the caller's
 * tokeniser; the paper's post-processing into multi-word phrases is left to the caller.
 *
 * Cost O(T · N) to build the graph and O(E) per iteration for T tokens and E edges (tens of
 * iterations in practice).
 *
 * Example: textRankKeywords(['a','b','a','c','a','d']) → a star with centre a: a 1.918919,
 * then b, c, d 0.693694 each (the fixed point of a = 0.15 + 2.55·b, b = 0.15 + 0.85·a/3); top ⌈4/3⌉
 * = 2 → [a, b].
 */
export function textRankKeywords(
  tokens: readonly string[],
  options: TextRankOptions = {},
): TextRankKeyword[] {
  const window = options.window ?? 2;
  const damping = options.damping ?? 0.85;
  if (!Number.isInteger(window) || window < 2)
    throw new InputError(
      'invalid_argument',
      `textRankKeywords: window must be an integer ≥ 2, got ${window}`,
    );
  if (!(damping > 0 && damping < 1))
    throw new InputError('invalid_argument', `textRankKeywords: damping must be in (0, 1), got ${damping}`);

  const ids = new Map<string, number>();
  const sequence = new Int32Array(tokens.length);
  tokens.forEach((token, position) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = ids.size;
      ids.set(token, id);
    }
    sequence[position] = id;
  });
  const vertices = ids.size;
  const top = options.top ?? Math.ceil(vertices / 3);
  if (!Number.isInteger(top) || top < 0)
    throw new InputError(
      'invalid_argument',
      `textRankKeywords: top must be a non-negative integer, got ${top}`,
    );
  if (vertices === 0) return [];

  const { offsets, neighbours } = coOccurrenceGraph(sequence, vertices, window);
  const degree = new Float64Array(vertices);
  for (let v = 0; v < vertices; v++) degree[v] = (offsets[v + 1] as number) - (offsets[v] as number);
  let scores = new Float64Array(vertices).fill(1);
  let next = new Float64Array(vertices);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let change = 0;
    for (let v = 0; v < vertices; v++) {
      let sum = 0;
      for (let e = offsets[v] as number; e < (offsets[v + 1] as number); e++) {
        const u = neighbours[e] as number;
        sum += (scores[u] as number) / (degree[u] as number);
      }
      const value = 1 - damping + damping * sum;
      change = Math.max(change, Math.abs(value - (scores[v] as number)));
      next[v] = value;
    }
    [scores, next] = [next, scores];
    if (change <= TOLERANCE) break;
  }
  const ranked = [...ids].map(([term, id]) => ({ term, score: scores[id] as number }));
  ranked.sort((a, b) => b.score - a.score || compareStrings(a.term, b.term));
  return ranked.slice(0, top);
}

/** Undirected co-occurrence graph in compressed sparse row form (each edge once per endpoint, no loops). */
function coOccurrenceGraph(
  sequence: Int32Array,
  vertices: number,
  window: number,
): { offsets: Int32Array; neighbours: Int32Array } {
  const edges = new Set<number>();
  for (let i = 0; i < sequence.length; i++) {
    for (let j = i + 1; j < Math.min(sequence.length, i + window); j++) {
      const a = sequence[i] as number;
      const b = sequence[j] as number;
      if (a !== b) edges.add(a < b ? a * vertices + b : b * vertices + a);
    }
  }
  const offsets = new Int32Array(vertices + 1);
  for (const key of edges) {
    const a = Math.floor(key / vertices) + 1;
    const b = (key % vertices) + 1;
    offsets[a] = (offsets[a] as number) + 1;
    offsets[b] = (offsets[b] as number) + 1;
  }
  for (let v = 0; v < vertices; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const fill = offsets.slice(0, vertices);
  const neighbours = new Int32Array(2 * edges.size);
  for (const key of edges) {
    const a = Math.floor(key / vertices);
    const b = key % vertices;
    neighbours[fill[a] as number] = b;
    neighbours[fill[b] as number] = a;
    fill[a] = (fill[a] as number) + 1;
    fill[b] = (fill[b] as number) + 1;
  }
  return { offsets, neighbours };
}
