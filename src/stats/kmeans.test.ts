import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createRng, deriveRng, normal, type Rng } from '../core/random.js';
import { kMeans } from './kmeans.js';
import { kMeansPlusPlus } from './kmeans-plus-plus.js';
import { meanColumnVariance } from './point-matrix.js';

/** Gaussian blobs: `centres` (k × d) with unit-free standard deviation `sd`, n points, labels kept. */
function blobs(rng: Rng, centres: number[][], perCluster: number, sd: number) {
  const d = (centres[0] as number[]).length;
  const points = new Float64Array(centres.length * perCluster * d);
  const truth = new Int32Array(centres.length * perCluster);
  let row = 0;
  for (let c = 0; c < centres.length; c++) {
    for (let p = 0; p < perCluster; p++) {
      for (let t = 0; t < d; t++)
        points[row * d + t] = ((centres[c] as number[])[t] as number) + normal(rng, 0, sd);
      truth[row] = c;
      row++;
    }
  }
  return { points, truth, d };
}

/**
 * Plain Lloyd exactly as scikit-learn 1.2's `_kmeans_single_lloyd` (dense, unit weights): E-step from
 * the current centres, M-step with `_relocate_empty_clusters_dense` on the sums (labels untouched),
 * strict convergence on unchanged labels, else Σ shift² ≤ tol, and a final E-step after a tol stop.
 * One difference, shared with kMeans: a cluster emptied by relocation keeps its previous centre
 * (scikit-learn leaves it at the leftover sum).
 */
function naiveLloyd(
  points: Float64Array,
  d: number,
  start: Float64Array,
  maxIterations: number,
  tol: number,
) {
  const n = points.length / d;
  const k = start.length / d;
  let centers = Float64Array.from(start);
  const labels = new Int32Array(n).fill(-1);
  const previousLabels = new Int32Array(n).fill(-1);
  const distance = (i: number, c: Float64Array, j: number) => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = (points[i * d + t] as number) - (c[j * d + t] as number);
      s += e * e;
    }
    return s;
  };
  const eStep = () => {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let j = 0; j < k; j++) {
        const value = distance(i, centers, j);
        if (value < bestDistance) {
          bestDistance = value;
          best = j;
        }
      }
      labels[i] = best;
    }
  };
  let strict = false;
  let iterations = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    iterations = iteration + 1;
    eStep();
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const label = labels[i] as number;
      counts[label] = (counts[label] as number) + 1;
      for (let t = 0; t < d; t++)
        sums[label * d + t] = (sums[label * d + t] as number) + (points[i * d + t] as number);
    }
    const next = Float64Array.from(centers);
    const empty = [...counts.keys()].filter((j) => counts[j] === 0);
    if (empty.length > 0) {
      const far = [...labels.keys()]
        .map((i) => ({ i, value: distance(i, centers, labels[i] as number) }))
        .sort((a, b) => b.value - a.value || a.i - b.i);
      if ((far[0]?.value ?? 0) > 0) {
        empty.forEach((cluster, position) => {
          const i = (far[position] as { i: number }).i;
          const from = labels[i] as number;
          for (let t = 0; t < d; t++) {
            sums[from * d + t] = (sums[from * d + t] as number) - (points[i * d + t] as number);
            sums[cluster * d + t] = points[i * d + t] as number;
          }
          counts[from] = (counts[from] as number) - 1;
          counts[cluster] = 1;
        });
      }
    }
    let shift = 0;
    for (let j = 0; j < k; j++) {
      if ((counts[j] as number) > 0)
        for (let t = 0; t < d; t++) next[j * d + t] = (sums[j * d + t] as number) / (counts[j] as number);
      for (let t = 0; t < d; t++)
        shift += ((next[j * d + t] as number) - (centers[j * d + t] as number)) ** 2;
    }
    centers = next;
    if (labels.every((label, i) => label === previousLabels[i])) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
    previousLabels.set(labels);
  }
  if (!strict) eStep();
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += distance(i, centers, labels[i] as number);
  return { labels, centers, inertia, iterations };
}

