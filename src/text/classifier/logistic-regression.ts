import { InputError } from '../../core/errors.js';
import { minimizeLbfgs } from '../../stats/lbfgs.js';
import type { CsrMatrix } from './hashed-features.js';

/**
 * L2-regularised logistic regression on sparse rows, binary (sigmoid, one weight vector, the
 * second class is "positive" as in scikit-learn) or multinomial (softmax, one vector per class),
 * with scikit-learn's objective (LogisticRegression(penalty='l2', solver='lbfgs')):
 *   minimise  C · Σᵢ ℓᵢ(w, b) + ½‖w‖²,  intercepts b not penalised,
 *   binary ℓᵢ = ln(1 + e^{zᵢ}) − yᵢzᵢ, zᵢ = xᵢ·w + b;  multinomial ℓᵢ = ln Σₖ e^{z_{ik}} − z_{i,yᵢ}.
 * We minimise that objective divided by C·n (same minimiser, O(1) scale so one tolerance fits
 * every n and C) with L-BFGS (src/stats/lbfgs.ts). Only columns with a non-zero in the training
 * rows are optimised: the other weights' gradient is w/C alone, so their optimum is exactly 0.
 * Reference: Hastie, Tibshirani & Friedman (2009), The Elements of Statistical Learning, §4.4;
 * scikit-learn `sklearn/linear_model/_logistic.py`. Cost per L-BFGS iteration:
 * O(K·nnz + m·K·active columns).
 */

export interface LogisticProblem {
  readonly rows: number;
  readonly classes: number;
  /** Outcome class index per row (0 … classes − 1). */
  readonly y: Int32Array;
  readonly rowStart: Int32Array;
  /** Column index remapped to the active columns 0 … active − 1. */
  readonly activeIndices: Int32Array;
  readonly values: Float32Array;
  /** activeColumns[a] = original column of active column a. */
  readonly activeColumns: Int32Array;
  readonly columns: number;
}

