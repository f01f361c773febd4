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