describe('kMeans', () => {
  it('reproduces the scikit-learn documentation example', () => {
    // sklearn.cluster.KMeans docs: X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]],
    // KMeans(n_clusters=2).fit(X) → cluster_centers_ [[10, 2], [1, 2]], inertia_ 16.0.
    const points = Float64Array.of(1, 2, 1, 4, 1, 0, 10, 2, 10, 4, 10, 0);
    const result = kMeans(points, 2, { k: 2, seed: 1 });
    expect(result.inertia).toBeCloseTo(16, 12);
    const [first, second] = [result.labels[0] as number, result.labels[3] as number];
    expect(Array.from(result.labels)).toEqual([first, first, first, second, second, second]);
    expect(Array.from(result.centers.subarray(first * 2, first * 2 + 2))).toEqual([1, 2]);
    expect(Array.from(result.centers.subarray(second * 2, second * 2 + 2))).toEqual([10, 2]);
    expect(result.converged).toBe(true);
    expect(result.restarts).toBe(1);
  });

  it('solves tiny cases by hand: k = 1 is the mean, k = n distinct points has inertia 0', () => {
    const points = Float64Array.of(0, 1, 10, 11);
    const one = kMeans(points, 1, { k: 1 });
    expect(Array.from(one.centers)).toEqual([5.5]);
    expect(one.inertia).toBeCloseTo(5.5 ** 2 + 4.5 ** 2 + 4.5 ** 2 + 5.5 ** 2, 12); // 101
    expect(Array.from(one.labels)).toEqual([0, 0, 0, 0]);
    const two = kMeans(points, 1, { k: 2 });
    expect(two.inertia).toBeCloseTo(1, 12); // centres 0.5 and 10.5
    expect(two.labels[0]).toBe(two.labels[1]);
    expect(two.labels[2]).toBe(two.labels[3]);
    expect(two.labels[0]).not.toBe(two.labels[2]);
    const all = kMeans(points, 1, { k: 4 });
    expect(all.inertia).toBe(0);
    expect(new Set(all.labels).size).toBe(4);
    // n = 1, and duplicates beyond k distinct points are fine.
    expect(kMeans(Float64Array.of(3, 4), 2, { k: 1 }).inertia).toBe(0);
    const duplicated = kMeans(Float64Array.of(1, 1, 1, 5, 5), 1, { k: 2 });
    expect(duplicated.inertia).toBe(0);
  });

  it('recovers well-separated blobs exactly', () => {
    const { points, truth, d } = blobs(
      createRng(7),
      [
        [0, 0, 0],
        [20, 0, 0],
        [0, 20, 0],
        [0, 0, 20],
        [20, 20, 20],
      ],
      200,
      1,
    );
    const result = kMeans(points, d, { k: 5, seed: 3, restarts: 3 });
    // Same partition as the truth: a one-to-one map between found and planted clusters.
    const mapping = new Map<number, number>();
    truth.forEach((planted, i) => {
      const found = result.labels[i] as number;
      if (!mapping.has(found)) mapping.set(found, planted);
      expect(mapping.get(found)).toBe(planted);
    });
    expect(new Set(mapping.values()).size).toBe(5);
    expect(result.converged).toBe(true);
  });

  it('equals plain Lloyd (labels, iterations, centres, inertia) from the same start', () => {
    // Overlapping blobs, so many points change cluster over many iterations.
    for (const seed of [1, 2, 3]) {
      const rng = createRng(seed);
      const centres = Array.from({ length: 6 }, () =>
        Array.from({ length: 4 }, () => 3 * (2 * rng.next() - 1)),
      );
      const { points, d } = blobs(rng, centres, 400, 1);
      const start = kMeansPlusPlus(points, d, 6, deriveRng(seed, 'start')).centers;
      const tol = 1e-4 * meanColumnVariance(points, d);
      const naive = naiveLloyd(points, d, start, 300, tol);
      const fast = kMeans(points, d, { k: 6, initialCenters: start });
      expect(Array.from(fast.labels)).toEqual(Array.from(naive.labels));
      expect(fast.iterations).toBe(naive.iterations);
      expect(naive.iterations).toBeGreaterThan(5);
      expect(fast.inertia).toBeCloseTo(naive.inertia, 8);
      fast.centers.forEach((value, index) => {
        expect(value).toBeCloseTo(naive.centers[index] as number, 10);
      });
      // and with far fewer distance evaluations than n·k per iteration
      expect(fast.distanceEvaluations).toBeLessThan(0.5 * (points.length / d) * 6 * (fast.iterations + 1));
      // the seeded path (first assignment taken from k-means++) equals plain Lloyd from those seeds
      const seeds = kMeansPlusPlus(points, d, 6, deriveRng(seed, 'kmeans-restart-0')).centers;
      const naiveSeeded = naiveLloyd(points, d, seeds, 300, tol);
      const seeded = kMeans(points, d, { k: 6, seed });
      expect(Array.from(seeded.labels)).toEqual(Array.from(naiveSeeded.labels));
      expect(seeded.iterations).toBe(naiveSeeded.iterations);
      expect(seeded.inertia).toBeCloseTo(naiveSeeded.inertia, 8);
    }
  });

  it('equals plain Lloyd when a cluster empties (relocation to the farthest point)', () => {
    const { points, d } = blobs(
      createRng(11),
      [
        [0, 0],
        [6, 0],
        [0, 6],
      ],
      100,
      1.5,
    );
    // The third centre is far from every point: it is empty after the first assignment.
    const start = Float64Array.of(0, 0, 6, 0, 100, 100);
    const tol = 1e-4 * meanColumnVariance(points, d);
    const naive = naiveLloyd(points, d, start, 300, tol);
    const fast = kMeans(points, d, { k: 3, initialCenters: start });
    expect(Array.from(fast.labels)).toEqual(Array.from(naive.labels));
    expect(fast.iterations).toBe(naive.iterations);
    expect(fast.inertia).toBeCloseTo(naive.inertia, 8);
    expect(new Set(fast.labels).size).toBe(3);
  });

  it('stops at maxIterations with converged = false, and honours tolerance', () => {
    const rng = createRng(5);
    const { points, d } = blobs(
      rng,
      [
        [0, 0],
        [2, 0],
        [1, 2],
      ],
      300,
      1,
    );
    const start = Float64Array.of(-3, -3, 3, -3, 0, 4);
    const capped = kMeans(points, d, { k: 3, initialCenters: start, maxIterations: 1 });
    expect(capped.iterations).toBe(1);
    expect(capped.converged).toBe(false);
    const loose = kMeans(points, d, { k: 3, initialCenters: start, tolerance: 10 });
    const strict = kMeans(points, d, { k: 3, initialCenters: start, tolerance: 0 });
    expect(loose.iterations).toBeLessThan(strict.iterations);
    expect(strict.converged).toBe(true);
    expect(strict.inertia).toBeLessThanOrEqual(loose.inertia + 1e-9);
  });

  it('is deterministic per seed and keeps the best of several restarts', () => {
    const rng = createRng(9);
    const centres = Array.from({ length: 8 }, () => [4 * rng.next(), 4 * rng.next()]);
    const { points, d } = blobs(rng, centres, 100, 1);
    const a = kMeans(points, d, { k: 8, seed: 42, restarts: 4 });
    const b = kMeans(points, d, { k: 8, seed: 42, restarts: 4 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centers)).toEqual(Array.from(b.centers));
    expect(a.restarts).toBe(4);
    const singles = [0, 1, 2, 3].map(
      (r) =>
        kMeans(points, d, {
          k: 8,
          initialCenters: kMeansPlusPlus(points, d, 8, deriveRng(42, `kmeans-restart-${r}`)).centers,
        }).inertia,
    );
    expect(a.inertia).toBe(Math.min(...singles));
    expect(kMeans(points, d, { k: 8, seed: 42 }).inertia).toBe(singles[0]);
  });

  it('does not mutate its input', () => {
    const points = Float64Array.of(0, 1, 10, 11, 5);
    const copy = Float64Array.from(points);
    const start = Float64Array.of(0, 11);
    kMeans(points, 1, { k: 2, initialCenters: start });
    expect(Array.from(points)).toEqual(Array.from(copy));
    expect(Array.from(start)).toEqual([0, 11]);
  });

  it('rejects bad input with clear InputErrors', () => {
    const points = Float64Array.of(1, 2, 3, 4, 5);
    expect(() => kMeans(points, 1, { k: 0 })).toThrow(InputError);
    expect(() => kMeans(points, 1, { k: 1.5 })).toThrow(/k must be an integer/);
    expect(() => kMeans(points, 1, { k: 9 })).toThrow(
      'k = 9 is larger than the number of distinct points (5)',
    );
    expect(() => kMeans(Float64Array.of(1, 1, 1, 2), 1, { k: 3 })).toThrow(
      'k = 3 is larger than the number of distinct points (2)',
    );
    expect(() => kMeans(Float64Array.of(1, Number.NaN, 3, 4), 2, { k: 1 })).toThrow(
      /point 0, feature 1 is not a finite number/,
    );
    expect(() => kMeans(points, 0, { k: 1 })).toThrow(/dimension must be a positive integer/);
    expect(() => kMeans(points, 2, { k: 1 })).toThrow(/do not form rows of 2/);
    expect(() => kMeans(new Float64Array(0), 1, { k: 1 })).toThrow(/at least one point/);
    expect(() => kMeans(points, 1, { k: 2, initialCenters: Float64Array.of(1) })).toThrow(/initialCenters/);
    expect(() => kMeans(points, 1, { k: 2, initialCenters: Float64Array.of(1, 5), restarts: 2 })).toThrow(
      /restarts must be 1/,
    );
    expect(() => kMeans(points, 1, { k: 2, restarts: 0 })).toThrow(/restarts/);
    expect(() => kMeans(points, 1, { k: 2, tolerance: -1 })).toThrow(/tolerance/);
    expect(() => kMeans(points, 1, { k: 2, maxIterations: 0 })).toThrow(/maxIterations/);
  });
});