export interface LogisticFit {
  /** Parameters in the optimiser's layout (active columns); pass as `warmStart` to a next fit. */
  readonly parameters: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LogisticOptions {
  readonly warmStart?: Float64Array;
  readonly maxIterations?: number;
  /** On the objective divided by C·n (default 1e-6). */
  readonly gradientTolerance?: number;
}

/** Collect the active columns of `x` and pair the rows with their class indices. */
export function prepareLogisticProblem(x: CsrMatrix, y: Int32Array, classes: number): LogisticProblem {
  if (y.length !== x.rows)
    throw new InputError('invalid_argument', `${x.rows} rows but ${y.length} outcomes`);
  if (classes < 2) throw new InputError('invalid_argument', 'logistic regression needs at least 2 classes');
  const map = new Int32Array(x.columns).fill(-1);
  const active: number[] = [];
  const activeIndices = new Int32Array(x.indices.length);
  for (let k = 0; k < x.indices.length; k++) {
    const column = x.indices[k] as number;
    let a = map[column] as number;
    if (a < 0) {
      a = active.length;
      map[column] = a;
      active.push(column);
    }
    activeIndices[k] = a;
  }
  return {
    rows: x.rows,
    classes,
    y,
    rowStart: x.rowStart,
    activeIndices,
    values: x.values,
    activeColumns: Int32Array.from(active),
    columns: x.columns,
  };
}

/** Number of weight vectors: 1 for binary, K for multinomial. */
export function weightVectors(classes: number): number {
  return classes === 2 ? 1 : classes;
}

/** ln(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Objective / (C·n) and its gradient (exported for tests); parameters: W (active × K, row-major) then b (K). */
export function logisticObjective(problem: LogisticProblem, c: number) {
  const { rows, rowStart, activeIndices, values, y } = problem;
  const k = weightVectors(problem.classes);
  const weightCount = problem.activeColumns.length * k;
  const scale = 1 / (c * rows);
  const z = new Float64Array(k);
  return (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const from = rowStart[i] as number;
      const to = rowStart[i + 1] as number;
      const yi = y[i] as number;
      if (k === 1) {
        let zi = theta[weightCount] as number;
        for (let t = from; t < to; t++)
          zi += (values[t] as number) * (theta[activeIndices[t] as number] as number);
        loss += softplus(zi) - (yi === 1 ? zi : 0);
        const residual = 1 / (1 + Math.exp(-zi)) - yi;
        for (let t = from; t < to; t++) {
          const a = activeIndices[t] as number;
          gradient[a] = (gradient[a] as number) + residual * (values[t] as number);
        }
        gradient[weightCount] = (gradient[weightCount] as number) + residual;
        continue;
      }
      for (let j = 0; j < k; j++) z[j] = theta[weightCount + j] as number;
      for (let t = from; t < to; t++) {
        const base = (activeIndices[t] as number) * k;
        const v = values[t] as number;
        for (let j = 0; j < k; j++) z[j] = (z[j] as number) + v * (theta[base + j] as number);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) max = Math.max(max, z[j] as number);
      let total = 0;
      for (let j = 0; j < k; j++) {
        const e = Math.exp((z[j] as number) - max);
        z[j] = e;
        total += e;
      }
      loss += Math.log(total) - Math.log(z[yi] as number);
      for (let j = 0; j < k; j++) z[j] = (z[j] as number) / total - (j === yi ? 1 : 0);
      for (let t = from; t < to; t++) {
        const base = (activeIndices[t] as number) * k;
        const v = values[t] as number;
        for (let j = 0; j < k; j++)
          gradient[base + j] = (gradient[base + j] as number) + v * (z[j] as number);
      }
      for (let j = 0; j < k; j++)
        gradient[weightCount + j] = (gradient[weightCount + j] as number) + (z[j] as number);
    }
    let squares = 0;
    const lossScale = 1 / rows;
    for (let p = 0; p < weightCount; p++) {
      const w = theta[p] as number;
      squares += w * w;
      gradient[p] = (gradient[p] as number) * lossScale + w * scale;
    }
    for (let p = weightCount; p < gradient.length; p++) gradient[p] = (gradient[p] as number) * lossScale;
    return loss * lossScale + 0.5 * squares * scale;
  };
}

/** Fit at inverse regularisation strength C (> 0) by L-BFGS, optionally from a previous fit. */
export function fitLogistic(problem: LogisticProblem, c: number, options: LogisticOptions = {}): LogisticFit {
  if (!(c > 0 && Number.isFinite(c)))
    throw new InputError('invalid_argument', `C must be a positive finite number (got ${c})`);
  const k = weightVectors(problem.classes);
  const size = (problem.activeColumns.length + 1) * k;
  const start = options.warmStart?.length === size ? options.warmStart : new Float64Array(size);
  const run = minimizeLbfgs(logisticObjective(problem, c), start, {
    maxIterations: options.maxIterations ?? 1000,
    gradientTolerance: options.gradientTolerance ?? 1e-6,
    functionTolerance: 1e-12,
  });
  return { parameters: run.x, iterations: run.iterations, converged: run.converged };
}

/** Dense weights (K or 1 × columns, Float32) and intercepts from a fit's active-column parameters. */
export function denseWeights(
  problem: LogisticProblem,
  fit: LogisticFit,
): { weights: Float32Array; intercepts: Float32Array } {
  const k = weightVectors(problem.classes);
  const active = problem.activeColumns;
  const weights = new Float32Array(k * problem.columns);
  for (let a = 0; a < active.length; a++)
    for (let j = 0; j < k; j++)
      weights[j * problem.columns + (active[a] as number)] = fit.parameters[a * k + j] as number;
  const intercepts = Float32Array.from(fit.parameters.subarray(active.length * k));
  return { weights, intercepts };
}
