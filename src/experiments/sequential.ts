import { InputError } from '../core/errors.js';

/**
 * Always-valid sequential inference for the difference of two means (GrowthBook's GAVI /
 * mixture-normal confidence sequences), plus the shared "effect estimate" step (absolute or
 * relative lift with its delta-method standard error) that the Bayesian normal model reuses.
 *
 * References: Howard, Ramdas, McAuliffe & Sekhon (2021), "Time-uniform, nonparametric,
 * nonasymptotic confidence sequences", Ann. Statist. 49(2), eq. (14) (arXiv:1810.08240);
 * Waudby-Smith et al. (2021) arXiv:2103.06476v7, eq. 155 (the e-value); GrowthBook gbstats
 * `SequentialTwoSidedTTest` (packages/stats/gbstats/frequentist/tests.py), whose numbers this file
 * reproduces (sequential.test.ts).
 */

export type DifferenceType = 'absolute' | 'relative';

/** Sufficient moments of one arm: units, mean and per-unit variance of the (possibly adjusted) metric. */
export interface ArmMoments {
  readonly n: number;
  /** Mean of the metric (CUPED-adjusted when it came from cuped.ts). */
  readonly mean: number;
  /** Per-unit variance of the metric (not of the mean). */
  readonly variance: number;
  /** Baseline for relative lift; defaults to `mean` (gbstats `unadjusted_mean`). */
  readonly unadjustedMean?: number;
}

/** A lift and its standard error; `totalSampleSize` = units in both arms (the sequential "time"). */
export interface EffectEstimate {
  readonly differenceType: DifferenceType;
  readonly pointEstimate: number;
  readonly standardError: number;
  readonly totalSampleSize: number;
}

