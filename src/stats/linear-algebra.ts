import { InputError } from '../core/errors.js';

/**
 * Small dense linear algebra on row-major `Float64Array` matrices: Cholesky for symmetric positive
 * definite systems and LU with partial pivoting for general square ones, each with a solver for several
 * right-hand sides at once. Meant for systems up to a few thousand unknowns (cost O(n³/3) for Cholesky,
 * O(2n³/3) for LU, O(n² · columns) per solve); inputs are never mutated.
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), algorithms 4.2.1 (Cholesky, gaxpy form) and
 * 3.4.1 (LU with partial pivoting); numpy.linalg.cholesky / scipy.linalg.lu_factor agree to rounding.
 * Example: choleskyFactor(Float64Array.of(4, 2, 2, 3), 2) → L = [2, 0, 1, 1.4142135623730951].
 */

/** A factorised square matrix, ready to solve A X = B. */
export interface CholeskyFactor {
  readonly kind: 'cholesky';
  readonly size: number;
  /** Lower triangle L (row-major n × n, upper part zero) with A = L Lᵀ. */
  readonly lower: Float64Array;
}

export interface LuFactor {
  readonly kind: 'lu';
  readonly size: number;
  /** L (unit lower, below the diagonal) and U (on and above) packed row-major, rows permuted. */
  readonly packed: Float64Array;
  /** Row i of the packed factor is row pivots[i] of A. */
  readonly pivots: Int32Array;
}

export type MatrixFactor = CholeskyFactor | LuFactor;

function checkSquare(matrix: Float64Array, size: number, caller: string): void {
  if (!Number.isInteger(size) || size < 1)
    throw new InputError('invalid_argument', `${caller}: size must be a positive integer, got ${size}`);
  if (matrix.length !== size * size)
    throw new InputError(
      'invalid_argument',
      `${caller}: a ${size} × ${size} matrix needs ${size * size} entries, got ${matrix.length}`,
    );
  for (let i = 0; i < matrix.length; i++)
    if (!Number.isFinite(matrix[i] as number))
      throw new InputError('invalid_argument', `${caller}: entry ${i} of the matrix is not finite`);
}

/**
 * Cholesky factor A = L Lᵀ of a symmetric positive definite matrix (only the lower triangle of A is read).
 * Returns undefined when a pivot is ≤ `tolerance` · max diagonal (not numerically positive definite), so
 * callers can fall back to LU or report the cause.
 */
export function choleskyFactor(
  matrix: Float64Array,
  size: number,
  tolerance = 1e-12,
): CholeskyFactor | undefined {
  checkSquare(matrix, size, 'choleskyFactor');
  const n = size;
  const lower = new Float64Array(n * n);
  let maxDiagonal = 0;
  for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(matrix[i * n + i] as number));
  const floor = tolerance * (maxDiagonal > 0 ? maxDiagonal : 1);
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j * n + j] as number;
    const rowJ = j * n;
    for (let k = 0; k < j; k++) {
      const v = lower[rowJ + k] as number;
      diagonal -= v * v;
    }
    if (!(diagonal > floor)) return undefined;
    const pivot = Math.sqrt(diagonal);
    lower[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = matrix[rowI + j] as number;
      for (let k = 0; k < j; k++) s -= (lower[rowI + k] as number) * (lower[rowJ + k] as number);
      lower[rowI + j] = s / pivot;
    }
  }
  return { kind: 'cholesky', size: n, lower };
}

/** LU factor P A = L U with partial pivoting; undefined when a pivot is ≤ tolerance · max |a_ij| (singular). */
export function luFactor(matrix: Float64Array, size: number, tolerance = 1e-13): LuFactor | undefined {
  checkSquare(matrix, size, 'luFactor');
  const n = size;
  const packed = Float64Array.from(matrix);
  const pivots = new Int32Array(n);
  for (let i = 0; i < n; i++) pivots[i] = i;
  let maxAbs = 0;
  for (let i = 0; i < packed.length; i++) maxAbs = Math.max(maxAbs, Math.abs(packed[i] as number));
  const floor = tolerance * (maxAbs > 0 ? maxAbs : 1);
  for (let k = 0; k < n; k++) {
    let best = k;
    let bestAbs = Math.abs(packed[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const a = Math.abs(packed[i * n + k] as number);
      if (a > bestAbs) {
        best = i;
        bestAbs = a;
      }
    }
    if (!(bestAbs > floor)) return undefined;
    if (best !== k) {
      for (let j = 0; j < n; j++) {
        const t = packed[k * n + j] as number;
        packed[k * n + j] = packed[best * n + j] as number;
        packed[best * n + j] = t;
      }
      const p = pivots[k] as number;
      pivots[k] = pivots[best] as number;
      pivots[best] = p;
    }
    const pivot = packed[k * n + k] as number;
    for (let i = k + 1; i < n; i++) {
      const factor = (packed[i * n + k] as number) / pivot;
      packed[i * n + k] = factor;
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++)
        packed[i * n + j] = (packed[i * n + j] as number) - factor * (packed[k * n + j] as number);
    }
  }
  return { kind: 'lu', size: n, packed, pivots };
}

