import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { adjustedRandIndex } from './adjusted-rand-index.js';

/*
 * Reference values: scikit-learn 1.2.1 (Debian python3-sklearn), computed once with
 *
 *   from sklearn.metrics import adjusted_rand_score as ari
 *   ari([0,0,1,1],[0,0,1,1]) == ari([0,0,1,1],[1,1,0,0]) == 1.0
 *   ari([0,0,1,1],[0,0,1,2])                  # 0.5714285714285714
 *   ari([0,0,1,1],[0,1,0,1])                  # -0.5
 *   ari([0,0,0,0],[0,1,2,3])                  # 0.0
 *   ari([0,0,0,0],[1,1,1,1]) == ari([0,1,2,3],[3,2,1,0]) == ari([7],[3]) == 1.0
 *   ari([0,0,1,2,2,2,3],[5,5,5,1,1,9,9])      # 0.2953020134228188
 *   i = np.arange(1000); a = i % 5; b = np.where(i % 10 < 8, i % 5, (i * 7) % 6)
 *   ari(a, b)                                 # 0.6651646232794467
 *   i = np.arange(200000); a = i % 8; b = np.where((i * 2654435761) % 97 < 80, i % 8, (i * 31) % 9)
 *   ari(a, b)                                 # 0.6906853861147324
 */
describe('adjustedRandIndex', () => {
  it('matches scikit-learn on small cases', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714285714285714, 15);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 15);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 0, 0], [1, 1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2, 3], [3, 2, 1, 0])).toBe(1);
    expect(adjustedRandIndex([7], [3])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2, 2, 2, 3], [5, 5, 5, 1, 1, 9, 9])).toBeCloseTo(
      0.2953020134228188,
      15,
    );
  });

  it('matches scikit-learn on larger labelings (typed arrays, negative labels)', () => {
    const a = Int32Array.from({ length: 1000 }, (_, i) => i % 5);
    const b = Int32Array.from({ length: 1000 }, (_, i) => (i % 10 < 8 ? i % 5 : (i * 7) % 6));
    expect(adjustedRandIndex(a, b)).toBeCloseTo(0.6651646232794467, 14);
    expect(adjustedRandIndex(b, a)).toBeCloseTo(0.6651646232794467, 14);
    expect(
      adjustedRandIndex(
        Array.from(a, (x) => -x),
        b,
      ),
    ).toBeCloseTo(0.6651646232794467, 14);
    const n = 200000;
    const c = Int32Array.from({ length: n }, (_, i) => i % 8);
    const e = Int32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 97 < 80 ? i % 8 : (i * 31) % 9));
    expect(adjustedRandIndex(c, e)).toBeCloseTo(0.6906853861147324, 12);
  });

  it('rejects bad input with clear InputErrors', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/different lengths \(2 and 1\)/);
    expect(() => adjustedRandIndex([], [])).toThrow(InputError);
    expect(() => adjustedRandIndex([0, Number.NaN], [0, 1])).toThrow(/non-integer label at index 1/);
    expect(() => adjustedRandIndex([0, 1], [0, 1.5])).toThrow(/second labeling/);
  });
});
