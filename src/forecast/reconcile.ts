import { InputError } from '../core/errors.js';
import { shrinkageIntensity } from '../stats/covariance-shrinkage.js';
import { standardNormalQuantile } from '../stats/distributions.js';
import { factorSymmetric, solveFactored } from '../stats/linear-algebra.js';
import type { Forecast, PredictionInterval } from './forecast-types.js';
import type { Hierarchy, HierarchyNode } from './hierarchy.js';
import {
  type CovarianceOperator,
  covarianceTimesU,
  reconciledStandardDeviations,
  uTransposeTimes,
} from './reconcile-covariance.js';
import { readResiduals, readSeries } from './reconcile-inputs.js';

/**
 * Hierarchical and grouped forecast reconciliation.
 *
 * For a hierarchy (hierarchy.ts) of n nodes — k aggregates, then m bottom series — with summing matrix
 * S = [A; I_m] (n × m), base forecasts ŷ (per node, per step) rarely add up; reconciliation maps them
 * to coherent ones:  ỹ = S G ŷ,  G = (Sᵀ W⁻¹ S)⁻¹ Sᵀ W⁻¹  (Wickramasuriya, Athanasopoulos & Hyndman 2019,
 * "Optimal forecast reconciliation for hierarchical and grouped time series through trace minimization",
 * JASA 114:804–819), with W by method:
 *   bottom_up       G = [0 I_m] (no W);
 *   ols             W = I;
 *   wls_structural  W = diag(S 1) (number of bottom series under each node);
 *   wls_variance    W = diag(σ̂²_i), σ̂²_i = Σ_t r²_ti / T of the in-sample one-step residuals r;
 *   mint_sample     W = Σ̂ = RᵀR / T (needs T > n in practice);
 *   mint_shrink     W = λ diag(Σ̂) + (1 − λ) Σ̂, λ of Schäfer & Strimmer (2005) as in R hts `shrink.estim`:
 *                   λ = Σ_{i≠j} Var̂(r̂_ij) / Σ_{i≠j} r̂²_ij on the residuals scaled to unit (uncentred) variance.
 * We never form Sᵀ W⁻¹ S or W⁻¹: the equivalent projection of the same paper (eq. 9),
 *   ỹ = ŷ − W U (Uᵀ W U)⁻¹ Uᵀ ŷ,   Uᵀ = [I_k  −A]  (the k "aggregate = sum of its bottoms" constraints),
 * needs only a k × k solve, and W is kept as a diagonal plus the low-rank RᵀR / T. The reconciled bottom
 * forecasts are then summed through S, so every aggregate equals the sum of its members exactly.
 * Cost: bottom_up O(n · h · depth) for any size; the others O(k³ + T·n·k + n·k·depth) time and O(n·(k + T))
 * memory — tens of thousands of bottom series are fine while the aggregate count k stays in the low
 * thousands; λ costs O(min(T, n)² · max(T, n)).
 *
 * Intervals (documented approximation): Gaussian around the reconciled point with the reconciled
 * covariance diag(P W_h Pᵀ), P = S G, where W_h is the base h-step error covariance assembled from the
 * base h-step standard deviations σ_hi (given, or read from the base intervals) and the shrunk residual
 * correlation λ I + (1 − λ) corr(R) (independence when no residuals are given):
 *   W_h = λ diag(σ²_h) + (1 − λ) R̃ᵀR̃ / T,  R̃_ti = r_ti σ_hi / σ̂_i.
 * For MinT with W = W_h this is W − W U (UᵀWU)⁻¹ UᵀW. Intervals are symmetric normal; bottom-up sums of
 * bottom-level quantiles are not used (they are not valid quantiles of the sum).
 *
 * Example: total → {a, b}, a → {a1, a2}, b → {b1}; base total 10, a 6, b 3, a1 3, a2 2, b1 3 with OLS →
 * total 9.3846, a 6.0769, b 3.3077, a1 3.5385, a2 2.5385, b1 3.3077 (see reconcile.test.ts).
 */

/** A plain-array copy of values[from … from + length) (Array.from on a typed subarray is slow in V8). */
function toArray(values: Float64Array, from: number, length: number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = values[from + i] as number;
  return out;
}

