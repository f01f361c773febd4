import { InputError } from '../../core/errors.js';
import { sampleInOrder } from '../../core/random.js';
import { cosineDistances, silhouetteFromDistances } from './cosine-silhouette.js';
import { type SparseRows, selectRows } from './sparse-tfidf.js';
import { sphericalKMeans } from './spherical-kmeans.js';
import { compareStrings } from './term-volumes.js';

/**
 * The parts of a topic fit shared by TF-IDF topics (topic-clusters.ts) and embedding topics
 * (embedding-topics.ts): choosing k by silhouette on a seeded sample, seeded row samples, and
 * renumbering clusters with their top TF-IDF terms.
 */

export interface Topic {
  /** 0 … k − 1, the largest topic first. */
  readonly id: number;
  readonly size: number;
  /** The highest mean TF-IDF weights over the topic's documents. */
  readonly terms: { term: string; weight: number }[];
}

export interface TopicClusters {
  /** Topic of each document, −1 when the document has none of the kept terms. */
  readonly assignments: number[];
  readonly topics: Topic[];
  readonly method: string;
  /** Mean silhouette (cosine distance) of the assignment, on a sample; absent for k = 1. */
  readonly silhouette?: number;
  /** Terms kept after document-frequency pruning. */
  readonly vocabularySize: number;
}

export interface TopicFitOptions {
  /** Number of topics, or `auto` to pick it by silhouette within `kRange`. */
  readonly k: number | 'auto';
  readonly seed: number;
  /** Terms listed per topic. Default 10. */
  readonly topTerms?: number;
  /** k-means starts per fit, the most cohesive kept. Default 3. */
  readonly restarts?: number;
  /** Range searched by `auto`. Default 2 … 8. */
  readonly kRange?: { readonly min: number; readonly max: number };
  /** Documents the silhouette is computed on (a seeded sample above this). Default 1000. */
  readonly silhouetteSample?: number;
  /** `auto` fits each candidate k on a sample of at most this many documents. Default 5000. */
  readonly selectionSample?: number;
}

/**
 * The fit both topic functions share: options checked, k chosen (auto) or checked, spherical
 * k-means on the rows of `matrix` (one per document; an empty row gets no topic), topics described
 * by the mean of `terms` (TF-IDF rows of the same documents; `matrix` itself when absent), and the
 * silhouette on a seeded sample. `naming` names the caller, its random streams, its rows and method
 * in errors and in the result.
 */
export function fitTopics(
  matrix: SparseRows,
  terms: SparseRows | undefined,
  options: TopicFitOptions,
  naming: { readonly caller: string; readonly label: string; readonly rows: string; readonly method: string },
): TopicClusters {
  const topTerms = options.topTerms ?? 10;
  const restarts = options.restarts ?? 3;
  const silhouetteSample = options.silhouetteSample ?? 1000;
  const selectionSample = options.selectionSample ?? 5000;
  const { seed } = options;
  if (!Number.isFinite(seed))
    throw new InputError('invalid_argument', `${naming.caller}: seed must be finite`);
  for (const [name, value, min] of [
    ['topTerms', topTerms, 0],
    ['restarts', restarts, 1],
    ['silhouetteSample', silhouetteSample, 2],
    ['selectionSample', selectionSample, 2],
  ] as const)
    if (!Number.isInteger(value) || value < min)
      throw new InputError(
        'invalid_argument',
        `${naming.caller}: ${name} must be an integer ≥ ${min}, got ${value}`,
      );

  const nonEmpty: number[] = [];
  for (let r = 0; r < matrix.rows; r++)
    if ((matrix.rowOffsets[r + 1] as number) > (matrix.rowOffsets[r] as number)) nonEmpty.push(r);

  let k: number;
  let method = naming.method;
  if (options.k === 'auto') {
    const chosen = autoK(matrix, nonEmpty, options.kRange, {
      seed,
      restarts,
      silhouetteSample,
      selectionSample,
      label: naming.label,
      caller: naming.caller,
      rows: naming.rows,
    });
    k = chosen.k;
    method += chosen.method;
  } else {
    k = options.k;
    if (!Number.isInteger(k) || k < 1)
      throw new InputError(
        'invalid_argument',
        `${naming.caller}: k must be an integer ≥ 1 or 'auto', got ${k}`,
      );
    if (k > nonEmpty.length)
      throw new InputError(
        'insufficient_data',
        `${naming.caller}: k = ${k} topics need at least ${k} ${naming.rows}, got ${nonEmpty.length}`,
      );
  }

  const fit = sphericalKMeans(matrix, k, seed, restarts);
  const { assignments, topics } = describeTopics(terms ?? matrix, fit.labels, k, topTerms);
  let silhouette: number | undefined;
  if (k >= 2) {
    const sample = sampleRows(nonEmpty, silhouetteSample, seed, `${naming.label}-silhouette`);
    const distances = cosineDistances(selectRows(matrix, sample));
    silhouette = silhouetteFromDistances(
      distances,
      sample.map((r) => assignments[r] as number),
    );
  }
  return {
    assignments,
    topics,
    method,
    ...(silhouette === undefined ? {} : { silhouette }),
    vocabularySize: (terms ?? matrix).vocabulary.length,
  };
}

