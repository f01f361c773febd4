import { InputError } from '../core/errors.js';
import type { Hierarchy, HierarchyNode } from './hierarchy.js';
import { type ResidualMatrix, readSeries } from './reconcile-inputs.js';

/**
 * The covariance algebra of reconcileForecasts (reconcile.ts, formulas in its file comment): products with
 * W = diag + low-rank and with the constraint matrix Uᵀ = [I_k −A], and the reconciled standard deviations
 * sqrt(diag(P W_h Pᵀ)) of the intervals. W is never formed densely: O(n · k · T) per product.
 */

/** x² without `**`, which some transpilers lower to a slow Math.pow call in hot loops. */
function square(x: number): number {
  return x * x;
}

function fail(message: string, hint?: string): never {
  throw new InputError('invalid_argument', message, hint === undefined ? {} : { hint });
}

/** W = diag(diagonal) + lowRankWeight · FᵀF, F node-major (node i: factors[i·T … (i+1)·T)). */
export interface CovarianceOperator {
  readonly diagonal: Float64Array;
  readonly factors?: Float64Array;
  readonly lowRankWeight: number;
}

/** W U (n × k, row-major) with Uᵀ = [I_k −A]: column a is W e_a − Σ_{b ∈ a} W e_b. */
export function covarianceTimesU(
  hierarchy: Hierarchy,
  w: CovarianceOperator,
  observations: number,
): Float64Array {
  const { aggregateCount: k, bottomCount: m, memberStart, memberIndices } = hierarchy;
  const n = k + m;
  const out = new Float64Array(n * k);
  for (let a = 0; a < k; a++) {
    out[a * k + a] = w.diagonal[a] as number;
    for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++) {
      const row = k + (memberIndices[p] as number);
      out[row * k + a] = (out[row * k + a] as number) - (w.diagonal[row] as number);
    }
  }
  const f = w.factors;
  if (f !== undefined && w.lowRankWeight !== 0) {
    const T = observations;
    const fu = new Float64Array(k * T); // (F U)ᵀ: aggregate-major
    for (let a = 0; a < k; a++) {
      for (let t = 0; t < T; t++) fu[a * T + t] = f[a * T + t] as number;
      for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++) {
        const base = (k + (memberIndices[p] as number)) * T;
        for (let t = 0; t < T; t++) fu[a * T + t] = (fu[a * T + t] as number) - (f[base + t] as number);
      }
    }
    for (let i = 0; i < n; i++)
      for (let a = 0; a < k; a++) {
        let dot = 0;
        for (let t = 0; t < T; t++) dot += (f[i * T + t] as number) * (fu[a * T + t] as number);
        out[i * k + a] = (out[i * k + a] as number) + w.lowRankWeight * dot;
      }
  }
  return out;
}

/** Uᵀ X for X n × c (row-major): row a is X_a − Σ_{b ∈ a} X_{k+b}. */
export function uTransposeTimes(hierarchy: Hierarchy, x: Float64Array, columns: number): Float64Array {
  const { aggregateCount: k, memberStart, memberIndices } = hierarchy;
  const out = new Float64Array(k * columns);
  for (let a = 0; a < k; a++) {
    for (let c = 0; c < columns; c++) out[a * columns + c] = x[a * columns + c] as number;
    for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++) {
      const row = k + (memberIndices[p] as number);
      for (let c = 0; c < columns; c++)
        out[a * columns + c] = (out[a * columns + c] as number) - (x[row * columns + c] as number);
    }
  }
  return out;
}

