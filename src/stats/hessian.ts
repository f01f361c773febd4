import { InputError } from '../core/errors.js';
import type { Objective, ObjectiveWithGradient } from './minimize-types.js';

/**
 * Numerical Hessians and symmetric positive-definite matrix algebra for standard errors of
 * maximum-likelihood estimates: the observed information is the Hessian of the negative
 * log-likelihood at the optimum, its inverse the asymptotic covariance.
 *
 * Matrices are plain row-major arrays of rows (`number[][]`), small (n ≤ ~50).
 * Reference: Nocedal & Wright (2006) §8.1 (finite-difference Hessians); Golub & Van Loan (2013)
 * §4.2 (Cholesky). R: optimHess / chol2inv; numpy: np.linalg.cholesky / inv.
 */

export type Matrix = readonly (readonly number[])[];

export interface HessianOptions {
  /** Value-and-gradient function: the Hessian is taken from central differences of the gradient. */
  readonly gradient?: ObjectiveWithGradient;
  /** Relative step (default ε^(1/3) ≈ 6e-6 with a gradient, ε^(1/4) ≈ 1.2e-4 from values only). */
  readonly relativeStep?: number;
}

/**
 * Numerical Hessian ∂²f/∂xᵢ∂xⱼ at x. With `options.gradient`: H[i][·] = (∇f(x + hᵢeᵢ) − ∇f(x − hᵢeᵢ)) / 2hᵢ,
 * symmetrised (2n gradient evaluations, error O(h²)). From values only: the four-point central
 * formula (f(x+hᵢ+hⱼ) − f(x+hᵢ−hⱼ) − f(x−hᵢ+hⱼ) + f(x−hᵢ−hⱼ)) / 4hᵢhⱼ off the diagonal and
 * (f(x+2hᵢ) − 2f(x) + f(x−2hᵢ)) / 4hᵢ² on it (2n² + 1 evaluations). hᵢ = step·max(1, |xᵢ|).
 * Throws InputError when an evaluation is not finite.
 */
export function numericalHessian(
  objective: Objective,
  x: ArrayLike<number>,
  options: HessianOptions = {},
): number[][] {
  const n = x.length;
  if (n === 0) throw new InputError('invalid_argument', 'numericalHessian requires a non-empty point');
  const point = Float64Array.from(x);
  if (!point.every(Number.isFinite))
    throw new InputError('invalid_argument', 'numericalHessian: point is not finite');
  const hessian: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const finite = (v: number): number => {
    if (!Number.isFinite(v))
      throw new InputError(
        'invalid_argument',
        'numericalHessian: the objective is not finite near the point',
      );
    return v;
  };
  const steps = point.map(
    (v) =>
      (options.relativeStep ?? (options.gradient ? 6.055454452393343e-6 : 1.220703125e-4)) *
      Math.max(1, Math.abs(v)),
  );
  if (options.gradient) {
    const up = new Float64Array(n);
    const down = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = point[i] as number;
      const h = steps[i] as number;
      point[i] = xi + h;
      options.gradient(point, up);
      point[i] = xi - h;
      options.gradient(point, down);
      point[i] = xi;
      for (let j = 0; j < n; j++)
        (hessian[i] as number[])[j] = finite(((up[j] as number) - (down[j] as number)) / (2 * h));
    }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) {
        const average = 0.5 * ((hessian[i]?.[j] as number) + (hessian[j]?.[i] as number));
        (hessian[i] as number[])[j] = average;
        (hessian[j] as number[])[i] = average;
      }
    return hessian;
  }
  const at = (di: number, hi: number, dj: number, hj: number): number => {
    const xi = point[di] as number;
    const xj = point[dj] as number;
    point[di] = xi + hi;
    point[dj] = (point[dj] as number) + hj;
    const v = finite(objective(point));
    point[di] = xi;
    point[dj] = xj;
    return v;
  };
  const centre = finite(objective(point));
  for (let i = 0; i < n; i++) {
    const hi = steps[i] as number;
    (hessian[i] as number[])[i] = (at(i, 2 * hi, i, 0) - 2 * centre + at(i, -2 * hi, i, 0)) / (4 * hi * hi);
    for (let j = 0; j < i; j++) {
      const hj = steps[j] as number;
      const value =
        (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) / (4 * hi * hj);
      (hessian[i] as number[])[j] = value;
      (hessian[j] as number[])[i] = value;
    }
  }
  return hessian;
}

