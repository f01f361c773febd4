import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createRng, normal } from '../core/random.js';
import { kMeans } from './kmeans.js';
import { miniBatchKMeans } from './mini-batch-kmeans.js';

function blobs(seed: number, centres: number[][], perCluster: number, sd: number) {
  const rng = createRng(seed);
  const d = (centres[0] as number[]).length;
  const points = new Float64Array(centres.length * perCluster * d);
  const truth = new Int32Array(centres.length * perCluster);
  for (let row = 0; row < truth.length; row++) {
    const c = row % centres.length;
    truth[row] = c;
    for (let t = 0; t < d; t++)
      points[row * d + t] = ((centres[c] as number[])[t] as number) + normal(rng, 0, sd);
  }
  return { points, truth, d };
}

const separated = [
  [0, 0, 0],
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
];

describe('miniBatchKMeans', () => {
  it('recovers well-separated blobs and their centres', () => {
    const { points, truth, d } = blobs(1, separated, 5000, 1);
    const result = miniBatchKMeans(points, d, { k: 4, seed: 2 });
    const mapping = new Map<number, number>();
    truth.forEach((planted, i) => {
      const found = result.labels[i] as number;
      if (!mapping.has(found)) mapping.set(found, planted);
      expect(mapping.get(found)).toBe(planted);
    });
    expect(new Set(mapping.values()).size).toBe(4);
    for (const [found, planted] of mapping) {
      for (let t = 0; t < d; t++)
        expect(
          Math.abs(
            (result.centers[found * d + t] as number) - ((separated[planted] as number[])[t] as number),
          ),
        ).toBeLessThan(0.1);
    }
    expect(result.converged).toBe(true);
    expect(result.steps).toBeGreaterThan(1);
    // close to full k-means on the same data
    const full = kMeans(points, d, { k: 4, seed: 2 });
    expect(result.inertia / full.inertia).toBeLessThan(1.01);
    expect(result.inertia).toBeGreaterThanOrEqual(full.inertia * (1 - 1e-12));
  });

  it('is deterministic per seed and works when n < batchSize', () => {
    const { points, d } = blobs(3, separated, 50, 1);
    const a = miniBatchKMeans(points, d, { k: 4, seed: 7 });
    const b = miniBatchKMeans(points, d, { k: 4, seed: 7 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centers)).toEqual(Array.from(b.centers));
    expect(a.labels.length).toBe(200);
    expect(new Set(a.labels).size).toBe(4);
  });

  it('stops on tolerance and on maxEpochs', () => {
    const { points, d } = blobs(4, separated, 2000, 1);
    const byTolerance = miniBatchKMeans(points, d, {
      k: 4,
      seed: 1,
      tolerance: 1e-2,
      maxNoImprovement: 1000,
    });
    expect(byTolerance.converged).toBe(true);
    const capped = miniBatchKMeans(points, d, {
      k: 4,
      seed: 1,
      maxEpochs: 1,
      batchSize: 100,
      maxNoImprovement: 1000,
    });
    expect(capped.steps).toBe(80); // ⌊1 · 8000 / 100⌋
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(1);
  });

  it('re-seeds starved centres from the batch (reassignmentRatio) without breaking the result', () => {
    // Two tight groups, k = 3: one centre keeps a tiny share and gets reassigned now and then.
    const { points, d } = blobs(5, [[0], [100]], 1000, 0.1);
    const result = miniBatchKMeans(points, d, { k: 3, seed: 3, reassignmentRatio: 0.5 });
    expect(result.labels.length).toBe(2000);
    expect(Number.isFinite(result.inertia)).toBe(true);
    const none = miniBatchKMeans(points, d, { k: 3, seed: 3, reassignmentRatio: 0 });
    expect(Number.isFinite(none.inertia)).toBe(true);
  });

  it('rejects bad input with clear InputErrors', () => {
    const points = Float64Array.of(1, 2, 3, 4, 5);
    expect(() => miniBatchKMeans(points, 1, { k: 9 })).toThrow(
      'k = 9 is larger than the number of distinct points (5)',
    );
    expect(() => miniBatchKMeans(points, 1, { k: 0 })).toThrow(InputError);
    expect(() => miniBatchKMeans(Float64Array.of(1, Number.NaN), 1, { k: 1 })).toThrow(/not a finite number/);
    expect(() => miniBatchKMeans(points, 0, { k: 1 })).toThrow(/dimension/);
    expect(() => miniBatchKMeans(points, 1, { k: 2, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => miniBatchKMeans(points, 1, { k: 2, initSize: 1 })).toThrow(/initSize/);
    expect(() => miniBatchKMeans(points, 1, { k: 2, tolerance: -1 })).toThrow(/tolerance/);
  });
});
