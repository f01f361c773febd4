import { InputError } from '../core/errors.js';
import { deriveRng } from '../core/random.js';
import { checkPointMatrix, squaredDistance as sharedSquaredDistance } from './point-matrix.js';

// A module-local binding: Vitest (and tsx loading CommonJS) turn imported bindings into getter calls,
// slow in hot loops.
const squaredDistance = sharedSquaredDistance;

export interface SilhouetteOptions {
  /** Above this many points, the score is computed on a random sample of this size. Default 3000. */
  readonly sampleSize?: number;
  /** Seed of the sample. Default 0. */
  readonly seed?: number;
}

export interface SilhouetteResult {
  /** Mean silhouette coefficient over the (sampled) points, in [−1, 1]. */
  readonly mean: number;
  /** Points it was computed on. */
  readonly sampleSize: number;
  /** True when computed on a random sample rather than all points. */
  readonly sampled: boolean;
  /** Number of distinct labels among those points. */
  readonly clusters: number;
}

/**
 * Mean silhouette coefficient (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation
 * and validation of cluster analysis", J. Comput. Appl. Math. 20), as scikit-learn's
 * `silhouette_score(X, labels, metric='euclidean', sample_size=…)`.
 *
 * For point i in cluster A: a(i) = mean Euclidean distance to the other points of A, b(i) = the
 * smallest mean distance to the points of another cluster, s(i) = (b − a) / max(a, b); s(i) = 0
 * when A has a single point (or a = b = 0). The score is the mean of s(i): near 1 for compact,
 * well-separated clusters, near 0 for overlapping ones, negative for misassigned points.
 *
 * Exact for n ≤ sampleSize; otherwise on a uniform random sample of sampleSize points without
 * replacement (distances only among the sample, as scikit-learn does). Cost O(s²·d) time and
 * O(s·c) memory for s points and c clusters. Unlike scikit-learn, n clusters of one point each is
 * allowed (score 0) rather than an error.
 *
 * Example: points 0, 1, 10, 11 (d = 1) with labels [0, 0, 1, 1] → mean 0.899749373433584 (sklearn
 * silhouette_score([[0],[1],[10],[11]], [0,0,1,1]) = 0.899749373433584).
 */
export function silhouetteScore(
  points: Float64Array,
  dimension: number,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
): SilhouetteResult {
  const n = checkPointMatrix(points, dimension, 'silhouetteScore');
  const sampleSize = options.sampleSize ?? 3000;
  const seed = options.seed ?? 0;
  if (labels.length !== n)
    throw new InputError(
      'invalid_argument',
      `silhouetteScore: ${labels.length} labels for ${n} points; there must be one label per point`,
    );
  if (!Number.isInteger(sampleSize) || sampleSize < 2)
    throw new InputError(
      'invalid_argument',
      `silhouetteScore: sampleSize must be an integer ≥ 2, got ${sampleSize}`,
    );
  if (!Number.isFinite(seed))
    throw new InputError('invalid_argument', 'silhouetteScore: seed must be finite');
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label))
      throw new InputError('invalid_argument', `silhouetteScore: label ${i} is not an integer (${label})`);
    distinct.add(label);
  }
  if (distinct.size < 2)
    throw new InputError(
      'insufficient_data',
      `silhouetteScore needs at least 2 clusters, got ${distinct.size}: the silhouette compares a point's own cluster with the nearest other one`,
    );

  // Rows to use: all, or a partial Fisher–Yates sample (sorted, so the pair loop reads memory in order).
  const sampled = n > sampleSize;
  let rows: Int32Array;
  if (sampled) {
    const rng = deriveRng(seed, 'silhouette-sample');
    const order = Int32Array.from({ length: n }, (_, index) => index);
    for (let s = 0; s < sampleSize; s++) {
      const pick = s + Math.floor(rng.next() * (n - s));
      const row = order[pick] as number;
      order[pick] = order[s] as number;
      order[s] = row;
    }
    rows = order.slice(0, sampleSize).sort();
  } else rows = Int32Array.from({ length: n }, (_, index) => index);
  const s = rows.length;

  // Dense cluster ids among the rows used.
  const ids = new Map<number, number>();
  const cluster = new Int32Array(s);
  for (let r = 0; r < s; r++) {
    const label = labels[rows[r] as number] as number;
    let id = ids.get(label);
    if (id === undefined) {
      id = ids.size;
      ids.set(label, id);
    }
    cluster[r] = id;
  }
  const c = ids.size;
  if (c < 2)
    throw new InputError(
      'insufficient_data',
      `silhouetteScore: the random sample of ${s} points holds a single cluster; raise sampleSize`,
    );
  const sizes = new Float64Array(c);
  for (let r = 0; r < s; r++) sizes[cluster[r] as number] = (sizes[cluster[r] as number] as number) + 1;

  // sums[r·c + q] = Σ distances from row r to the rows of cluster q.
  const sums = new Float64Array(s * c);
  for (let r = 0; r < s; r++) {
    const i = rows[r] as number;
    const ci = cluster[r] as number;
    for (let q = r + 1; q < s; q++) {
      const distance = Math.sqrt(squaredDistance(points, i, points, rows[q] as number, dimension));
      sums[r * c + (cluster[q] as number)] = (sums[r * c + (cluster[q] as number)] as number) + distance;
      sums[q * c + ci] = (sums[q * c + ci] as number) + distance;
    }
  }
  let total = 0;
  for (let r = 0; r < s; r++) {
    const own = cluster[r] as number;
    const ownSize = sizes[own] as number;
    if (ownSize < 2) continue; // s(i) = 0 for a point alone in its cluster
    const a = (sums[r * c + own] as number) / (ownSize - 1);
    let b = Infinity;
    for (let q = 0; q < c; q++) {
      if (q === own) continue;
      const mean = (sums[r * c + q] as number) / (sizes[q] as number);
      if (mean < b) b = mean;
    }
    const scale = Math.max(a, b);
    if (scale > 0) total += (b - a) / scale;
  }
  return { mean: total / s, sampleSize: s, sampled, clusters: c };
}
