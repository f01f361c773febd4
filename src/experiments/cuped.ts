import { InputError } from '../core/errors.js';
import type { ArmMoments, DifferenceType, EffectEstimate, MeanSums } from './sequential.js';

/**
 * CUPED — Controlled-experiment Using Pre-Experiment Data (Deng, Xu, Kohavi & Walker 2013,
 * "Improving the sensitivity of online controlled experiments by utilizing pre-experiment data",
 * WSDM '13). Each unit's metric Y is replaced by Y − θ(X − E X) with X its pre-period value and
 *   θ = cov(Y, X) / var(X)       pooled over both arms (so θ is the same for every arm and the
 *                                adjustment cannot bias the difference: E[X] is equal across arms by
 *                                randomisation).
 * Per arm: adjusted mean  = Ȳ − θ X̄      (the constant θ·E X cancels in differences)
 *          adjusted var   = var Y + θ² var X − 2θ cov(Y, X)   = var Y (1 − ρ²) at the pooled optimum.
 * Variance reduction reported = 1 − Σ adjusted var_i/n_i / Σ var Y_i/n_i (the share of the
 * variance of the absolute difference removed).
 *
 * Matches GrowthBook gbstats' RegressionAdjustedStatistic / compute_theta (cuped.test.ts).
 */

/** Sums per arm for CUPED: post-period metric Y, pre-period covariate X and Σ x·y. */
export interface CupedSums {
  readonly post: MeanSums;
  readonly pre: MeanSums;
  readonly sumOfProducts: number;
}

export interface CupedArm extends ArmMoments {
  /** Adjusted mean Ȳ − θ X̄. */
  readonly mean: number;
  /** Adjusted per-unit variance. */
  readonly variance: number;
  /** Ȳ (the baseline for relative lift). */
  readonly unadjustedMean: number;
  readonly unadjustedVariance: number;
  readonly preMean: number;
  readonly preVariance: number;
  readonly covariance: number;
}

export interface CupedResult {
  readonly theta: number;
  readonly control: CupedArm;
  readonly treatment: CupedArm;
  /** 1 − Var(adjusted Δ) / Var(unadjusted Δ), in [0, 1) when X helps; 0 when θ = 0. */
  readonly varianceReduction: number;
}

function checkSums(sums: CupedSums, name: string): void {
  const caller = 'cupedFromSums';
  for (const [value, what] of [
    [sums.post.sum, 'post.sum'],
    [sums.post.sumSquares, 'post.sumSquares'],
    [sums.pre.sum, 'pre.sum'],
    [sums.pre.sumSquares, 'pre.sumSquares'],
    [sums.sumOfProducts, 'sumOfProducts'],
  ] as const)
    if (!Number.isFinite(value))
      throw new InputError('invalid_argument', `${caller}: ${name}.${what} must be finite, got ${value}`);
  if (!Number.isInteger(sums.post.n) || sums.post.n < 2)
    throw new InputError(
      'insufficient_data',
      `${caller}: ${name} needs at least 2 units, got ${sums.post.n}`,
      { hint: 'a variant with no users (or one user) has no variance to adjust' },
    );
  if (sums.pre.n !== sums.post.n)
    throw new InputError(
      'invalid_argument',
      `${caller}: ${name}.pre.n (${sums.pre.n}) must equal ${name}.post.n (${sums.post.n}) — one pre value per unit`,
    );
}

const sampleVariance = (s: MeanSums): number =>
  Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1));
const sampleCovariance = (n: number, sumX: number, sumY: number, sumXY: number): number =>
  (sumXY - (sumX * sumY) / n) / (n - 1);

/**
 * CUPED from per-arm sums (what a SQL GROUP BY returns). θ pooled over both arms; θ = 0 (no
 * adjustment) when the pooled pre- or post-variance is 0, as gbstats does. Cost O(1).
 * Example: see cuped.test.ts (gbstats vector seq_two_sided_cuped_rel: θ = −0.01140…).
 */
export function cupedFromSums(
  control: CupedSums,
  treatment: CupedSums,
  options: { theta?: number } = {},
): CupedResult {
  checkSums(control, 'control');
  checkSums(treatment, 'treatment');
  let theta = options.theta;
  if (theta === undefined) {
    const n = control.post.n + treatment.post.n;
    const post = {
      n,
      sum: control.post.sum + treatment.post.sum,
      sumSquares: control.post.sumSquares + treatment.post.sumSquares,
    };
    const pre = {
      n,
      sum: control.pre.sum + treatment.pre.sum,
      sumSquares: control.pre.sumSquares + treatment.pre.sumSquares,
    };
    const preVariance = sampleVariance(pre);
    const postVariance = sampleVariance(post);
    theta =
      preVariance > 0 && postVariance > 0
        ? sampleCovariance(n, post.sum, pre.sum, control.sumOfProducts + treatment.sumOfProducts) /
          preVariance
        : 0;
  } else if (!Number.isFinite(theta)) {
    throw new InputError('invalid_argument', `cupedFromSums: theta must be finite, got ${theta}`);
  }
  const t = theta;
  const arm = (s: CupedSums): CupedArm => {
    const n = s.post.n;
    const unadjustedMean = s.post.sum / n;
    const preMean = s.pre.sum / n;
    const unadjustedVariance = sampleVariance(s.post);
    const preVariance = sampleVariance(s.pre);
    const covariance = sampleCovariance(n, s.post.sum, s.pre.sum, s.sumOfProducts);
    const variance = Math.max(0, unadjustedVariance + t * t * preVariance - 2 * t * covariance);
    return {
      n,
      mean: unadjustedMean - t * preMean,
      variance,
      unadjustedMean,
      unadjustedVariance,
      preMean,
      preVariance,
      covariance,
    };
  };
  const c = arm(control);
  const tr = arm(treatment);
  const before = c.unadjustedVariance / c.n + tr.unadjustedVariance / tr.n;
  const after = c.variance / c.n + tr.variance / tr.n;
  return { theta: t, control: c, treatment: tr, varianceReduction: before > 0 ? 1 - after / before : 0 };
}

