import { InputError } from '../core/errors.js';
import {
  standardNormalQuantile,
  standardNormalSurvival,
  studentTQuantile,
  studentTSurvival,
} from '../stats/distributions.js';

/**
 * Fixed-horizon (frequentist) comparison of a treatment arm with a control arm: the two-proportion z-test
 * for conversion metrics, Welch's t-test for continuous metrics (revenue per user, order value), absolute and
 * relative lift with confidence intervals, and Wilson / Newcombe intervals. Differences are always
 * treatment − control; relative lift is treatment / control − 1. Every function is O(1).
 */

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Conversions among users of one arm. */
export interface ProportionArm {
  readonly conversions: number;
  readonly users: number;
}

/** Sufficient statistics of one arm: units, mean and (sample) variance of the per-unit metric. */
export interface MeanArm {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

export interface TestOptions {
  /** Confidence level of the intervals, default 0.95. */
  readonly confidenceLevel?: number;
  /** Alternative hypothesis about treatment − control, default 'two-sided'. */
  readonly alternative?: Alternative;
}

export interface RelativeLift {
  /** treatment mean / control mean − 1. */
  readonly estimate: number;
  /** Delta-method standard error of the relative lift. */
  readonly standardError: number;
  readonly ci: Interval;
  /** p-value of the relative-lift statistic estimate / standardError (GrowthBook gbstats reports this one). */
  readonly pValue: number;
}

export interface TwoSampleTestResult {
  readonly test: 'two-proportion z-test' | 'Welch t-test';
  readonly alternative: Alternative;
  readonly confidenceLevel: number;
  readonly controlMean: number;
  readonly treatmentMean: number;
  /** treatment − control. */
  readonly difference: number;
  /** Standard error of the difference used for the interval (unpooled). */
  readonly standardError: number;
  readonly statistic: number;
  readonly pValue: number;
  /** Welch–Satterthwaite degrees of freedom; null for the z-test (normal reference distribution). */
  readonly degreesOfFreedom: number | null;
  /** Interval for the difference; one-sided alternatives give an infinite end. */
  readonly ci: Interval;
  /** Relative lift; null when the control mean is 0 (the ratio is undefined). */
  readonly relative: RelativeLift | null;
}

function resolveOptions(
  options: TestOptions,
  what: string,
): { confidenceLevel: number; alternative: Alternative } {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!(confidenceLevel > 0 && confidenceLevel < 1))
    throw new InputError(
      'invalid_argument',
      `${what}: confidenceLevel must be in (0, 1), got ${confidenceLevel}`,
    );
  const alternative = options.alternative ?? 'two-sided';
  if (alternative !== 'two-sided' && alternative !== 'greater' && alternative !== 'less')
    throw new InputError(
      'invalid_argument',
      `${what}: alternative must be two-sided, greater or less, got ${alternative}`,
    );
  return { confidenceLevel, alternative };
}

function validateProportionArm(arm: ProportionArm, name: string, what: string): void {
  const { conversions, users } = arm;
  if (!(Number.isInteger(users) && users > 0))
    throw new InputError(
      'insufficient_data',
      `${what}: the ${name} arm needs a positive whole number of users, got ${users}`,
      { hint: 'a variant with no users cannot be compared; check the assignment data' },
    );
  if (!(Number.isInteger(conversions) && conversions >= 0 && conversions <= users))
    throw new InputError(
      'invalid_argument',
      `${what}: ${name} conversions must be a whole number between 0 and users (${users}), got ${conversions}`,
    );
}

/** Sign convention: P-value and interval for a statistic with reference survival function `survival`. */
function pValueFor(statistic: number, alternative: Alternative, survival: (x: number) => number): number {
  if (alternative === 'greater') return survival(statistic);
  if (alternative === 'less') return survival(-statistic);
  return Math.min(1, 2 * survival(Math.abs(statistic)));
}

function intervalFor(
  estimate: number,
  standardError: number,
  critical: number,
  alternative: Alternative,
): Interval {
  if (alternative === 'greater')
    return { lower: estimate - critical * standardError, upper: Number.POSITIVE_INFINITY };
  if (alternative === 'less')
    return { lower: Number.NEGATIVE_INFINITY, upper: estimate + critical * standardError };
  return { lower: estimate - critical * standardError, upper: estimate + critical * standardError };
}

