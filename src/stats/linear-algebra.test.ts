import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  choleskyFactor,
  factorSymmetric,
  luFactor,
  solveFactored,
  solveLinearSystem,
} from './linear-algebra.js';

/*
 * References, numpy 1.24 (Debian /usr/bin/python3):
 *   np.linalg.cholesky([[4, 2], [2, 3]])                       # [[2, 0], [1, 1.4142135623730951]]
 *   A = [[4, 1, 2], [1, 5, 3], [2, 3, 6]]; np.linalg.solve(A, [[1, 0], [2, 1], [3, 0]])
 *     # [[1.3877787807814457e-17, 0.0], [0.14285714285714285, 0.2857142857142857], [0.42857142857142855, -0.14285714285714285]]
 *   B = [[0, 2, 1], [1, 1, 0], [3, 0, 1]]; np.linalg.solve(B, [1, 2, 3])   # [1.2, 0.8, -0.6]
 */
describe('linear algebra', () => {
  it('Cholesky factor and solve match NumPy', () => {
    const l = choleskyFactor(Float64Array.of(4, 2, 2, 3), 2);
    expect(Array.from(l?.lower ?? [])).toEqual([2, 0, 1, Math.SQRT2]);
    const a = Float64Array.of(4, 1, 2, 1, 5, 3, 2, 3, 6);
    const x = solveLinearSystem(a, 3, Float64Array.of(1, 0, 2, 1, 3, 0), 2, { symmetric: true });
    const expected = [
      0, 0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, -0.14285714285714285,
    ];
    for (const [i, e] of expected.entries()) expect(x[i]).toBeCloseTo(e, 14);
  });

  it('LU with pivoting solves a system with a zero leading entry', () => {
    const b = Float64Array.of(0, 2, 1, 1, 1, 0, 3, 0, 1);
    expect(choleskyFactor(b, 3)).toBeUndefined();
    const x = solveLinearSystem(b, 3, Float64Array.of(1, 2, 3));
    for (const [i, e] of [1.2, 0.8, -0.6].entries()) expect(x[i]).toBeCloseTo(e, 14);
    const lu = luFactor(b, 3);
    expect(lu?.pivots[0]).toBe(2);
  });

  it('falls back from Cholesky to LU for symmetric indefinite matrices and rejects singular ones', () => {
    const indefinite = Float64Array.of(1, 2, 2, 1);
    const factor = factorSymmetric(indefinite, 2);
    expect(factor.kind).toBe('lu');
    const x = solveFactored(factor, Float64Array.of(3, 3), 1);
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(1, 14);
    expect(() => factorSymmetric(Float64Array.of(1, 1, 1, 1), 2)).toThrow(/singular/);
    expect(() => solveLinearSystem(Float64Array.of(1, 2, 2, 4), 2, Float64Array.of(1, 1))).toThrow(
      InputError,
    );
    expect(() => choleskyFactor(Float64Array.of(1, Number.NaN, 0, 1), 2)).toThrow(/not finite/);
    expect(() => choleskyFactor(Float64Array.of(1, 2, 3), 2)).toThrow(/needs 4 entries/);
  });
});
