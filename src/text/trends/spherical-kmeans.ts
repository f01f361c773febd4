import { deriveRng, type Rng } from '../../core/random.js';
import { rowDot, type SparseRows } from './sparse-tfidf.js';

export interface SphericalKMeansResult {
  /** Cluster of each row, −1 for an empty row (no kept term, so no direction). */
  readonly labels: Int32Array;
  /** Unit centroid directions, V × k, term-major: centroids[c·k + j] is term c in cluster j. */
  readonly centroids: Float64Array;
  /** Σ over non-empty rows of the cosine to their centroid (higher is better). */
  readonly cohesion: number;
  readonly iterations: number;
}

const MAX_ITERATIONS = 100;

/**
 * Spherical k-means (Dhillon & Modha 2001, "Concept decompositions for large sparse text data
 * using clustering", Machine Learning 42): k-means on unit vectors with cosine similarity, the
 * centroid of a cluster being the normalised sum of its rows. Seeded by k-means++ (Arthur &
 * Vassilvitskii 2007) with weights 1 − max cos (for unit vectors ‖x − c‖² = 2(1 − cos)); an
 * emptied cluster takes the row farthest from its centroid. Stops when no label changes (at most
 * 100 iterations). Keeps the best of `restarts` starts by cohesion; start r draws from
 * deriveRng(seed, `spherical-kmeans-${k}-${r}`), so the result is a function of the seed.
 *
 * Cost O(nnz · k) per iteration (centroids are stored term-major so each sparse entry reads k
 * adjacent values), O(V · k) memory besides the matrix.
 */
export function sphericalKMeans(
  matrix: SparseRows,
  k: number,
  seed: number,
  restarts: number,
): SphericalKMeansResult {
  let best: SphericalKMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = runOnce(matrix, k, deriveRng(seed, `spherical-kmeans-${k}-${r}`));
    if (best === undefined || run.cohesion > best.cohesion) best = run;
  }
  return best as SphericalKMeansResult;
}

function runOnce(matrix: SparseRows, k: number, rng: Rng): SphericalKMeansResult {
  const n = matrix.rows;
  const terms = matrix.vocabulary.length;
  const nonEmpty: number[] = [];
  for (let r = 0; r < n; r++)
    if ((matrix.rowOffsets[r + 1] as number) > (matrix.rowOffsets[r] as number)) nonEmpty.push(r);
  const centroids = new Float64Array(terms * k);
  const labels = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  seedCentroids(matrix, nonEmpty, k, rng, centroids);

  const scores = new Float64Array(k);
  let iterations = 0;
  let cohesion = 0;
  for (;;) {
    iterations++;
    let changed = 0;
    cohesion = 0;
    for (const r of nonEmpty) {
      scores.fill(0);
      for (let e = matrix.rowOffsets[r] as number; e < (matrix.rowOffsets[r + 1] as number); e++) {
        const base = (matrix.columns[e] as number) * k;
        const value = matrix.values[e] as number;
        for (let j = 0; j < k; j++)
          scores[j] = (scores[j] as number) + value * (centroids[base + j] as number);
      }
      let label = 0;
      for (let j = 1; j < k; j++) if ((scores[j] as number) > (scores[label] as number)) label = j;
      if (label !== labels[r]) changed++;
      labels[r] = label;
      similarity[r] = scores[label] as number;
      cohesion += scores[label] as number;
    }
    if (changed === 0 || iterations >= MAX_ITERATIONS) break;
    updateCentroids(matrix, nonEmpty, labels, similarity, k, centroids);
  }
  return { labels, centroids, cohesion, iterations };
}

/** k-means++ on the sphere: the first seed uniform, each next one with probability ∝ 1 − max cos. */
function seedCentroids(
  matrix: SparseRows,
  nonEmpty: readonly number[],
  k: number,
  rng: Rng,
  centroids: Float64Array,
): void {
  const closest = new Float64Array(nonEmpty.length).fill(-Infinity);
  let chosen = nonEmpty[Math.floor(rng.next() * nonEmpty.length)] as number;
  for (let j = 0; j < k; j++) {
    writeRow(matrix, chosen, centroids, k, j);
    if (j === k - 1) break;
    let total = 0;
    for (let i = 0; i < nonEmpty.length; i++) {
      const cos = rowDot(matrix, nonEmpty[i] as number, centroids, k, j);
      if (cos > (closest[i] as number)) closest[i] = cos;
      total += Math.max(0, 1 - (closest[i] as number));
    }
    if (total <= 0) {
      chosen = nonEmpty[Math.floor(rng.next() * nonEmpty.length)] as number; // all rows equal: any row
      continue;
    }
    let u = rng.next() * total;
    chosen = nonEmpty[nonEmpty.length - 1] as number;
    for (let i = 0; i < nonEmpty.length; i++) {
      u -= Math.max(0, 1 - (closest[i] as number));
      if (u < 0) {
        chosen = nonEmpty[i] as number;
        break;
      }
    }
  }
}

/** Centroid j ← normalised sum of its rows; an empty cluster takes the row least similar to its own centroid. */
function updateCentroids(
  matrix: SparseRows,
  nonEmpty: readonly number[],
  labels: Int32Array,
  similarity: Float64Array,
  k: number,
  centroids: Float64Array,
): void {
  centroids.fill(0);
  const sizes = new Int32Array(k);
  for (const r of nonEmpty) {
    const j = labels[r] as number;
    sizes[j] = (sizes[j] as number) + 1;
    for (let e = matrix.rowOffsets[r] as number; e < (matrix.rowOffsets[r + 1] as number); e++) {
      const index = (matrix.columns[e] as number) * k + j;
      centroids[index] = (centroids[index] as number) + (matrix.values[e] as number);
    }
  }
  const taken = new Set<number>();
  for (let j = 0; j < k; j++) {
    if ((sizes[j] as number) > 0) continue;
    let farthest = -1;
    for (const r of nonEmpty)
      if (!taken.has(r) && (farthest < 0 || (similarity[r] as number) < (similarity[farthest] as number)))
        farthest = r;
    if (farthest < 0) continue;
    taken.add(farthest);
    writeRow(matrix, farthest, centroids, k, j);
  }
  const terms = matrix.vocabulary.length;
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let c = 0; c < terms; c++) norm += (centroids[c * k + j] as number) ** 2;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let c = 0; c < terms; c++) centroids[c * k + j] = (centroids[c * k + j] as number) * scale;
  }
}

function writeRow(matrix: SparseRows, r: number, centroids: Float64Array, k: number, j: number): void {
  const terms = matrix.vocabulary.length;
  for (let c = 0; c < terms; c++) centroids[c * k + j] = 0;
  for (let e = matrix.rowOffsets[r] as number; e < (matrix.rowOffsets[r + 1] as number); e++)
    centroids[(matrix.columns[e] as number) * k + j] = matrix.values[e] as number;
}
