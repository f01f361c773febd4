import { InputError } from '../core/errors.js';
import type { MinimizeOptions, MinimizeResult, Objective } from './minimize-types.js';

/**
 * Nelder–Mead downhill simplex (Nelder & Mead 1965; the variant of Lagarias et al. 1998 with
 * reflection 1, expansion 2, contraction ½, shrink ½, as scipy.optimize.minimize(method='Nelder-Mead')).
 * Initial simplex: x₀ and x₀ + δᵢeᵢ with δᵢ = 0.05·xᵢ (0.00025 when xᵢ = 0), scipy's choice.
 * Stops when the simplex spans ≤ 1e-10·(1 + |x|) in x and ≤ functionTolerance·max(1, |f|) in f.
 * Non-finite values count as +Infinity (the simplex moves away from them).
 * Use when no gradient is available or BFGS fails; slow in more than ~10 dimensions.
 * Cost: 1–2 evaluations per iteration (n + 1 on a shrink), O(n²) arithmetic per iteration.
 */
export function minimizeNelderMead(
  objective: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0)
    throw new InputError('invalid_argument', 'minimizeNelderMead requires a non-empty starting point');
  const maxIterations = options.maxIterations ?? 400 * n;
  const functionTolerance = Math.max(options.functionTolerance ?? 1e-14, 1e-15);
  let evaluations = 0;
  const f = (x: Float64Array): number => {
    evaluations++;
    const v = objective(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const points: Float64Array[] = [];
  const values: number[] = [];
  const first = Float64Array.from(x0);
  if (!first.every(Number.isFinite))
    throw new InputError('invalid_argument', 'minimizeNelderMead: starting point is not finite');
  points.push(first);
  values.push(f(first));
  if (!Number.isFinite(values[0] as number))
    throw new InputError('invalid_argument', 'minimizeNelderMead: the objective is not finite at the start');
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(first);
    p[i] = (p[i] as number) === 0 ? 0.00025 : (p[i] as number) * 1.05;
    points.push(p);
    values.push(f(p));
  }
  const order = points.map((_, i) => i);
  const combine = (centroid: Float64Array, worst: Float64Array, coefficient: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++)
      out[j] = (centroid[j] as number) + coefficient * ((worst[j] as number) - (centroid[j] as number));
    return out;
  };
  let iteration = 0;
  let converged = false;
  for (; iteration < maxIterations; iteration++) {
    order.sort((i, j) => (values[i] as number) - (values[j] as number));
    const best = points[order[0] as number] as Float64Array;
    const bestValue = values[order[0] as number] as number;
    let spread = 0;
    let fSpread = 0;
    for (let k = 1; k <= n; k++) {
      const p = points[order[k] as number] as Float64Array;
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs((p[j] as number) - (best[j] as number)));
      fSpread = Math.max(fSpread, Math.abs((values[order[k] as number] as number) - bestValue));
    }
    let scale = 1;
    for (const v of best) scale = Math.max(scale, 1 + Math.abs(v));
    if (spread <= 1e-10 * scale && fSpread <= functionTolerance * Math.max(1, Math.abs(bestValue))) {
      converged = true;
      break;
    }
    const worstIndex = order[n] as number;
    const worst = points[worstIndex] as Float64Array;
    const worstValue = values[worstIndex] as number;
    const secondWorstValue = values[order[n - 1] as number] as number;
    const centroid = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const p = points[order[k] as number] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const reflected = combine(centroid, worst, -1);
    const reflectedValue = f(reflected);
    if (reflectedValue < bestValue) {
      const expanded = combine(centroid, worst, -2);
      const expandedValue = f(expanded);
      const useExpanded = expandedValue < reflectedValue;
      points[worstIndex] = useExpanded ? expanded : reflected;
      values[worstIndex] = useExpanded ? expandedValue : reflectedValue;
      continue;
    }
    if (reflectedValue < secondWorstValue) {
      points[worstIndex] = reflected;
      values[worstIndex] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < worstValue;
    const contracted = combine(centroid, worst, outside ? -0.5 : 0.5);
    const contractedValue = f(contracted);
    if (contractedValue < (outside ? reflectedValue : worstValue)) {
      points[worstIndex] = contracted;
      values[worstIndex] = contractedValue;
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const index = order[k] as number;
      points[index] = combine(best, points[index] as Float64Array, 0.5);
      values[index] = f(points[index] as Float64Array);
    }
  }
  order.sort((i, j) => (values[i] as number) - (values[j] as number));
  return {
    x: points[order[0] as number] as Float64Array,
    value: values[order[0] as number] as number,
    iterations: iteration,
    evaluations,
    converged,
    message: converged ? 'simplex size below tolerance' : 'maximum iterations reached',
    method: 'nelder-mead',
  };
}