function sumsOf(
  post: ArrayLike<number>,
  pre: ArrayLike<number>,
  name: string,
  shiftY: number,
  shiftX: number,
): CupedSums {
  if (post.length !== pre.length)
    throw new InputError(
      'invalid_argument',
      `cuped: ${name} has ${post.length} metric values but ${pre.length} pre-period values`,
    );
  let sum = 0;
  let sumSquares = 0;
  let preSum = 0;
  let preSumSquares = 0;
  let products = 0;
  for (let i = 0; i < post.length; i++) {
    const y = post[i] as number;
    const x = pre[i] as number;
    if (!Number.isFinite(y) || !Number.isFinite(x))
      throw new InputError(
        'invalid_argument',
        `cuped: ${name} value ${i} is not a finite number (${y}, ${x})`,
      );
    const dy = y - shiftY;
    const dx = x - shiftX;
    sum += dy;
    sumSquares += dy * dy;
    preSum += dx;
    preSumSquares += dx * dx;
    products += dx * dy;
  }
  return {
    post: { n: post.length, sum, sumSquares },
    pre: { n: pre.length, sum: preSum, sumSquares: preSumSquares },
    sumOfProducts: products,
  };
}

/**
 * CUPED over per-unit arrays (metric `y`, pre-period covariate `x`) of both arms. Sums are taken
 * about the control's first unit so Σ(y − y₀)² does not cancel catastrophically (θ, variances and
 * differences are shift-invariant; the means are shifted back). Cost O(n).
 * Example: cuped({ y, x }, { y, x }).varianceReduction ≈ corr(Y, X)² for large n.
 */
export function cuped(
  control: { readonly y: ArrayLike<number>; readonly x: ArrayLike<number> },
  treatment: { readonly y: ArrayLike<number>; readonly x: ArrayLike<number> },
  options: { theta?: number } = {},
): CupedResult {
  const shiftY = control.y.length > 0 ? (control.y[0] as number) : 0;
  const shiftX = control.x.length > 0 ? (control.x[0] as number) : 0;
  const result = cupedFromSums(
    sumsOf(control.y, control.x, 'control', shiftY, shiftX),
    sumsOf(treatment.y, treatment.x, 'treatment', shiftY, shiftX),
    options,
  );
  const unshift = (a: CupedArm): CupedArm => ({
    ...a,
    mean: a.mean + shiftY - result.theta * shiftX,
    unadjustedMean: a.unadjustedMean + shiftY,
    preMean: a.preMean + shiftX,
  });
  return { ...result, control: unshift(result.control), treatment: unshift(result.treatment) };
}

/**
 * Effect estimate from a CUPED result (gbstats EffectMoments on RegressionAdjustedStatistic).
 *   absolute: Δ = (Ȳ_t − θX̄_t) − (Ȳ_c − θX̄_c), Var = v_t/n_t + v_c/n_c with adjusted v
 *   relative: Δ / Ȳ_c with gbstats' `frequentist_variance_relative_cuped`:
 *     Var = v_t/(n_t Ȳ_c²) + [s²_Yc Ȳ_t²/Ȳ_c² − 2θ cov_c Ȳ_t/Ȳ_c + θ² s²_Xc] / (n_c Ȳ_c²)
 * Cost O(1).
 */
export function cupedEffect(
  result: CupedResult,
  differenceType: DifferenceType = 'relative',
): EffectEstimate {
  const { control: c, treatment: t, theta } = result;
  const totalSampleSize = c.n + t.n;
  const pointAbsolute = t.mean - c.mean;
  if (c.variance === 0 && t.variance === 0)
    throw new InputError('insufficient_data', 'cupedEffect: both arms have zero adjusted variance');
  if (differenceType === 'absolute')
    return {
      differenceType,
      pointEstimate: pointAbsolute,
      standardError: Math.sqrt(t.variance / t.n + c.variance / c.n),
      totalSampleSize,
    };
  const baseline = c.unadjustedMean;
  if (baseline === 0)
    throw new InputError(
      'insufficient_data',
      'cupedEffect: the control mean is 0, so a relative lift is undefined',
      {
        hint: 'use differenceType "absolute"',
      },
    );
  const ratio = t.unadjustedMean / baseline;
  const treatmentPart = t.variance / (t.n * baseline * baseline);
  const controlPart =
    (c.unadjustedVariance * ratio * ratio -
      2 * theta * c.covariance * ratio +
      theta * theta * c.preVariance) /
    (c.n * baseline * baseline);
  return {
    differenceType,
    pointEstimate: pointAbsolute / baseline,
    standardError: Math.sqrt(Math.max(0, treatmentPart + controlPart)),
    totalSampleSize,
  };
}
