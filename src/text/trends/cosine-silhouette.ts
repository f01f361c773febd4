import type { SparseRows } from './sparse-tfidf.js';

/**
 * Pairwise cosine distances 1 − x_a·x_b of the (unit, sparse) rows, as a dense s × s matrix; an
 * empty row is at distance 1 from everything. Cost O(s² · nnz/s) time by scattering each row into
 * a dense buffer of V terms, O(s² + V) memory: keep s to a sample (≈ 1000 rows, 8 MB).
 */
export function cosineDistances(matrix: SparseRows): Float64Array {
  const s = matrix.rows;
  const distances = new Float64Array(s * s);
  const buffer = new Float64Array(matrix.vocabulary.length);
  for (let a = 0; a < s; a++) {
    const from = matrix.rowOffsets[a] as number;
    const to = matrix.rowOffsets[a + 1] as number;
    for (let e = from; e < to; e++) buffer[matrix.columns[e] as number] = matrix.values[e] as number;
    for (let b = a + 1; b < s; b++) {
      let dot = 0;
      for (let e = matrix.rowOffsets[b] as number; e < (matrix.rowOffsets[b + 1] as number); e++)
        dot += (matrix.values[e] as number) * (buffer[matrix.columns[e] as number] as number);
      const distance = Math.max(0, 1 - dot);
      distances[a * s + b] = distance;
      distances[b * s + a] = distance;
    }
    for (let e = from; e < to; e++) buffer[matrix.columns[e] as number] = 0;
  }
  return distances;
}

/**
 * Mean silhouette coefficient (Rousseeuw 1987, J. Comput. Appl. Math. 20) from a precomputed
 * distance matrix, as scikit-learn's `silhouette_score(D, labels, metric='precomputed')`: for point
 * i, a = mean distance to the rest of its cluster, b = least mean distance to another cluster,
 * s(i) = (b − a) / max(a, b), and 0 for a point alone in its cluster. Labels < 0 are left out
 * (neither scored nor counted as a cluster). Returns 0 when fewer than two clusters remain.
 * O(s² ) time, O(s · c) memory.
 */
export function silhouetteFromDistances(distances: Float64Array, labels: readonly number[]): number {
  const s = labels.length;
  const ids = new Map<number, number>();
  const cluster = new Int32Array(s).fill(-1);
  labels.forEach((label, i) => {
    if (label < 0) return;
    let id = ids.get(label);
    if (id === undefined) {
      id = ids.size;
      ids.set(label, id);
    }
    cluster[i] = id;
  });
  const c = ids.size;
  if (c < 2) return 0;
  const sizes = new Float64Array(c);
  for (let i = 0; i < s; i++)
    if ((cluster[i] as number) >= 0) {
      const own = cluster[i] as number;
      sizes[own] = (sizes[own] as number) + 1;
    }
  const sums = new Float64Array(c);
  let total = 0;
  let scored = 0;
  for (let i = 0; i < s; i++) {
    const own = cluster[i] as number;
    if (own < 0) continue;
    scored++;
    sums.fill(0);
    for (let j = 0; j < s; j++) {
      const other = cluster[j] as number;
      if (other >= 0 && j !== i) sums[other] = (sums[other] as number) + (distances[i * s + j] as number);
    }
    const ownSize = sizes[own] as number;
    if (ownSize < 2) continue;
    const a = (sums[own] as number) / (ownSize - 1);
    let b = Infinity;
    for (let q = 0; q < c; q++) if (q !== own) b = Math.min(b, (sums[q] as number) / (sizes[q] as number));
    const scale = Math.max(a, b);
    if (scale > 0) total += (b - a) / scale;
  }
  return scored > 0 ? total / scored : 0;
}