function checkSquare(matrix: Matrix, caller: string): number {
  const n = matrix.length;
  if (n === 0) throw new InputError('invalid_argument', `${caller} requires a non-empty matrix`);
  for (const row of matrix) {
    if (row.length !== n) throw new InputError('invalid_argument', `${caller} requires a square matrix`);
    for (const v of row)
      if (!Number.isFinite(v))
        throw new InputError('invalid_argument', `${caller}: matrix has a non-finite entry`);
  }
  return n;
}

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive-definite matrix
 * (only the lower triangle is read). Throws InputError 'not_positive_definite' naming the pivot
 * when A is not (numerically) positive definite — for an observed information matrix this means
 * the optimum is a saddle or flat in some direction (parameters not identified). Cost O(n³/3).
 */
export function choleskyDecomposition(matrix: Matrix): number[][] {
  const n = checkSquare(matrix, 'choleskyDecomposition');
  const lower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(matrix[i]?.[i] as number));
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j]?.[j] as number;
    for (let k = 0; k < j; k++) diagonal -= (lower[j]?.[k] as number) ** 2;
    if (!(diagonal > 1e-14 * scale))
      throw new InputError(
        'not_positive_definite',
        `matrix is not positive definite (pivot ${j} is ${diagonal.toPrecision(3)}); for an information matrix this means the fit is at a saddle point or some parameter is not identified`,
      );
    const root = Math.sqrt(diagonal);
    (lower[j] as number[])[j] = root;
    for (let i = j + 1; i < n; i++) {
      let v = matrix[i]?.[j] as number;
      for (let k = 0; k < j; k++) v -= (lower[i]?.[k] as number) * (lower[j]?.[k] as number);
      (lower[i] as number[])[j] = v / root;
    }
  }
  return lower;
}

/**
 * Inverse of a symmetric positive-definite matrix through its Cholesky factor:
 * A⁻¹ = L⁻ᵀ L⁻¹ (R: chol2inv(chol(A))). Throws InputError 'not_positive_definite' otherwise.
 * Cost O(n³). Example: inverse of [[4, 2], [2, 3]] = [[0.375, −0.25], [−0.25, 0.5]].
 */
export function invertSymmetricPositiveDefinite(matrix: Matrix): number[][] {
  const lower = choleskyDecomposition(matrix);
  const n = lower.length;
  // inverseLower = L⁻¹ by forward substitution, column by column
  const inverseLower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let col = 0; col < n; col++) {
    for (let i = col; i < n; i++) {
      let v = i === col ? 1 : 0;
      for (let k = col; k < i; k++) v -= (lower[i]?.[k] as number) * (inverseLower[k]?.[col] as number);
      (inverseLower[i] as number[])[col] = v / (lower[i]?.[i] as number);
    }
  }
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let v = 0;
      for (let k = i; k < n; k++) v += (inverseLower[k]?.[i] as number) * (inverseLower[k]?.[j] as number);
      (inverse[i] as number[])[j] = v;
      (inverse[j] as number[])[i] = v;
    }
  return inverse;
}

/**
 * Inverse of a general square matrix by Gauss–Jordan elimination with partial pivoting.
 * Throws InputError 'singular_matrix' when a pivot is below 1e-13 of the largest entry. Cost O(n³).
 */
export function invertMatrix(matrix: Matrix): number[][] {
  const n = checkSquare(matrix, 'invertMatrix');
  const work = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  let scale = 0;
  for (const row of matrix) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let i = col + 1; i < n; i++)
      if (Math.abs(work[i]?.[col] as number) > Math.abs(work[pivot]?.[col] as number)) pivot = i;
    const pivotValue = work[pivot]?.[col] as number;
    if (!(Math.abs(pivotValue) > 1e-13 * scale))
      throw new InputError('singular_matrix', `matrix is singular (no pivot in column ${col})`);
    [work[col], work[pivot]] = [work[pivot] as number[], work[col] as number[]];
    const pivotRow = work[col] as number[];
    for (let j = 0; j < 2 * n; j++) pivotRow[j] = (pivotRow[j] as number) / pivotValue;
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const row = work[i] as number[];
      const factor = row[col] as number;
      if (factor === 0) continue;
      for (let j = 0; j < 2 * n; j++) row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    }
  }
  return work.map((row) => row.slice(n));
}