/** Sums a metric warehouse query returns: units, Σy, Σy². */
export interface MeanSums {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

function requireFinite(value: number, what: string, caller: string): void {
  if (!Number.isFinite(value))
    throw new InputError('invalid_argument', `${caller}: ${what} must be a finite number, got ${value}`);
}

function requireUnits(n: number, what: string, caller: string, minimum: number): void {
  if (!Number.isInteger(n) || n < minimum)
    throw new InputError(
      n === 0 ? 'insufficient_data' : 'invalid_argument',
      n === 0
        ? `${caller}: ${what} is 0 — a variant with no users cannot be analysed`
        : `${caller}: ${what} needs an integer number of units ≥ ${minimum}, got ${n}`,
    );
}

/**
 * Moments of a conversion metric: mean p = conversions / n, per-unit variance p(1 − p) (the
 * Bernoulli variance gbstats' ProportionStatistic uses). Cost O(1).
 * Example: proportionMoments(49, 100) → { n: 100, mean: 0.49, variance: 0.2499 }.
 */
export function proportionMoments(conversions: number, users: number): ArmMoments {
  requireUnits(users, 'users', 'proportionMoments', 1);
  if (!Number.isInteger(conversions) || conversions < 0 || conversions > users)
    throw new InputError(
      'invalid_argument',
      `proportionMoments: conversions must be an integer in [0, users = ${users}], got ${conversions}`,
    );
  const mean = conversions / users;
  return { n: users, mean, variance: mean * (1 - mean) };
}

/**
 * Moments of a continuous metric from its sums: mean Σy/n, sample variance (Σy² − (Σy)²/n)/(n − 1)
 * (0 for n = 1, as gbstats' SampleMeanStatistic). Cost O(1).
 * Example: meanMoments({ n: 10, sum: 100, sumSquares: 1002.25 }) → { n: 10, mean: 10, variance: 0.25 }.
 */
export function meanMoments(sums: MeanSums): ArmMoments {
  requireUnits(sums.n, 'n', 'meanMoments', 1);
  requireFinite(sums.sum, 'sum', 'meanMoments');
  requireFinite(sums.sumSquares, 'sumSquares', 'meanMoments');
  const mean = sums.sum / sums.n;
  const variance =
    sums.n > 1 ? Math.max(0, (sums.sumSquares - (sums.sum * sums.sum) / sums.n) / (sums.n - 1)) : 0;
  return { n: sums.n, mean, variance };
}

/**
 * Effect estimate of treatment vs control (gbstats `frequentist_diff` / `frequentist_variance`).
 *   absolute: Δ = m_t − m_c,            Var = s²_t/n_t + s²_c/n_c
 *   relative: Δ = (m_t − m_c)/u_c,      Var = s²_t/(u_c² n_t) + u_t² s²_c/(u_c⁴ n_c)   (delta method)
 * with u = unadjusted means. Throws InputError for n < 2 in an arm, a zero baseline for relative
 * lift, or zero variance in both arms (no information). Cost O(1).
 * Example: absolute on sums (1396.87, 52377.9767, 3407) vs (2422.7, 134698.29, 3461) →
 * { pointEstimate: 0.29, standardError: 0.12478… }.
 */
export function estimateEffect(
  control: ArmMoments,
  treatment: ArmMoments,
  differenceType: DifferenceType = 'relative',
): EffectEstimate {
  const caller = 'estimateEffect';
  for (const [arm, name] of [
    [control, 'control'],
    [treatment, 'treatment'],
  ] as const) {
    requireUnits(arm.n, `${name}.n`, caller, 2);
    requireFinite(arm.mean, `${name}.mean`, caller);
    requireFinite(arm.variance, `${name}.variance`, caller);
    if (arm.variance < 0)
      throw new InputError(
        'invalid_argument',
        `${caller}: ${name}.variance must be ≥ 0, got ${arm.variance}`,
      );
  }
  if (control.variance === 0 && treatment.variance === 0)
    throw new InputError(
      'insufficient_data',
      `${caller}: both arms have zero variance, the effect has no error`,
      {
        hint: 'e.g. zero conversions (or all conversions) in both variants',
      },
    );
  const baseline = control.unadjustedMean ?? control.mean;
  const treatmentBaseline = treatment.unadjustedMean ?? treatment.mean;
  const totalSampleSize = control.n + treatment.n;
  if (differenceType === 'absolute') {
    return {
      differenceType,
      pointEstimate: treatment.mean - control.mean,
      standardError: Math.sqrt(treatment.variance / treatment.n + control.variance / control.n),
      totalSampleSize,
    };
  }
  if (baseline === 0)
    throw new InputError(
      'insufficient_data',
      `${caller}: the control mean is 0, so a relative lift is undefined`,
      {
        hint: 'use differenceType "absolute" (e.g. zero conversions in control)',
      },
    );
  const variance =
    treatment.variance / (baseline * baseline * treatment.n) +
    (treatmentBaseline * treatmentBaseline * control.variance) / baseline ** 4 / control.n;
  return {
    differenceType,
    pointEstimate: (treatment.mean - control.mean) / baseline,
    standardError: Math.sqrt(variance),
    totalSampleSize,
  };
}

export interface SequentialOptions {
  /** Two-sided error rate; default 0.05. */
  readonly alpha?: number;
  /** Sample size (both arms) at which the sequence is tightest; default 5000 (gbstats). */
  readonly tuningParameter?: number;
}

export interface SequentialResult {
  readonly differenceType: DifferenceType;
  readonly pointEstimate: number;
  readonly standardError: number;
  /** Always-valid (1 − alpha) confidence interval: covers the truth at every look simultaneously. */
  readonly lower: number;
  readonly upper: number;
  readonly halfWidth: number;
  /** Always-valid p-value min(1, 1/E); p < alpha ⇔ the interval excludes 0. */
  readonly pValue: number;
  readonly significant: boolean;
  readonly rho: number;
  readonly alpha: number;
  readonly tuningParameter: number;
  readonly totalSampleSize: number;
}

/**
 * Mixing parameter ρ of the normal-mixture boundary tuned to be tightest at n* = tuningParameter:
 *   ρ = sqrt((−2 ln α + ln(−2 ln α + 1)) / n*)     (Howard et al. 2021, eq. 14 solved for ρ).
 * Example: sequentialRho(0.05, 5000) → 0.039840066771…
 */
export function sequentialRho(alpha: number, tuningParameter: number): number {
  if (!(alpha > 0 && alpha < 1))
    throw new InputError('invalid_argument', `sequentialRho: alpha must be in (0, 1), got ${alpha}`);
  if (!(tuningParameter > 0) || !Number.isFinite(tuningParameter))
    throw new InputError(
      'invalid_argument',
      `sequentialRho: tuningParameter must be a positive number, got ${tuningParameter}`,
    );
  const logTerm = -2 * Math.log(alpha);
  return Math.sqrt((logTerm + Math.log(logTerm + 1)) / tuningParameter);
}

/**
 * Always-valid two-sided test from an effect estimate (gbstats SequentialTwoSidedTTest).
 * With N = total units, s² = SE²·N (per-unit variance of the effect):
 *   half-width = sqrt(s²) · sqrt( 2(Nρ² + 1) / (Nρ)² · ln( sqrt(Nρ² + 1) / α ) )
 *   E = exp( ρ² N Δ² / (2 SE² (Nρ² + 1)) ) / sqrt(Nρ² + 1),   p = min(1, 1/E).
 * Looking after every user keeps P(ever excluding the truth) ≤ α (aa-simulation.test.ts).
 * Cost O(1). Example: Δ = 0.29, SE = 0.12478, N = 6868 → [−0.08941, 0.66941], p = 0.29074 (the fixed
 * Welch interval is [0.04538, 0.53462], p = 0.02016: early looks pay for their safety).
 */
export function sequentialTestFromEffect(
  effect: EffectEstimate,
  options: SequentialOptions = {},
): SequentialResult {
  const alpha = options.alpha ?? 0.05;
  const tuningParameter = options.tuningParameter ?? 5000;
  const rho = sequentialRho(alpha, tuningParameter);
  const caller = 'sequentialTestFromEffect';
  requireFinite(effect.pointEstimate, 'pointEstimate', caller);
  if (!(effect.standardError > 0) || !Number.isFinite(effect.standardError))
    throw new InputError(
      'insufficient_data',
      `${caller}: standardError must be > 0, got ${effect.standardError}`,
    );
  requireUnits(effect.totalSampleSize, 'totalSampleSize', caller, 2);
  const n = effect.totalSampleSize;
  const nRho2Plus1 = n * rho * rho + 1;
  const perUnitVariance = effect.standardError * effect.standardError * n;
  const halfWidth = Math.sqrt(
    (perUnitVariance * 2 * nRho2Plus1 * Math.log(Math.sqrt(nRho2Plus1) / alpha)) / (n * rho) ** 2,
  );
  const z2 = (effect.pointEstimate / effect.standardError) ** 2;
  // log E, kept in logs so a huge effect gives p = 0 rather than 1/Infinity trouble.
  const logEvalue = (rho * rho * n * z2) / (2 * nRho2Plus1) - 0.5 * Math.log(nRho2Plus1);
  const pValue = Math.min(1, Math.exp(-logEvalue));
  const lower = effect.pointEstimate - halfWidth;
  const upper = effect.pointEstimate + halfWidth;
  return {
    differenceType: effect.differenceType,
    pointEstimate: effect.pointEstimate,
    standardError: effect.standardError,
    lower,
    upper,
    halfWidth,
    pValue,
    significant: lower > 0 || upper < 0,
    rho,
    alpha,
    tuningParameter,
    totalSampleSize: n,
  };
}

/**
 * Always-valid two-sided sequential test of treatment vs control: `estimateEffect` then
 * `sequentialTestFromEffect`. Cost O(1).
 * Example: sequentialTest(proportionMoments(1396, 3000), proportionMoments(2422, 3461))
 * → pointEstimate 0.50386, interval [0.40098, 0.60675], pValue ≈ 0 (gbstats vector seq_two_sided_prop_rel).
 */
export function sequentialTest(
  control: ArmMoments,
  treatment: ArmMoments,
  options: SequentialOptions & { readonly differenceType?: DifferenceType } = {},
): SequentialResult {
  return sequentialTestFromEffect(
    estimateEffect(control, treatment, options.differenceType ?? 'relative'),
    options,
  );
}