function fail(message: string, hint?: string): never {
  throw new InputError('invalid_argument', message, hint === undefined ? {} : { hint });
}

export type ReconciliationMethod =
  | 'bottom_up'
  | 'ols'
  | 'wls_structural'
  | 'wls_variance'
  | 'mint_sample'
  | 'mint_shrink';

export interface ReconciliationInput {
  readonly method: ReconciliationMethod;
  /** Base point forecasts by node key, all of one length (the horizon). bottom_up reads only bottom nodes. */
  readonly base: Readonly<Record<string, readonly number[]>>;
  /**
   * In-sample one-step residuals (actual − fitted) by node key, all of length T, aligned in time; NaN marks
   * an undefined residual and drops that time point for every node. Required for wls_variance and mint_*
   * (every node); optional otherwise, where it supplies the error correlation of the intervals
   * (bottom_up needs only the bottom nodes).
   */
  readonly residuals?: Readonly<Record<string, readonly number[]>>;
  /** Base h-step forecast standard deviations by node key (length = horizon): turns intervals on. */
  readonly standardDeviations?: Readonly<Record<string, readonly number[]>>;
  /** Interval levels in percent (default [80, 95]). */
  readonly levels?: readonly number[];
}

export interface ReconciledNode {
  readonly key: string;
  readonly level: string;
  readonly point: readonly number[];
  /** Reconciled h-step standard deviations (only with standardDeviations). */
  readonly standardDeviation?: readonly number[];
  readonly intervals: readonly PredictionInterval[];
}

export interface Reconciliation {
  readonly method: ReconciliationMethod;
  readonly horizon: number;
  /** In hierarchy order (aggregates, then bottom series). */
  readonly nodes: readonly ReconciledNode[];
  /** λ of mint_shrink, or of the interval correlation when residuals were given. */
  readonly shrinkageIntensity?: number;
  /** Residual time points used (complete rows). */
  readonly residualObservations?: number;
  readonly intervalMethod: 'gaussian-reconciled-covariance' | 'none';
  readonly notes: readonly string[];
}

/**
 * Reconcile base forecasts of every node so they add up (see the file comment for formulas, cost and the
 * interval approach). Throws InputError for missing/ragged inputs, non-finite values, or a singular
 * Uᵀ W U (e.g. mint_sample with fewer residual time points than nodes).
 */
