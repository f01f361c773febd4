import { describe, expect, it } from 'vitest';
import { createRng, normal } from '../core/random.js';
import { kMeansPlusPlus } from './kmeans-plus-plus.js';

describe('kMeansPlusPlus', () => {
  it('picks k distinct data points, one per well-separated blob', () => {
    const rng = createRng(1);
    const blobCentres = [0, 100, 200, 300];
    const points = Float64Array.from({ length: 400 * 2 }, (_, index) => {
      const row = Math.floor(index / 2);
      return (blobCentres[row % 4] as number) + normal(rng);
    });
    const { centers, indices } = kMeansPlusPlus(points, 2, 4, createRng(5));
    expect(indices.length).toBe(4);
    indices.forEach((row, c) => {
      expect(Array.from(centers.subarray(c * 2, c * 2 + 2))).toEqual(
        Array.from(points.subarray(row * 2, row * 2 + 2)),
      );
    });
    expect(new Set(Array.from(indices, (row) => row % 4)).size).toBe(4);
  });

  it('never picks a duplicate of a chosen centre, and is deterministic per rng', () => {
    const points = Float64Array.of(1, 1, 1, 1, 1, 5, 5, 9);
    for (let seed = 0; seed < 20; seed++) {
      const { centers } = kMeansPlusPlus(points, 1, 3, createRng(seed));
      expect(Array.from(centers).sort((a, b) => a - b)).toEqual([1, 5, 9]);
    }
    const a = kMeansPlusPlus(points, 1, 2, createRng(3), { localTrials: 1 });
    const b = kMeansPlusPlus(points, 1, 2, createRng(3), { localTrials: 1 });
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  });

  it('rejects k above the number of distinct points and bad options', () => {
    const points = Float64Array.of(1, 1, 2);
    expect(() => kMeansPlusPlus(points, 1, 3, createRng(1))).toThrow(
      'k = 3 is larger than the number of distinct points (2)',
    );
    expect(() => kMeansPlusPlus(points, 1, 0, createRng(1))).toThrow(/k must be an integer ≥ 1/);
    expect(() => kMeansPlusPlus(points, 1, 2, createRng(1), { localTrials: 0 })).toThrow(/localTrials/);
  });
});