/**
 * Factor a symmetric matrix: Cholesky when positive definite, else LU with pivoting (a symmetric
 * indefinite or semi-definite but non-singular matrix). Throws InputError when singular.
 */
export function factorSymmetric(matrix: Float64Array, size: number, what = 'matrix'): MatrixFactor {
  const cholesky = choleskyFactor(matrix, size);
  if (cholesky !== undefined) return cholesky;
  const lu = luFactor(matrix, size);
  if (lu !== undefined) return lu;
  throw new InputError(
    'insufficient_data',
    `The ${size} × ${size} ${what} is singular and cannot be solved`,
    {
      hint: 'A covariance estimated from fewer observations than series is singular; use shrinkage or more data',
    },
  );
}

/**
 * Solve A X = B for X given a factor of A; B is row-major size × columns and is not mutated.
 * Cost O(size² · columns).
 */
export function solveFactored(
  factor: MatrixFactor,
  rightHandSide: Float64Array,
  columns: number,
): Float64Array {
  const n = factor.size;
  if (!Number.isInteger(columns) || columns < 1 || rightHandSide.length !== n * columns)
    throw new InputError(
      'invalid_argument',
      `solveFactored: the right-hand side must be ${n} × ${columns}, got ${rightHandSide.length} entries`,
    );
  const x = new Float64Array(n * columns);
  if (factor.kind === 'cholesky') {
    x.set(rightHandSide);
    const l = factor.lower;
    // Forward: L y = b.
    for (let i = 0; i < n; i++) {
      const rowI = i * n;
      for (let k = 0; k < i; k++) {
        const lik = l[rowI + k] as number;
        if (lik === 0) continue;
        for (let c = 0; c < columns; c++)
          x[i * columns + c] = (x[i * columns + c] as number) - lik * (x[k * columns + c] as number);
      }
      const d = l[rowI + i] as number;
      for (let c = 0; c < columns; c++) x[i * columns + c] = (x[i * columns + c] as number) / d;
    }
    // Backward: Lᵀ x = y.
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) {
        const lki = l[k * n + i] as number;
        if (lki === 0) continue;
        for (let c = 0; c < columns; c++)
          x[i * columns + c] = (x[i * columns + c] as number) - lki * (x[k * columns + c] as number);
      }
      const d = l[i * n + i] as number;
      for (let c = 0; c < columns; c++) x[i * columns + c] = (x[i * columns + c] as number) / d;
    }
    return x;
  }
  const { packed, pivots } = factor;
  for (let i = 0; i < n; i++) {
    const source = pivots[i] as number;
    for (let c = 0; c < columns; c++) x[i * columns + c] = rightHandSide[source * columns + c] as number;
  }
  for (let i = 0; i < n; i++)
    for (let k = 0; k < i; k++) {
      const lik = packed[i * n + k] as number;
      if (lik === 0) continue;
      for (let c = 0; c < columns; c++)
        x[i * columns + c] = (x[i * columns + c] as number) - lik * (x[k * columns + c] as number);
    }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const uik = packed[i * n + k] as number;
      if (uik === 0) continue;
      for (let c = 0; c < columns; c++)
        x[i * columns + c] = (x[i * columns + c] as number) - uik * (x[k * columns + c] as number);
    }
    const d = packed[i * n + i] as number;
    for (let c = 0; c < columns; c++) x[i * columns + c] = (x[i * columns + c] as number) / d;
  }
  return x;
}

/** Solve A X = B in one call (Cholesky for symmetric positive definite A, else LU). */
export function solveLinearSystem(
  matrix: Float64Array,
  size: number,
  rightHandSide: Float64Array,
  columns = 1,
  options: { readonly symmetric?: boolean } = {},
): Float64Array {
  if (options.symmetric === true) return solveFactored(factorSymmetric(matrix, size), rightHandSide, columns);
  const lu = luFactor(matrix, size);
  if (lu === undefined)
    throw new InputError('invalid_argument', `solveLinearSystem: the ${size} × ${size} matrix is singular`);
  return solveFactored(lu, rightHandSide, columns);
}