export function reconcileForecasts(hierarchy: Hierarchy, input: ReconciliationInput): Reconciliation {
  const { aggregateCount: k, bottomCount: m, nodes, memberStart, memberIndices } = hierarchy;
  const n = k + m;
  const method = input.method;
  const bottomUp = method === 'bottom_up';
  const firstRead = bottomUp ? k : 0;
  const horizon = readSeries(
    input.base,
    (nodes[firstRead] as HierarchyNode).key,
    undefined,
    'base forecasts',
  ).length;
  if (horizon < 1) fail('Base forecasts must have at least one step');
  const base = new Float64Array(n * horizon); // node-major
  for (let i = firstRead; i < n; i++) {
    const values = readSeries(input.base, (nodes[i] as HierarchyNode).key, horizon, 'base forecasts');
    for (let s = 0; s < horizon; s++) {
      const v = values[s] as number;
      if (!Number.isFinite(v))
        fail(`Base forecast of node '${(nodes[i] as HierarchyNode).key}' at step ${s + 1} is not finite`);
      base[i * horizon + s] = v;
    }
  }
  const notes: string[] = [];
  const needsResiduals = method === 'wls_variance' || method === 'mint_sample' || method === 'mint_shrink';
  if (needsResiduals && input.residuals === undefined)
    throw new InputError(
      'insufficient_data',
      `Reconciliation method '${method}' needs in-sample residuals for every node`,
      {
        hint: 'Pass residuals (actual − fitted) or use ols / wls_structural',
      },
    );
  const residuals =
    input.residuals === undefined ? undefined : readResiduals(hierarchy, input.residuals, firstRead);
  let lambda: number | undefined;
  if (residuals !== undefined) {
    let largest = 0;
    for (const v of residuals.meanSquares) largest = Math.max(largest, v);
    const floor = 1e-12 * largest;
    let floored = 0;
    for (let i = 0; i < residuals.seriesCount; i++)
      if (!((residuals.meanSquares[i] as number) > floor)) {
        residuals.meanSquares[i] = floor > 0 ? floor : 1e-300;
        floored++;
      }
    if (floored > 0)
      notes.push(`${floored} node(s) with zero residual variance were given a tiny variance floor`);
    lambda = shrinkageIntensity(residuals.values, residuals.observations, residuals.seriesCount);
  }

  // Reconciled bottom forecasts (m × horizon), and for projection methods the pieces needed for intervals.
  const bottom = new Float64Array(m * horizon);
  let projection: { readonly q: Float64Array } | undefined;
  if (bottomUp) {
    bottom.set(base.subarray(k * horizon));
  } else {
    const diagonal = new Float64Array(n);
    let factors: Float64Array | undefined;
    let lowRankWeight = 0;
    const T = residuals?.observations ?? 0;
    for (let i = 0; i < n; i++) {
      if (method === 'ols') diagonal[i] = 1;
      else if (method === 'wls_structural')
        diagonal[i] = i < k ? (memberStart[i + 1] as number) - (memberStart[i] as number) : 1;
      else if (method === 'wls_variance') diagonal[i] = residuals?.meanSquares[i] as number;
      else if (method === 'mint_shrink')
        diagonal[i] = (lambda as number) * (residuals?.meanSquares[i] as number);
    }
    if (method === 'mint_sample' || method === 'mint_shrink') {
      factors = residuals?.values;
      lowRankWeight = (method === 'mint_sample' ? 1 : 1 - (lambda as number)) / T;
    }
    const w: CovarianceOperator =
      factors === undefined ? { diagonal, lowRankWeight } : { diagonal, factors, lowRankWeight };
    const wu = covarianceTimesU(hierarchy, w, T);
    const utwu = uTransposeTimes(hierarchy, wu, k);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < a; b++) {
        const mean = 0.5 * ((utwu[a * k + b] as number) + (utwu[b * k + a] as number));
        utwu[a * k + b] = mean;
        utwu[b * k + a] = mean;
      }
    const factor = factorSymmetric(utwu, k, `Uᵀ W U matrix of '${method}'`);
    const discrepancy = uTransposeTimes(hierarchy, base, horizon); // k × horizon
    const x = solveFactored(factor, discrepancy, horizon);
    for (let b = 0; b < m; b++) {
      const row = k + b;
      for (let s = 0; s < horizon; s++) {
        let correction = 0;
        for (let a = 0; a < k; a++)
          correction += (wu[row * k + a] as number) * (x[a * horizon + s] as number);
        bottom[b * horizon + s] = (base[row * horizon + s] as number) - correction;
      }
    }
    if (input.standardDeviations !== undefined) {
      // Q = W U (Uᵀ W U)⁻¹ (n × k): solve (UᵀWU) Qᵀ = (WU)ᵀ.
      const wuTransposed = new Float64Array(k * n);
      for (let i = 0; i < n; i++)
        for (let a = 0; a < k; a++) wuTransposed[a * n + i] = wu[i * k + a] as number;
      const qT = solveFactored(factor, wuTransposed, n);
      const q = new Float64Array(n * k);
      for (let a = 0; a < k; a++) for (let i = 0; i < n; i++) q[i * k + a] = qT[a * n + i] as number;
      projection = { q };
    }
  }
  for (let s = 0; s < horizon * m; s++)
    if (!Number.isFinite(bottom[s] as number))
      fail('Reconciliation produced non-finite forecasts; check the inputs');

  // Points of every node: S times the reconciled bottom.
  const point: number[][] = [];
  for (let a = 0; a < k; a++) {
    const row = new Array<number>(horizon).fill(0);
    for (let p = memberStart[a] as number; p < (memberStart[a + 1] as number); p++) {
      const b = memberIndices[p] as number;
      for (let s = 0; s < horizon; s++) row[s] = (row[s] as number) + (bottom[b * horizon + s] as number);
    }
    point.push(row);
  }
  for (let b = 0; b < m; b++) point.push(toArray(bottom, b * horizon, horizon));

  let standardDeviation: Float64Array | undefined;
  const levels = input.levels ?? [80, 95];
  for (const level of levels)
    if (!(level > 0 && level < 100)) fail(`Interval level ${level} is not in (0, 100)`);
  if (input.standardDeviations !== undefined) {
    standardDeviation = reconciledStandardDeviations(
      hierarchy,
      input.standardDeviations,
      horizon,
      firstRead,
      residuals,
      lambda,
      projection?.q,
    );
    if (residuals === undefined)
      notes.push('No residuals given: base forecast errors assumed independent across nodes');
  }
  const zs = levels.map((level) => standardNormalQuantile(0.5 + level / 200));
  const result: ReconciledNode[] = nodes.map((node, i) => {
    const p = point[i] as number[];
    if (standardDeviation === undefined) return { key: node.key, level: node.level, point: p, intervals: [] };
    const sd = toArray(standardDeviation, i * horizon, horizon);
    const intervals: PredictionInterval[] = [];
    for (let l = 0; l < levels.length; l++) {
      const z = zs[l] as number;
      const lower = new Array<number>(horizon);
      const upper = new Array<number>(horizon);
      for (let s = 0; s < horizon; s++) {
        lower[s] = (p[s] as number) - z * (sd[s] as number);
        upper[s] = (p[s] as number) + z * (sd[s] as number);
      }
      intervals.push({ level: levels[l] as number, lower, upper });
    }
    return { key: node.key, level: node.level, point: p, standardDeviation: sd, intervals };
  });
  return {
    method,
    horizon,
    nodes: result,
    ...(lambda === undefined ? {} : { shrinkageIntensity: lambda }),
    ...(residuals === undefined ? {} : { residualObservations: residuals.observations }),
    intervalMethod: standardDeviation === undefined ? 'none' : 'gaussian-reconciled-covariance',
    notes,
  };
}

