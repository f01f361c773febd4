import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  choleskyDecomposition,
  invertMatrix,
  invertSymmetricPositiveDefinite,
  numericalHessian,
} from './hessian.js';

// f(x, y, z) = x²y + sin(y)z + e^(xz): exact Hessian below.
const f = (v: Float64Array) => {
  const [x, y, z] = v as unknown as [number, number, number];
  return x * x * y + Math.sin(y) * z + Math.exp(x * z);
};
const gradient = (v: Float64Array, g: Float64Array) => {
  const [x, y, z] = v as unknown as [number, number, number];
  g[0] = 2 * x * y + z * Math.exp(x * z);
  g[1] = x * x + Math.cos(y) * z;
  g[2] = Math.sin(y) + x * Math.exp(x * z);
  return f(v);
};
const exact = (x: number, y: number, z: number) => {
  const e = Math.exp(x * z);
  return [
    [2 * y + z * z * e, 2 * x, e + x * z * e],
    [2 * x, -Math.sin(y) * z, Math.cos(y)],
    [e + x * z * e, Math.cos(y), x * x * e],
  ];
};

describe('numericalHessian', () => {
  const point = [0.7, -1.3, 0.4];
  const expected = exact(0.7, -1.3, 0.4);
  it('from the gradient agrees with the exact Hessian to ~1e-9', () => {
    const h = numericalHessian(f, point, { gradient });
    h.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(expected[i]?.[j] as number, 8);
      });
    });
  });
  it('from values only agrees to ~1e-6 and is symmetric', () => {
    const h = numericalHessian(f, point);
    h.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(expected[i]?.[j] as number, 6);
        expect(v).toBe(h[j]?.[i]);
      });
    });
  });
  it('throws on empty, non-finite points and non-finite values', () => {
    expect(() => numericalHessian(f, [])).toThrow(InputError);
    expect(() => numericalHessian(f, [Number.NaN, 0, 0])).toThrow(InputError);
    expect(() => numericalHessian(() => Number.POSITIVE_INFINITY, [0])).toThrow(InputError);
  });
});

describe('matrix inverses', () => {
  // numpy: np.linalg.inv([[4, 2, 0.6], [2, 3, 0.4], [0.6, 0.4, 1]])
  const a = [
    [4, 2, 0.6],
    [2, 3, 0.4],
    [0.6, 0.4, 1],
  ];
  it('Cholesky factor reproduces the matrix', () => {
    const l = choleskyDecomposition(a);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let k = 0; k < 3; k++) v += (l[i]?.[k] as number) * (l[j]?.[k] as number);
        expect(v).toBeCloseTo(a[i]?.[j] as number, 14);
      }
  });
  it('SPD inverse and Gauss–Jordan inverse agree and give the identity', () => {
    const inverse = invertSymmetricPositiveDefinite(a);
    const general = invertMatrix(a);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let k = 0; k < 3; k++) v += (a[i]?.[k] as number) * (inverse[k]?.[j] as number);
        expect(v).toBeCloseTo(i === j ? 1 : 0, 13);
        expect(general[i]?.[j]).toBeCloseTo(inverse[i]?.[j] as number, 13);
      }
    const small = invertSymmetricPositiveDefinite([
      [4, 2],
      [2, 3],
    ]);
    [0.375, -0.25, -0.25, 0.5].forEach((v, k) => {
      expect(small[k >> 1]?.[k & 1]).toBeCloseTo(v, 15);
    });
  });
  it('Gauss–Jordan pivots (zero leading entry)', () => {
    const inverse = invertMatrix([
      [0, 1],
      [2, 0],
    ]);
    expect(inverse).toEqual([
      [0, 0.5],
      [1, 0],
    ]);
  });
  it('clear errors for indefinite, singular and malformed matrices', () => {
    expect(() =>
      invertSymmetricPositiveDefinite([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/not positive definite/);
    expect(() =>
      invertSymmetricPositiveDefinite([
        [1, 1],
        [1, 1],
      ]),
    ).toThrow(InputError);
    expect(() =>
      invertMatrix([
        [1, 2],
        [2, 4],
      ]),
    ).toThrow(/singular/);
    expect(() => invertMatrix([[1, 2]])).toThrow(InputError);
    expect(() => invertMatrix([])).toThrow(InputError);
    expect(() => choleskyDecomposition([[Number.NaN]])).toThrow(InputError);
  });
});
