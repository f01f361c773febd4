import { InputError } from '../core/errors.js';
import { strongWolfeLineSearch } from './line-search.js';
import type { ObjectiveWithGradient } from './minimize-types.js';

/**
 * Limited-memory BFGS (L-BFGS) for smooth unconstrained problems with many parameters (10³–10⁷,
 * e.g. the weights of a logistic regression over hashed text features), where BFGS's n×n matrix
 * does not fit. Keeps the last m pairs sᵢ = xᵢ₊₁ − xᵢ, yᵢ = ∇fᵢ₊₁ − ∇fᵢ and applies the inverse
 * Hessian approximation by the two-loop recursion (Nocedal & Wright 2006, Numerical Optimization,
 * Algorithm 7.4), starting from H₀ = (sᵀy / yᵀy)·I (their eq. 7.20), with the strong-Wolfe line
 * search of line-search.ts (c₁ = 1e-4, c₂ = 0.9; Algorithm 7.5). Pairs with yᵀs ≤ 1e-10‖s‖‖y‖
 * are skipped; memory is cleared and steepest descent tried when the line search fails.
 * Stops when max|∂f/∂xᵢ| ≤ gradientTolerance or the relative decrease
 * (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ functionTolerance (scipy's `ftol` test).
 * scipy.optimize.minimize(method='L-BFGS-B') without bounds is the same method (Byrd et al. 1995).
 * Cost: per iteration O(m·n) arithmetic plus usually one objective-with-gradient evaluation.
 * Example: Rosenbrock from (−1.2, 1) reaches (1, 1) to 1e-6 in ≈ 35 iterations.
 */

export interface LbfgsOptions {
  /** Number of (s, y) pairs kept (default 10, scipy's `maxcor`). */
  readonly memory?: number;
  /** Iteration cap (default 1000). */
  readonly maxIterations?: number;
  /** Converged when max |∂f/∂xᵢ| ≤ this (default 1e-5). */
  readonly gradientTolerance?: number;
  /** Converged when the relative decrease of f in one iteration is ≤ this (default 2.22e-9, scipy's ftol). */
  readonly functionTolerance?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** Objective-with-gradient calls. */
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i] as number);
    if (v > m) m = v;
  }
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Search direction p = −H∇f by the two-loop recursion (Nocedal & Wright Alg. 7.4). */
function twoLoopDirection(
  gradient: Float64Array,
  pairs: readonly { s: Float64Array; y: Float64Array; rho: number }[],
  direction: Float64Array,
): void {
  const n = gradient.length;
  for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
  const alphas = new Float64Array(pairs.length);
  for (let j = pairs.length - 1; j >= 0; j--) {
    const pair = pairs[j] as { s: Float64Array; y: Float64Array; rho: number };
    const alpha = pair.rho * dot(pair.s, direction);
    alphas[j] = alpha;
    const y = pair.y;
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) - alpha * (y[i] as number);
  }
  const last = pairs[pairs.length - 1];
  if (last) {
    const gamma = 1 / (last.rho * dot(last.y, last.y));
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
  }
  for (let j = 0; j < pairs.length; j++) {
    const pair = pairs[j] as { s: Float64Array; y: Float64Array; rho: number };
    const beta = pair.rho * dot(pair.y, direction);
    const coefficient = (alphas[j] as number) - beta;
    const s = pair.s;
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + coefficient * (s[i] as number);
  }
}

/** Minimise f (value and gradient in one call) from x0 by L-BFGS; x0 is not mutated. */
export function minimizeLbfgs(
  objective: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: LbfgsOptions = {},
): LbfgsResult {
  const n = x0.length;
  if (n === 0) throw new InputError('invalid_argument', 'minimizeLbfgs requires a non-empty starting point');
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 1000;
  const gradientTolerance = options.gradientTolerance ?? 1e-5;
  const functionTolerance = options.functionTolerance ?? 2.220446049250313e-9;
  if (!(memory >= 1) || !Number.isInteger(memory))
    throw new InputError(
      'invalid_argument',
      `minimizeLbfgs: memory must be a positive integer (got ${memory})`,
    );
  let evaluations = 0;
  const evaluate = (point: Float64Array, gradient: Float64Array): number => {
    evaluations++;
    return objective(point, gradient);
  };
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = evaluate(x, g);
  if (!Number.isFinite(f) || !g.every(Number.isFinite))
    throw new InputError(
      'invalid_argument',
      'minimizeLbfgs: the objective or its gradient is not finite at the start',
    );
  const pairs: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const direction = new Float64Array(n);
  const result = (iterations: number, converged: boolean, message: string): LbfgsResult => ({
    x,
    value: f,
    iterations,
    evaluations,
    converged,
    message,
  });
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(g) <= gradientTolerance) return result(iteration, true, 'gradient norm below tolerance');
    twoLoopDirection(g, pairs, direction);
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      pairs.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(g[i] as number);
      slope = -dot(g, g);
    }
    // First step (or after a reset): scale so that the first trial moves by at most 1 per coordinate.
    const initialStep = pairs.length === 0 ? Math.min(1, 1 / maxAbs(direction)) : 1;
    const search = strongWolfeLineSearch(evaluate, x, f, g, direction, slope, initialStep);
    if (!search) {
      if (pairs.length > 0) {
        pairs.length = 0;
        continue;
      }
      return result(iteration, false, 'line search failed to find a lower point');
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (search.x[i] as number) - (x[i] as number);
      y[i] = (search.gradient[i] as number) - (g[i] as number);
    }
    const previous = f;
    x = search.x;
    f = search.value;
    g = search.gradient;
    const ys = dot(y, s);
    if (ys > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (pairs.length === memory) pairs.shift();
      pairs.push({ s, y, rho: 1 / ys });
    }
    if ((previous - f) / Math.max(Math.abs(previous), Math.abs(f), 1) <= functionTolerance)
      return result(iteration + 1, true, 'relative reduction of f below tolerance');
  }
  if (maxAbs(g) <= gradientTolerance) return result(maxIterations, true, 'gradient norm below tolerance');
  return result(maxIterations, false, 'maximum iterations reached');
}
