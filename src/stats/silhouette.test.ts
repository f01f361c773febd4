import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { silhouetteScore } from './silhouette.js';

/*
 * Reference values: scikit-learn 1.2.1 (Debian python3-sklearn), computed once with
 *
 *   from sklearn.metrics import silhouette_score
 *   silhouette_score([[0],[1],[10],[11]], [0,0,1,1])                       # 0.899749373433584
 *   pts = [[0,0],[0,1],[1,0],[1,1],[5,5],[5,6],[6,5],[6,6],[0,6],[1,6],[0,5],[3,3]]
 *   silhouette_score(pts, [0,0,0,0,1,1,1,1,2,2,2,0])                     # 0.6702743945632784
 *   silhouette_score([[0],[1],[2],[10]], [0,0,0,1])                        # 0.6378472222222222
 *   silhouette_score([[1,1],[1,1],[5,5],[5,5]], [0,0,1,1])                 # 1.0
 *   def formula(n):
 *       i = np.arange(n)
 *       x = np.stack([np.sin(i * 0.37) * 2 + (i % 4) * 3, np.cos(i * 0.73) * 2 + (i % 3),
 *                     ((i * 7) % 11) / 3], axis=1)
 *       return x, i % 4
 *   silhouette_score(*formula(500))                                       # 0.12544136500943287
 *   silhouette_score(*formula(20000))                                     # 0.12983931545776248 (exact, all pairs)
 */
function formula(n: number) {
  const points = new Float64Array(n * 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    points[i * 3] = Math.sin(i * 0.37) * 2 + (i % 4) * 3;
    points[i * 3 + 1] = Math.cos(i * 0.73) * 2 + (i % 3);
    points[i * 3 + 2] = ((i * 7) % 11) / 3;
    labels[i] = i % 4;
  }
  return { points, labels };
}

describe('silhouetteScore', () => {
  it('matches scikit-learn on small exact cases', () => {
    expect(silhouetteScore(Float64Array.of(0, 1, 10, 11), 1, [0, 0, 1, 1]).mean).toBeCloseTo(
      0.899749373433584,
      14,
    );
    const points = Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1, 5, 5, 5, 6, 6, 5, 6, 6, 0, 6, 1, 6, 0, 5, 3, 3);
    const result = silhouetteScore(points, 2, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0]);
    expect(result.mean).toBeCloseTo(0.6702743945632784, 14);
    expect(result).toMatchObject({ sampleSize: 12, sampled: false, clusters: 3 });
    // a singleton cluster contributes s = 0
    expect(silhouetteScore(Float64Array.of(0, 1, 2, 10), 1, [0, 0, 0, 1]).mean).toBeCloseTo(
      0.6378472222222222,
      14,
    );
    // duplicate points: a = 0 → s = 1
    expect(silhouetteScore(Float64Array.of(1, 1, 1, 1, 5, 5, 5, 5), 2, [0, 0, 1, 1]).mean).toBe(1);
  });

  it('matches scikit-learn exactly on 500 points, labels of any integer values', () => {
    const { points, labels } = formula(500);
    expect(silhouetteScore(points, 3, labels).mean).toBeCloseTo(0.12544136500943287, 12);
    const renamed = Array.from(labels, (label) => 10 * label - 7);
    expect(silhouetteScore(points, 3, renamed).mean).toBeCloseTo(0.12544136500943287, 12);
  });

  it('estimates the exact score from a seeded sample for large n', () => {
    const { points, labels } = formula(20000);
    const estimate = silhouetteScore(points, 3, labels, { sampleSize: 2000, seed: 1 });
    expect(estimate).toMatchObject({ sampleSize: 2000, sampled: true, clusters: 4 });
    expect(Math.abs(estimate.mean - 0.12983931545776248)).toBeLessThan(0.02);
    // deterministic per seed, and a different seed gives a (slightly) different estimate
    expect(silhouetteScore(points, 3, labels, { sampleSize: 2000, seed: 1 }).mean).toBe(estimate.mean);
    expect(silhouetteScore(points, 3, labels, { sampleSize: 2000, seed: 2 }).mean).not.toBe(estimate.mean);
  });

  it('scores every point alone as 0 (scikit-learn raises instead)', () => {
    expect(silhouetteScore(Float64Array.of(0, 1, 5), 1, [0, 1, 2]).mean).toBe(0);
  });

  it('rejects bad input with clear InputErrors', () => {
    expect(() => silhouetteScore(Float64Array.of(0, 1, 2), 1, [0, 0, 0])).toThrow(
      /at least 2 clusters, got 1/,
    );
    expect(() => silhouetteScore(Float64Array.of(0, 1, 2), 1, [0, 1])).toThrow(/2 labels for 3 points/);
    expect(() => silhouetteScore(Float64Array.of(0, Number.NaN), 1, [0, 1])).toThrow(InputError);
    expect(() => silhouetteScore(Float64Array.of(0, 1), 1, [0, 0.5])).toThrow(/not an integer/);
    expect(() => silhouetteScore(new Float64Array(0), 1, [])).toThrow(/at least one point/);
    expect(() => silhouetteScore(Float64Array.of(0, 1), 1, [0, 1], { sampleSize: 1 })).toThrow(/sampleSize/);
    // a sample that misses the only other cluster
    const points = Float64Array.from({ length: 1000 }, (_, i) => i);
    const labels = Int32Array.from({ length: 1000 }, (_, i) => (i === 999 ? 1 : 0));
    expect(() => silhouetteScore(points, 1, labels, { sampleSize: 2, seed: 3 })).toThrow(/single cluster/);
  });
});
