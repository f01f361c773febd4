import { describe, expect, it } from 'vitest';
import { cosineDistances, silhouetteFromDistances } from './cosine-silhouette.js';
import { sparseTfidf } from './sparse-tfidf.js';

/** Dense s × s matrix of |x_a − x_b| for points on a line. */
function lineDistances(points: readonly number[]): Float64Array {
  const s = points.length;
  const distances = new Float64Array(s * s);
  for (let a = 0; a < s; a++)
    for (let b = 0; b < s; b++)
      distances[a * s + b] = Math.abs((points[a] as number) - (points[b] as number));
  return distances;
}

describe('silhouetteFromDistances', () => {
  it('matches scikit-learn on precomputed distances', () => {
    // sklearn.metrics.silhouette_score([[0],[1],[10],[11]], [0,0,1,1]) = 0.899749373433584 (see
    // src/stats/silhouette.test.ts); silhouette_score([[0],[1],[2],[10]], [0,0,0,1]) = 0.6378472222222222.
    expect(silhouetteFromDistances(lineDistances([0, 1, 10, 11]), [0, 0, 1, 1])).toBeCloseTo(
      0.899749373433584,
      14,
    );
    expect(silhouetteFromDistances(lineDistances([0, 1, 2, 10]), [0, 0, 0, 1])).toBeCloseTo(
      0.6378472222222222,
      14,
    );
  });

  it('leaves out unlabelled points and returns 0 for a single cluster', () => {
    expect(silhouetteFromDistances(lineDistances([0, 1, 10, 11, 5]), [0, 0, 1, 1, -1])).toBeCloseTo(
      0.899749373433584,
      14,
    );
    expect(silhouetteFromDistances(lineDistances([0, 1]), [0, 0])).toBe(0);
  });
});

describe('cosineDistances and sparseTfidf', () => {
  it('gives unit rows and 1 − cosine distances', () => {
    const matrix = sparseTfidf([['a', 'b'], ['a', 'b'], ['c'], []], { maxDfShare: 1 });
    expect(matrix.vocabulary).toEqual(['a', 'b', 'c']);
    expect([...matrix.rowOffsets]).toEqual([0, 2, 4, 5, 5]);
    expect(matrix.values[0]).toBeCloseTo(Math.SQRT1_2, 14);
    const distances = cosineDistances(matrix);
    expect(distances[0 * 4 + 1]).toBeCloseTo(0, 14);
    expect(distances[0 * 4 + 2]).toBeCloseTo(1, 14);
    expect(distances[3 * 4 + 0]).toBe(1);
  });
});