/** sqrt(diag(P W_h Pᵀ)) per node and step (node-major n × horizon); q = W U (UᵀWU)⁻¹, undefined for bottom-up. */
export function reconciledStandardDeviations(
  hierarchy: Hierarchy,
  record: Readonly<Record<string, readonly number[]>>,
  horizon: number,
  firstRead: number,
  residuals: ResidualMatrix | undefined,
  lambda: number | undefined,
  q: Float64Array | undefined,
): Float64Array {
  const { aggregateCount: k, bottomCount: m, nodes, memberStart, memberIndices } = hierarchy;
  const n = k + m;
  const sigma = new Float64Array(n * horizon);
  for (let i = firstRead; i < n; i++) {
    const values = readSeries(record, (nodes[i] as HierarchyNode).key, horizon, 'standard deviations');
    for (let s = 0; s < horizon; s++) {
      const v = values[s] as number;
      if (!(Number.isFinite(v) && v >= 0))
        fail(
          `Standard deviation of node '${(nodes[i] as HierarchyNode).key}' at step ${s + 1} must be finite and ≥ 0`,
        );
      sigma[i * horizon + s] = v;
    }
  }
  const T = residuals?.observations ?? 0;
  const weightDiagonal = residuals === undefined ? 1 : (lambda as number);
  const lowRankWeight = residuals === undefined ? 0 : (1 - (lambda as number)) / T;
  const out = new Float64Array(n * horizon);
  const diagonal = new Float64Array(n);
  const scaled = residuals === undefined ? undefined : new Float64Array(n * T);
  const sums = new Float64Array(T);
  for (let s = 0; s < horizon; s++) {
    // W_s = weightDiagonal · diag(σ²) + lowRankWeight · R̃ᵀR̃ (R̃ over the nodes read; offset by firstRead).
    for (let i = firstRead; i < n; i++)
      diagonal[i] = weightDiagonal * square(sigma[i * horizon + s] as number);
    if (residuals !== undefined && scaled !== undefined)
      for (let i = firstRead; i < n; i++) {
        const column = i - firstRead;
        const ratio = (sigma[i * horizon + s] as number) / Math.sqrt(residuals.meanSquares[column] as number);
        for (let t = 0; t < T; t++) scaled[i * T + t] = (residuals.values[column * T + t] as number) * ratio;
      }
    if (q === undefined) {
      // Bottom-up: var(node) = s_iᵀ W_bb s_i.
      for (let i = 0; i < n; i++) {
        let variance = 0;
        const from = i < k ? (memberStart[i] as number) : -1;
        const to = i < k ? (memberStart[i + 1] as number) : 0;
        if (i >= k) variance = square(sigma[i * horizon + s] as number);
        else {
          for (let p = from; p < to; p++)
            variance +=
              weightDiagonal * square(sigma[(k + (memberIndices[p] as number)) * horizon + s] as number);
          if (scaled !== undefined) {
            sums.fill(0);
            for (let p = from; p < to; p++) {
              const offset = (k + (memberIndices[p] as number)) * T;
              for (let t = 0; t < T; t++) sums[t] = (sums[t] as number) + (scaled[offset + t] as number);
            }
            for (let t = 0; t < T; t++) variance += lowRankWeight * square(sums[t] as number);
          }
        }
        out[i * horizon + s] = Math.sqrt(Math.max(0, variance));
      }
      continue;
    }
    const operator: CovarianceOperator =
      scaled === undefined ? { diagonal, lowRankWeight: 0 } : { diagonal, factors: scaled, lowRankWeight };
    const wu = covarianceTimesU(hierarchy, operator, T);
    const utwu = uTransposeTimes(hierarchy, wu, k);
    const qu = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      let wii = diagonal[i] as number;
      if (scaled !== undefined) {
        let ss = 0;
        for (let t = 0; t < T; t++) ss += square(scaled[i * T + t] as number);
        wii += lowRankWeight * ss;
      }
      let cross = 0;
      for (let a = 0; a < k; a++) cross += (q[i * k + a] as number) * (wu[i * k + a] as number);
      for (let a = 0; a < k; a++) {
        let v = 0;
        for (let b = 0; b < k; b++) v += (utwu[a * k + b] as number) * (q[i * k + b] as number);
        qu[a] = v;
      }
      let quadratic = 0;
      for (let a = 0; a < k; a++) quadratic += (q[i * k + a] as number) * (qu[a] as number);
      out[i * horizon + s] = Math.sqrt(Math.max(0, wii - 2 * cross + quadratic));
    }
  }
  return out;
}