export interface KSelection {
  readonly min: number;
  readonly max: number;
  readonly seed: number;
  readonly restarts: number;
  readonly silhouetteSample: number;
  readonly selectionSample: number;
  /** Names the random streams (`<label>-selection`, …) so each fit draws its own. */
  readonly label: string;
}

/**
 * k = 'auto': the range (default 2 … 8, capped below the usable rows) checked, then chooseK; the
 * method note says what was chosen. `caller` and `rows` name the function and its rows in errors.
 */
export function autoK(
  matrix: SparseRows,
  nonEmpty: readonly number[],
  range: { readonly min?: number; readonly max?: number } | undefined,
  selection: Omit<KSelection, 'min' | 'max'> & { readonly caller: string; readonly rows: string },
): { k: number; method: string } {
  const min = range?.min ?? 2;
  const max = Math.min(range?.max ?? 8, nonEmpty.length - 1);
  if (!Number.isInteger(min) || min < 2 || max < min)
    throw new InputError(
      'insufficient_data',
      `${selection.caller}: k = 'auto' needs a range of at least one k ≥ 2 below the ${nonEmpty.length} ${selection.rows} (asked ${min} … ${range?.max ?? 8})`,
    );
  const k = chooseK(matrix, nonEmpty, { ...selection, min, max });
  return { k, method: `, k = ${k} chosen by silhouette over ${min}…${max}` };
}

/** The k in min … max whose fit on a document sample has the highest silhouette (smaller k on ties). */
export function chooseK(matrix: SparseRows, nonEmpty: readonly number[], selection: KSelection): number {
  const { min, max, seed, restarts, silhouetteSample, selectionSample, label } = selection;
  const fitRows = sampleRows(nonEmpty, selectionSample, seed, `${label}-selection`);
  const fitMatrix = selectRows(matrix, fitRows);
  // Silhouette rows: positions within fitMatrix, sampled once so every k is scored on the same documents.
  const scored = sampleRows(
    fitRows.map((_, position) => position),
    silhouetteSample,
    seed,
    `${label}-selection-silhouette`,
  );
  const distances = cosineDistances(selectRows(fitMatrix, scored));
  let bestK = min;
  let bestScore = -Infinity;
  for (let k = min; k <= max; k++) {
    const { labels } = sphericalKMeans(fitMatrix, k, seed, restarts);
    const score = silhouetteFromDistances(
      distances,
      scored.map((position) => labels[position] as number),
    );
    if (score > bestScore + 1e-12) {
      bestScore = score;
      bestK = k;
    }
  }
  return bestK;
}

/** All rows when there are at most `size`, else a seeded uniform sample without replacement, in row order. */
export function sampleRows(rows: readonly number[], size: number, seed: number, label: string): number[] {
  return sampleInOrder(rows, size, seed, label);
}

/** Renumbers clusters largest first (ties by first member) and lists each one's top mean TF-IDF terms. */
export function describeTopics(
  matrix: SparseRows,
  labels: Int32Array,
  k: number,
  topTerms: number,
): { assignments: number[]; topics: Topic[] } {
  const sizes = new Array<number>(k).fill(0);
  const first = new Array<number>(k).fill(Infinity);
  labels.forEach((label, r) => {
    if (label < 0) return;
    sizes[label] = (sizes[label] as number) + 1;
    if (r < (first[label] as number)) first[label] = r;
  });
  const order = Array.from({ length: k }, (_, j) => j).sort(
    (a, b) => (sizes[b] as number) - (sizes[a] as number) || (first[a] as number) - (first[b] as number),
  );
  const rename = new Array<number>(k);
  order.forEach((old, id) => {
    rename[old] = id;
  });
  const assignments = Array.from(labels, (label) => (label < 0 ? -1 : (rename[label] as number)));

  const terms = matrix.vocabulary.length;
  const sums = new Float64Array(terms * k);
  for (let r = 0; r < matrix.rows; r++) {
    const label = assignments[r] as number;
    if (label < 0) continue;
    for (let e = matrix.rowOffsets[r] as number; e < (matrix.rowOffsets[r + 1] as number); e++) {
      const index = (matrix.columns[e] as number) * k + label;
      sums[index] = (sums[index] as number) + (matrix.values[e] as number);
    }
  }
  const topics = order.map((old, id) => {
    const size = sizes[old] as number;
    const weights: { term: string; weight: number }[] = [];
    for (let c = 0; c < terms; c++) {
      const sum = sums[c * k + id] as number;
      if (sum > 0) weights.push({ term: matrix.vocabulary[c] as string, weight: sum / size });
    }
    weights.sort((a, b) => b.weight - a.weight || compareStrings(a.term, b.term));
    return { id, size, terms: weights.slice(0, topTerms) };
  });
  return { assignments, topics };
}
