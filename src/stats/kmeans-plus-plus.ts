import { InputError } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import { checkPointMatrix, countDistinctRows } from './point-matrix.js';

export interface KMeansPlusPlusOptions {
  /** Candidates tried per centre; default 2 + ⌊ln k⌋ (scikit-learn's greedy k-means++). */
  readonly localTrials?: number;
}

export interface KMeansPlusPlusResult {
  /** k × d initial centres, row-major (each one a copy of a data point). */
  readonly centers: Float64Array;
  /** Index of the data point each centre was copied from. */
  readonly indices: Int32Array;
}

/**
 * Every point's nearest and second-nearest seed, found along the way (seeding measures each point
 * against each new centre anyway): exactly what Lloyd's first assignment would compute.
 */
export interface SeedAssignment {
  /** Nearest centre (lowest index on ties). */
  readonly labels: Int32Array;
  /** Squared distance to it. */
  readonly nearest: Float64Array;
  /** Squared distance to the second-nearest centre (+∞ when k = 1). */
  readonly second: Float64Array;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful
 * seeding", SODA; greedy variant as in scikit-learn's `_kmeans_plusplus`).
 *
 * The first centre is a uniformly random point. Each further centre: draw L = 2 + ⌊ln k⌋ candidate
 * points with probability D(x)² / Σ D², where D(x) is the distance from x to the nearest centre
 * chosen so far, and keep the candidate that most lowers the potential Σ_x min(D(x)², ‖x − c‖²).
 * Expected cost within O(log k) of the optimal k-means cost (for L = 1).
 *
 * Cost O(n·k·(L + 1)·d) time, O(n) extra memory. Points are validated (finite, n·d values) and
 * must contain at least k distinct rows (otherwise the D² distribution runs out of mass).
 *
 * Example: kMeansPlusPlus(Float64Array.of(0, 0, 10, 10), 1, 2, createRng(1)).centers → one point
 * of each pair {0, 10}, e.g. Float64Array [10, 0].
 */
export function kMeansPlusPlus(
  points: Float64Array,
  dimension: number,
  k: number,
  rng: Rng,
  options: KMeansPlusPlusOptions = {},
): KMeansPlusPlusResult {
  const n = checkPointMatrix(points, dimension, 'kMeansPlusPlus');
  if (!Number.isInteger(k) || k < 1)
    throw new InputError('invalid_argument', `kMeansPlusPlus: k must be an integer ≥ 1, got ${k}`);
  const distinct = countDistinctRows(points, dimension, k);
  if (k > distinct)
    throw new InputError(
      'invalid_argument',
      `k = ${k} is larger than the number of distinct points (${distinct})`,
    );
  const localTrials = options.localTrials ?? 2 + Math.floor(Math.log(k));
  if (!Number.isInteger(localTrials) || localTrials < 1)
    throw new InputError('invalid_argument', `kMeansPlusPlus: localTrials must be an integer ≥ 1`);
  return seedCenters(points, dimension, n, k, rng, { localTrials });
}

/**
 * k-means++ without validation, for callers that validated already (kMeans, miniBatchKMeans).
 * With `assign`, also returns every point's nearest and second-nearest seed (one more pass, for the
 * last centre, instead of Lloyd's O(n·k·d) first assignment).
 */
export function seedCenters(
  points: Float64Array,
  d: number,
  n: number,
  k: number,
  rng: Rng,
  options: { readonly localTrials?: number; readonly assign?: boolean } = {},
): KMeansPlusPlusResult & { readonly assignment?: SeedAssignment } {
  const localTrials = options.localTrials ?? 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const indices = new Int32Array(k);
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidates = new Int32Array(localTrials);
  const potentials = new Float64Array(4);
  const assignment: SeedAssignment | undefined =
    options.assign === true
      ? { labels: new Int32Array(n), nearest: closest, second: new Float64Array(n).fill(Infinity) }
      : undefined;

  const first = Math.min(n - 1, Math.floor(rng.next() * n));
  indices[0] = first;
  centers.set(points.subarray(first * d, first * d + d), 0);
  let total = lowerAndCumulate(points, d, n, 0, centers, closest, cumulative, assignment);

  for (let c = 1; c < k; c++) {
    let lastPositive = n - 1;
    while (lastPositive > 0 && closest[lastPositive] === 0) lastPositive--;
    // Draw candidates: the first index whose cumulative sum exceeds u·total (never a zero-mass point).
    for (let t = 0; t < localTrials; t++) {
      const target = rng.next() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] as number) > target) hi = mid;
        else lo = mid + 1;
      }
      candidates[t] = Math.min(lo, lastPositive);
    }
    // Potentials four candidates per pass over the data (a short block repeats its last candidate).
    let best = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < localTrials; t += 4) {
      const last = localTrials - 1;
      potentialsOfFour(
        points,
        d,
        n,
        candidates[t] as number,
        candidates[Math.min(t + 1, last)] as number,
        candidates[Math.min(t + 2, last)] as number,
        candidates[Math.min(t + 3, last)] as number,
        closest,
        potentials,
      );
      for (let u = 0; u < 4 && t + u < localTrials; u++) {
        if ((potentials[u] as number) < bestPotential) {
          bestPotential = potentials[u] as number;
          best = t + u;
        }
      }
    }
    const chosen = candidates[best] as number;
    indices[c] = chosen;
    centers.set(points.subarray(chosen * d, chosen * d + d), c * d);
    if (c + 1 < k || assignment !== undefined)
      total = lowerAndCumulate(points, d, n, c, centers, closest, cumulative, assignment);
  }
  return assignment === undefined ? { centers, indices } : { centers, indices, assignment };
}

