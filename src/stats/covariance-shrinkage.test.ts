import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { shrinkageIntensity } from './covariance-shrinkage.js';

/*
 * Reference: R hts `shrink.estim(x, lowerD(x))` translated line by line to NumPy (R is not installed),
 * numpy 1.24 (Debian), `/usr/bin/python3 ref.py` — the residuals of the hierarchy fixture in
 * src/forecast/reconcile.test.ts (9 nodes: total, A, B, then A1 … B3; T = 20):
 *
 *   import numpy as np, json
 *   T = 20
 *   A = np.array([[1,1,1,1,1,1],[1,1,1,0,0,0],[0,0,0,1,1,1]], float)
 *   t = np.arange(1, T + 1)
 *   rb = np.array([np.sin(1.3*t + j) + 0.5*np.cos(0.7*t*(j+1)) + 0.2*(j+1)*np.sin(0.1*t*t) for j in range(6)]).T
 *   ra = (A @ rb.T).T + np.array([0.3*np.sin(2.1*t*(a+1) + a) for a in range(3)]).T
 *   R = np.hstack([ra, rb])                                  # T x n
 *   def shrink(x):                                           # hts shrink.estim(x, lowerD(x))
 *       nn = x.shape[0]
 *       covm = x.T @ x / nn
 *       corm = covm / np.sqrt(np.outer(np.diag(covm), np.diag(covm)))
 *       xs = x / np.sqrt(np.diag(covm))
 *       v = (1/(nn*(nn-1))) * ((xs**2).T @ (xs**2) - 1/nn * (xs.T @ xs)**2)
 *       np.fill_diagonal(v, 0)
 *       d = (corm - np.eye(x.shape[1]))**2
 *       return max(min(v.sum()/d.sum(), 1), 0)
 *   print(json.dumps({'lambda': shrink(R), 'lambdaBottom': shrink(rb), 'lambdaFew': shrink(R[:4])}))
 */
const reference = {
  lambda: 0.13449914825039858,
  lambdaBottom: 0.16214581638315284,
  lambdaFew: 0.4736440270370969,
};

const T = 20;

/** Node-major residual rows (total, A, B, A1 … B3), as in ref.py. */
function residualRows(): number[][] {
  const time = Array.from({ length: T }, (_, i) => i + 1);
  const bottomResiduals = [0, 1, 2, 3, 4, 5].map((j) =>
    time.map(
      (t) =>
        Math.sin(1.3 * t + j) + 0.5 * Math.cos(0.7 * t * (j + 1)) + 0.2 * (j + 1) * Math.sin(0.1 * t * t),
    ),
  );
  const sumOf = (rows: number[][]) => time.map((_, i) => rows.reduce((acc, r) => acc + (r[i] as number), 0));
  const aggregateResiduals = [
    sumOf(bottomResiduals),
    sumOf(bottomResiduals.slice(0, 3)),
    sumOf(bottomResiduals.slice(3)),
  ].map((row, a) => row.map((v, i) => v + 0.3 * Math.sin(2.1 * (i + 1) * (a + 1) + a)));
  return [...aggregateResiduals, ...bottomResiduals];
}

describe('shrinkageIntensity', () => {
  it('matches hts shrink.estim (NumPy reproduction) from both Gram orientations', () => {
    const rows = residualRows();
    const all = Float64Array.from(rows.flat());
    expect(shrinkageIntensity(all, T, 9)).toBeCloseTo(reference.lambda, 12);
    const bottom = Float64Array.from(rows.slice(3).flat());
    expect(shrinkageIntensity(bottom, T, 6)).toBeCloseTo(reference.lambdaBottom, 12);
    // T < n branch: 4 observations of 9 series, against the same formula computed pairwise and by NumPy.
    const few = Float64Array.from(rows.flatMap((row) => row.slice(0, 4)));
    expect(shrinkageIntensity(few, 4, 9)).toBeCloseTo(pairwiseLambda(rows.map((r) => r.slice(0, 4))), 12);
    expect(shrinkageIntensity(few, 4, 9)).toBeCloseTo(reference.lambdaFew, 12);
  });

  it('rejects fewer than two observations', () => {
    expect(() => shrinkageIntensity(Float64Array.of(1, 2), 1, 2)).toThrow(InputError);
  });
});

/** The same formula evaluated pair by pair (a second, independent route). */
function pairwiseLambda(columns: number[][]): number {
  const n = columns.length;
  const t = (columns[0] as number[]).length;
  const scaled = columns.map((c) => {
    const rms = Math.sqrt(c.reduce((a, v) => a + v * v, 0) / t);
    return c.map((v) => v / rms);
  });
  let sumV = 0;
  let sumD = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = scaled[i] as number[];
      const b = scaled[j] as number[];
      let cross = 0;
      let squares = 0;
      for (let s = 0; s < t; s++) {
        cross += (a[s] as number) * (b[s] as number);
        squares += (a[s] as number) ** 2 * (b[s] as number) ** 2;
      }
      sumV += (squares - (cross * cross) / t) / (t * (t - 1));
      sumD += (cross / t) ** 2;
    }
  return Math.min(1, Math.max(0, sumV / sumD));
}