/**
 * Standard deviation of a normal distribution matching a forecast's central intervals at one step:
 * the mean over levels of (upper − lower) / (2 z_{(1 + level)/2}). Undefined when the forecast has no
 * interval at that step. Asymmetric intervals (multiplicative models) are thereby symmetrised.
 * Example: 80 % [−1.2816, 1.2816] and 95 % [−1.96, 1.96] → 1.
 */
export function standardDeviationFromIntervals(
  intervals: readonly PredictionInterval[],
  step: number,
): number | undefined {
  let total = 0;
  let count = 0;
  for (const interval of intervals) {
    const lower = interval.lower[step];
    const upper = interval.upper[step];
    if (lower === undefined || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper))
      continue;
    if (!(interval.level > 0 && interval.level < 100)) continue;
    total += Math.max(0, upper - lower) / (2 * standardNormalQuantile(0.5 + interval.level / 200));
    count++;
  }
  return count === 0 ? undefined : total / count;
}

/**
 * The ReconciliationInput pieces from per-node Forecasts: base points, standard deviations from their
 * intervals (when every node has them) and, given the actuals, residuals = actual − fitted (NaN where
 * fitted is undefined). Throws when a node's forecast is missing.
 */
export function reconciliationInputFromForecasts(
  hierarchy: Hierarchy,
  forecasts: Readonly<Record<string, Forecast>>,
  actuals?: Readonly<Record<string, readonly number[]>>,
): Omit<ReconciliationInput, 'method'> {
  const base: Record<string, readonly number[]> = {};
  const standardDeviations: Record<string, readonly number[]> = {};
  const residuals: Record<string, readonly number[]> = {};
  let allIntervals = true;
  for (const node of hierarchy.nodes) {
    const forecast = forecasts[node.key];
    if (forecast === undefined) fail(`No forecast for node '${node.key}'`);
    base[node.key] = forecast.point;
    const sd = forecast.point.map((_, s) => standardDeviationFromIntervals(forecast.intervals, s));
    if (sd.some((v) => v === undefined)) allIntervals = false;
    else standardDeviations[node.key] = sd as number[];
    if (actuals !== undefined) {
      const actual = readSeries(actuals, node.key, forecast.fitted.length, 'actuals');
      residuals[node.key] = actual.map((y, t) => y - (forecast.fitted[t] as number));
    }
  }
  return {
    base,
    ...(allIntervals ? { standardDeviations } : {}),
    ...(actuals === undefined ? {} : { residuals }),
  };
}