/**
 * Adds centre c (row c of `centers`): closest_i ← min(closest_i, ‖x_i − c‖²) (just the distance for
 * c = 0), the prefix sums of closest into `cumulative`, and with `assignment` the nearest and
 * second-nearest centre of each point (closest is assignment.nearest then). Returns the total
 * (the potential). O(n·d).
 */
function lowerAndCumulate(
  points: Float64Array,
  d: number,
  n: number,
  c: number,
  centers: Float64Array,
  closest: Float64Array,
  cumulative: Float64Array,
  assignment: SeedAssignment | undefined,
): number {
  const offset = c * d;
  const labels = assignment?.labels;
  const second = assignment?.second;
  let running = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let distance = 0;
    for (let t = 0; t < d; t++) {
      const e = (points[o + t] as number) - (centers[offset + t] as number);
      distance += e * e;
    }
    const current = closest[i] as number;
    if (c === 0 || distance < current) {
      closest[i] = distance;
      running += distance;
      if (labels !== undefined && second !== undefined) {
        if (c > 0) second[i] = current;
        labels[i] = c;
      }
    } else {
      running += current;
      if (second !== undefined && distance < (second[i] as number)) second[i] = distance;
    }
    cumulative[i] = running;
  }
  return running;
}

/**
 * out[u] = Σ_i min(closest_i, ‖x_i − x_{c_u}‖²) for four candidates c_0 … c_3 in one pass: each
 * point's coordinates are loaded once for four distances (≈ 2× faster than four passes), and
 * 2·min(a, b) = a + b − |a − b| keeps the loop free of data-dependent branches. O(n·d).
 */
function potentialsOfFour(
  points: Float64Array,
  d: number,
  n: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  closest: Float64Array,
  out: Float64Array,
): void {
  const a0 = c0 * d;
  const a1 = c1 * d;
  const a2 = c2 * d;
  const a3 = c3 * d;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const v = points[o + t] as number;
      const e0 = v - (points[a0 + t] as number);
      const e1 = v - (points[a1 + t] as number);
      const e2 = v - (points[a2 + t] as number);
      const e3 = v - (points[a3 + t] as number);
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    const current = closest[i] as number;
    p0 += s0 + current - Math.abs(s0 - current);
    p1 += s1 + current - Math.abs(s1 - current);
    p2 += s2 + current - Math.abs(s2 - current);
    p3 += s3 + current - Math.abs(s3 - current);
  }
  out[0] = 0.5 * p0;
  out[1] = 0.5 * p1;
  out[2] = 0.5 * p2;
  out[3] = 0.5 * p3;
}