/** Critical value: quantile at 1 − α/2 (two-sided) or 1 − α (one-sided). */
function criticalQuantile(
  confidenceLevel: number,
  alternative: Alternative,
  quantile: (p: number) => number,
): number {
  const alpha = 1 - confidenceLevel;
  return quantile(alternative === 'two-sided' ? 1 - alpha / 2 : 1 - alpha);
}

/**
 * Delta-method relative lift (GrowthBook gbstats `frequentist_variance` with relative = true):
 * Var(t̄/c̄ − 1) ≈ V_t / c̄² + V_c t̄² / c̄⁴ with V = variance / n of each mean (arms independent).
 */
function relativeLift(
  controlMean: number,
  controlVarianceOfMean: number,
  treatmentMean: number,
  treatmentVarianceOfMean: number,
  critical: number,
  alternative: Alternative,
  survival: (x: number) => number,
): RelativeLift | null {
  if (controlMean === 0) return null;
  const estimate = treatmentMean / controlMean - 1;
  const c2 = controlMean * controlMean;
  const variance =
    treatmentVarianceOfMean / c2 + (controlVarianceOfMean * treatmentMean * treatmentMean) / (c2 * c2);
  const standardError = Math.sqrt(variance);
  const pValue =
    standardError > 0 ? pValueFor(estimate / standardError, alternative, survival) : estimate === 0 ? 1 : 0;
  return { estimate, standardError, ci: intervalFor(estimate, standardError, critical, alternative), pValue };
}

/**
 * Two-proportion z-test (conversion rates), treatment vs control.
 *
 * Statistic as statsmodels `proportions_ztest([x_t, x_c], [n_t, n_c])`: z = (p̂_t − p̂_c) / √(p̂(1 − p̂)(1/n_t + 1/n_c))
 * with the pooled p̂ = (x_t + x_c) / (n_t + n_c); p-value from the normal. The interval for the difference is the
 * unpooled Wald interval (p̂_t − p̂_c) ± z_{1−α/2} √(p̂_t(1−p̂_t)/n_t + p̂_c(1−p̂_c)/n_c) (statsmodels
 * `confint_proportions_2indep(method='wald')`); relative lift by the delta method with normal quantiles.
 * Prefer `newcombeInterval` for small counts or rates near 0 or 1.
 *
 * Bad input: an arm with no users, or conversions outside 0..users, throws InputError. When neither arm has a
 * conversion (or every user converted in both) the pooled variance is 0 and the test is undefined: throws
 * InputError 'insufficient_data'. When both rates are 0 or 1 but differ, the Wald interval degenerates to a point
 * (documented; use Newcombe). Relative lift is null when the control rate is 0.
 * Cost O(1). Reference: statsmodels.stats.proportion.proportions_ztest; Agresti, Categorical Data Analysis §3.1.
 *
 * @example twoProportionZTest({ conversions: 1000, users: 20000 }, { conversions: 1100, users: 20000 })
 *   // → statistic 2.2418200205745373, pValue 0.024973006760644276, difference 0.005
 */
export function twoProportionZTest(
  control: ProportionArm,
  treatment: ProportionArm,
  options: TestOptions = {},
): TwoSampleTestResult {
  const what = 'twoProportionZTest';
  const { confidenceLevel, alternative } = resolveOptions(options, what);
  validateProportionArm(control, 'control', what);
  validateProportionArm(treatment, 'treatment', what);
  const pControl = control.conversions / control.users;
  const pTreatment = treatment.conversions / treatment.users;
  const pooled = (control.conversions + treatment.conversions) / (control.users + treatment.users);
  const pooledVariance = pooled * (1 - pooled) * (1 / control.users + 1 / treatment.users);
  if (!(pooledVariance > 0))
    throw new InputError(
      'insufficient_data',
      `${what}: both arms have a conversion rate of ${pooled} (no variation), so the z-test is undefined`,
      {
        hint: 'wait for conversions, or report the Newcombe interval (newcombeInterval), which is defined here',
      },
    );
  const difference = pTreatment - pControl;
  const statistic = difference / Math.sqrt(pooledVariance);
  const controlVarianceOfMean = (pControl * (1 - pControl)) / control.users;
  const treatmentVarianceOfMean = (pTreatment * (1 - pTreatment)) / treatment.users;
  const standardError = Math.sqrt(controlVarianceOfMean + treatmentVarianceOfMean);
  const critical = criticalQuantile(confidenceLevel, alternative, standardNormalQuantile);
  return {
    test: 'two-proportion z-test',
    alternative,
    confidenceLevel,
    controlMean: pControl,
    treatmentMean: pTreatment,
    difference,
    standardError,
    statistic,
    pValue: pValueFor(statistic, alternative, standardNormalSurvival),
    degreesOfFreedom: null,
    ci: intervalFor(difference, standardError, critical, alternative),
    relative: relativeLift(
      pControl,
      controlVarianceOfMean,
      pTreatment,
      treatmentVarianceOfMean,
      critical,
      alternative,
      standardNormalSurvival,
    ),
  };
}

