import { describe, expect, it } from 'vitest';
import { createRng, normal } from '../../core/random.js';
import { chooseK, elbowK } from './choose-k.js';

function fourBlobs(perBlob: number) {
  const rng = createRng(4);
  const centres = [
    [0, 0],
    [8, 0],
    [0, 8],
    [8, 8],
  ];
  const points = new Float64Array(4 * perBlob * 2);
  for (let i = 0; i < 4 * perBlob; i++) {
    const centre = centres[i % 4] as number[];
    points[i * 2] = (centre[0] as number) + normal(rng);
    points[i * 2 + 1] = (centre[1] as number) + normal(rng);
  }
  return points;
}

describe('elbowK', () => {
  it('is the k of the largest second difference of inertia', () => {
    expect(
      elbowK([
        { k: 2, inertia: 100 },
        { k: 3, inertia: 40 },
        { k: 4, inertia: 30 },
        { k: 5, inertia: 25 },
      ]),
    ).toBe(3); // second differences: k = 3 → 100 − 80 + 30 = 50, k = 4 → 40 − 60 + 25 = 5
    expect(elbowK([{ k: 2, inertia: 1 }])).toBeNull();
    expect(
      elbowK([
        { k: 2, inertia: 10 },
        { k: 3, inertia: 9 },
      ]),
    ).toBeNull();
  });
});

describe('chooseK', () => {
  it('picks four blobs by silhouette, reports every candidate and the elbow', () => {
    const points = fourBlobs(150);
    const choice = chooseK(points, 2, { seed: 1 });
    expect(choice.k).toBe(4);
    expect(choice.chosenBy).toBe('silhouette');
    expect(choice.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...choice.candidates.map((c) => c.silhouette ?? -1));
    expect(choice.silhouette).toBe(best);
    expect(choice.silhouette).toBeGreaterThan(0.6);
    expect(choice.elbowK).toBe(4);
    expect(choice.clustering.labels.length).toBe(600);
    // inertia falls with k
    for (let i = 1; i < choice.candidates.length; i++)
      expect(choice.candidates[i]?.inertia).toBeLessThan(choice.candidates[i - 1]?.inertia as number);
  });

  it('takes the smallest k within the silhouette tolerance of the best', () => {
    const points = fourBlobs(100);
    const strict = chooseK(points, 2, { seed: 1, silhouetteTolerance: 0 });
    expect(strict.silhouette).toBe(Math.max(...strict.candidates.map((c) => c.silhouette ?? -1)));
    // a tolerance wider than any gap: the smallest candidate
    expect(chooseK(points, 2, { seed: 1, silhouetteTolerance: 2 }).k).toBe(2);
    expect(() => chooseK(points, 2, { seed: 1, silhouetteTolerance: -0.1 })).toThrow(/silhouetteTolerance/);
  });

  it('runs a fixed k alone, mini-batch too, and clips the range to the distinct points', () => {
    const points = fourBlobs(100);
    const fixed = chooseK(points, 2, { k: 3, seed: 2 });
    expect(fixed).toMatchObject({ k: 3, chosenBy: 'fixed', elbowK: null });
    expect(fixed.candidates).toHaveLength(1);
    expect(chooseK(points, 2, { seed: 2, miniBatch: true, kRange: [3, 5] }).k).toBe(4);
    const three = Float64Array.of(0, 0, 0, 5, 5, 5, 9, 9);
    const clipped = chooseK(three, 1, { kRange: [2, 8] });
    expect(clipped.candidates.map((c) => c.k)).toEqual([2, 3]);
  });

  it('rejects bad ranges and k', () => {
    const points = fourBlobs(10);
    expect(() => chooseK(points, 2, { kRange: [1, 4] })).toThrow(/2 ≤ min ≤ max/);
    expect(() => chooseK(points, 2, { kRange: [5, 4] })).toThrow(/2 ≤ min ≤ max/);
    expect(() => chooseK(Float64Array.of(1, 1, 2), 1, { kRange: [3, 4] })).toThrow(
      'kRange 3–4 starts above the number of distinct points (2)',
    );
    expect(() => chooseK(points, 2, { k: 0 })).toThrow(/k must be an integer/);
  });
});