function validateMeanArm(arm: MeanArm, name: string, what: string): void {
  if (!(Number.isInteger(arm.n) && arm.n >= 2))
    throw new InputError(
      'insufficient_data',
      `${what}: the ${name} arm needs at least 2 units for a variance, got n = ${arm.n}`,
      { hint: 'a variant with 0 or 1 users cannot be compared' },
    );
  if (!Number.isFinite(arm.mean))
    throw new InputError('invalid_argument', `${what}: ${name} mean must be finite, got ${arm.mean}`);
  if (!(Number.isFinite(arm.variance) && arm.variance >= 0))
    throw new InputError(
      'invalid_argument',
      `${what}: ${name} variance must be finite and ≥ 0, got ${arm.variance}`,
    );
}

/**
 * Welch's unequal-variance t-test from sufficient statistics (n, mean, sample variance) of each arm.
 *
 * t = (x̄_t − x̄_c) / √(s_t²/n_t + s_c²/n_c), degrees of freedom by Welch–Satterthwaite
 * ν = (s_t²/n_t + s_c²/n_c)² / ((s_t²/n_t)²/(n_t − 1) + (s_c²/n_c)²/(n_c − 1)); interval x̄_t − x̄_c ± t_{ν,1−α/2}·SE.
 * Relative lift x̄_t/x̄_c − 1 by the delta method with the same ν (as GrowthBook gbstats TwoSidedTTest).
 * For conversion data pass variance p(1 − p) to reproduce gbstats, or p(1 − p)·n/(n − 1) for the sample variance.
 *
 * Bad input: n < 2 in an arm, non-finite mean, negative variance → InputError; both variances 0 → InputError
 * 'insufficient_data' (t undefined). Relative lift is null when the control mean is 0.
 * Cost O(√ν) (the t distribution). Reference: scipy.stats.ttest_ind_from_stats(equal_var=False); Welch (1947).
 *
 * @example welchTTest({ n: 3407, mean: 0.41000, variance: 15.20 }, { n: 3461, mean: 0.70000, variance: 38.43 })
 */
export function welchTTest(
  control: MeanArm,
  treatment: MeanArm,
  options: TestOptions = {},
): TwoSampleTestResult {
  const what = 'welchTTest';
  const { confidenceLevel, alternative } = resolveOptions(options, what);
  validateMeanArm(control, 'control', what);
  validateMeanArm(treatment, 'treatment', what);
  const controlVarianceOfMean = control.variance / control.n;
  const treatmentVarianceOfMean = treatment.variance / treatment.n;
  const varianceOfDifference = controlVarianceOfMean + treatmentVarianceOfMean;
  if (!(varianceOfDifference > 0))
    throw new InputError(
      'insufficient_data',
      `${what}: both arms have zero variance, so the t statistic is undefined`,
      { hint: 'a constant metric cannot be tested; check the metric column' },
    );
  const standardError = Math.sqrt(varianceOfDifference);
  const degreesOfFreedom =
    (varianceOfDifference * varianceOfDifference) /
    ((treatmentVarianceOfMean * treatmentVarianceOfMean) / (treatment.n - 1) +
      (controlVarianceOfMean * controlVarianceOfMean) / (control.n - 1));
  const difference = treatment.mean - control.mean;
  const statistic = difference / standardError;
  const survival = (x: number) => studentTSurvival(x, degreesOfFreedom);
  const critical = criticalQuantile(confidenceLevel, alternative, (p) =>
    studentTQuantile(p, degreesOfFreedom),
  );
  return {
    test: 'Welch t-test',
    alternative,
    confidenceLevel,
    controlMean: control.mean,
    treatmentMean: treatment.mean,
    difference,
    standardError,
    statistic,
    pValue: pValueFor(statistic, alternative, survival),
    degreesOfFreedom,
    ci: intervalFor(difference, standardError, critical, alternative),
    relative: relativeLift(
      control.mean,
      controlVarianceOfMean,
      treatment.mean,
      treatmentVarianceOfMean,
      critical,
      alternative,
      survival,
    ),
  };
}

/**
 * Sufficient statistics from running sums (as stored per arm in SQL): mean = Σx / n,
 * variance = (Σx² − (Σx)²/n) / (n − 1) (the gbstats SampleMeanStatistic convention). Needs n ≥ 2; a tiny
 * negative variance from rounding is clamped to 0. Cost O(1).
 * @example meanArmFromSums({ n: 4, sum: 10, sumOfSquares: 30 }) // → { n: 4, mean: 2.5, variance: 1.6666666666666667 }
 */
export function meanArmFromSums(sums: {
  readonly n: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}): MeanArm {
  const { n, sum, sumOfSquares } = sums;
  if (!(Number.isInteger(n) && n >= 2))
    throw new InputError('insufficient_data', `meanArmFromSums needs n ≥ 2 units, got ${n}`);
  if (!Number.isFinite(sum) || !Number.isFinite(sumOfSquares) || sumOfSquares < 0)
    throw new InputError(
      'invalid_argument',
      `meanArmFromSums needs finite sums and sumOfSquares ≥ 0, got ${sum}, ${sumOfSquares}`,
    );
  return { n, mean: sum / n, variance: Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1)) };
}

function resolveLevel(confidenceLevel: number | undefined, what: string): number {
  const level = confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new InputError('invalid_argument', `${what}: confidenceLevel must be in (0, 1), got ${level}`);
  return level;
}

/**
 * Wilson score interval for one proportion x/n:
 * (p̂ + z²/(2n)) / (1 + z²/n) ± z √(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n), z = Φ⁻¹(1 − α/2).
 * Defined for x = 0 and x = n (unlike Wald). Cost O(1).
 * Reference: Wilson (1927); statsmodels proportion_confint(method='wilson').
 * @example wilsonInterval({ conversions: 1000, users: 20000 }) // → { lower: 0.04709…, upper: 0.05306… }
 */
export function wilsonInterval(arm: ProportionArm, confidenceLevel?: number): Interval {
  const what = 'wilsonInterval';
  const level = resolveLevel(confidenceLevel, what);
  validateProportionArm(arm, 'given', what);
  const z = standardNormalQuantile(1 - (1 - level) / 2);
  const n = arm.users;
  const p = arm.conversions / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At x = 0 (x = n) the lower (upper) end is exactly 0 (1); rounding would leave a ±1e-19 residue.
  return {
    lower: arm.conversions === 0 ? 0 : Math.max(0, center - halfWidth),
    upper: arm.conversions === n ? 1 : Math.min(1, center + halfWidth),
  };
}

/**
 * Newcombe hybrid score interval (Newcombe 1998, method 10) for the difference of two proportions
 * p̂_t − p̂_c, built from the Wilson intervals (l_t, u_t), (l_c, u_c) of each arm:
 * lower = d − √((p̂_t − l_t)² + (u_c − p̂_c)²), upper = d + √((u_t − p̂_t)² + (p̂_c − l_c)²).
 * Defined with zero conversions (unlike the Wald interval). Cost O(1).
 * Reference: statsmodels confint_proportions_2indep(method='newcomb', compare='diff').
 * @example newcombeInterval({ conversions: 1000, users: 20000 }, { conversions: 1100, users: 20000 })
 *   // → { lower: 0.000628000963139, upper: 0.0093761032645644 }
 */
export function newcombeInterval(
  control: ProportionArm,
  treatment: ProportionArm,
  confidenceLevel?: number,
): Interval {
  const what = 'newcombeInterval';
  const level = resolveLevel(confidenceLevel, what);
  validateProportionArm(control, 'control', what);
  validateProportionArm(treatment, 'treatment', what);
  const pControl = control.conversions / control.users;
  const pTreatment = treatment.conversions / treatment.users;
  const c = wilsonInterval(control, level);
  const t = wilsonInterval(treatment, level);
  const difference = pTreatment - pControl;
  return {
    lower: difference - Math.hypot(pTreatment - t.lower, c.upper - pControl),
    upper: difference + Math.hypot(t.upper - pTreatment, pControl - c.lower),
  };
}
