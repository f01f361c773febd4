import { InputError } from '../core/errors.js';
import { standardNormalCdf, standardNormalQuantile, standardNormalSurvival } from '../stats/distributions.js';
import type { Alternative } from './frequentist.js';

/**
 * Power, sample size and minimum detectable effect (MDE) for a two-arm test, by the normal approximation.
 * Conventions follow statsmodels: arm 1 is the treatment with n₁ users, arm 2 the control with n₂ = ratio·n₁;
 * the effect is treatment − control. Two-sided power counts both rejection tails (as statsmodels does).
 *
 * Proportions (statsmodels power_proportions_2indep / samplesize_proportions_2indep_onetail): the test
 * statistic's standard error uses the pooled rate under the null, √(p̄(1−p̄)(1 + 1/ratio)/n₁) with
 * p̄ = (p₁ + ratio·p₂)/(1 + ratio), and the unpooled one under the alternative, √((p₁(1−p₁) + p₂(1−p₂)/ratio)/n₁);
 *   power = Φ̄(z_{1−α/2}·σ₀/σ₁ − δ√n₁/σ₁) + Φ(−z_{1−α/2}·σ₀/σ₁ − δ√n₁/σ₁)   (two-sided)
 *   n₁ = ((z_{1−α/2}·σ₀ + z_{power}·σ₁) / δ)²   (closed form, far tail ignored, as statsmodels)
 * Means (statsmodels NormalIndPower, = zt_ind_solve_power): standardized effect d = δ/σ and the effective
 * n = 1/(1/n₁ + 1/n₂); power = Φ̄(z_{1−α/2} − d√n) + Φ(−z_{1−α/2} − d√n); n₁ and the MDE are solved numerically.
 *
 * All functions are O(1) (the solvers bisect ~100 times). Bad input (rates outside (0, 1), α or power
 * outside (0, 1), non-positive n or σ, a zero effect, an effect that leaves (0, 1)) throws InputError.
 */

export interface PowerSettings {
  /** Significance level α, default 0.05. */
  readonly alpha?: number;
  /** Control users per treatment user (statsmodels `ratio` = n₂/n₁), default 1. */
  readonly ratio?: number;
  /** Default 'two-sided'; 'greater' tests treatment > control, 'less' treatment < control. */
  readonly alternative?: Alternative;
}

export interface SampleSizeResult {
  /** Exact (fractional) solution n₁, as statsmodels returns it. */
  readonly treatmentUsers: number;
  /** n₂ = ratio·n₁. */
  readonly controlUsers: number;
  /** Users to plan for: ⌈n₁⌉ and ⌈n₂⌉. */
  readonly requiredTreatmentUsers: number;
  readonly requiredControlUsers: number;
}

interface Resolved {
  readonly alpha: number;
  readonly ratio: number;
  readonly alternative: Alternative;
}

function resolve(settings: PowerSettings, what: string): Resolved {
  const alpha = settings.alpha ?? 0.05;
  const ratio = settings.ratio ?? 1;
  const alternative = settings.alternative ?? 'two-sided';
  if (!(alpha > 0 && alpha < 1))
    throw new InputError('invalid_argument', `${what}: alpha must be in (0, 1), got ${alpha}`);
  if (!(ratio > 0 && Number.isFinite(ratio)))
    throw new InputError('invalid_argument', `${what}: ratio must be positive and finite, got ${ratio}`);
  if (alternative !== 'two-sided' && alternative !== 'greater' && alternative !== 'less')
    throw new InputError(
      'invalid_argument',
      `${what}: alternative must be two-sided, greater or less, got ${alternative}`,
    );
  return { alpha, ratio, alternative };
}

function requireProbability(value: number, name: string, what: string): void {
  if (!(value > 0 && value < 1))
    throw new InputError('invalid_argument', `${what}: ${name} must be in (0, 1), got ${value}`);
}

function requirePositive(value: number, name: string, what: string): void {
  if (!(value > 0 && Number.isFinite(value)))
    throw new InputError('invalid_argument', `${what}: ${name} must be positive and finite, got ${value}`);
}

/**
 * statsmodels normal_power_het: power of a z-test whose statistic has standard deviation σ₀ (null) and σ₁
 * (alternative) per √n, for effect δ and n units.
 */
function heterogeneousPower(
  effect: number,
  n: number,
  standardNull: number,
  standardAlternative: number,
  alpha: number,
  alternative: Alternative,
): number {
  const shift = (effect * Math.sqrt(n)) / standardAlternative;
  const ratio = standardNull / standardAlternative;
  const oneSidedAlpha = alternative === 'two-sided' ? alpha / 2 : alpha;
  const critical = -standardNormalQuantile(oneSidedAlpha); // z_{1−α'} > 0
  let power = 0;
  if (alternative !== 'less') power += standardNormalSurvival(critical * ratio - shift);
  if (alternative !== 'greater') power += standardNormalCdf(-critical * ratio - shift);
  return power;
}

/** Root of an increasing function on [low, high] by bisection to machine precision. */
function bisectIncreasing(f: (x: number) => number, low: number, high: number): number {
  let a = low;
  let b = high;
  for (let i = 0; i < 200; i++) {
    const middle = 0.5 * (a + b);
    if (middle === a || middle === b) break;
    if (f(middle) < 0) a = middle;
    else b = middle;
  }
  return 0.5 * (a + b);
}

function proportionStandardDeviations(baselineRate: number, effect: number, ratio: number) {
  const p1 = baselineRate + effect;
  const p2 = baselineRate;
  const pooled = (p1 + p2 * ratio) / (1 + ratio);
  return {
    standardNull: Math.sqrt(pooled * (1 - pooled) + (pooled * (1 - pooled)) / ratio),
    standardAlternative: Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / ratio),
  };
}

function validateProportionEffect(baselineRate: number, effect: number, what: string): void {
  requireProbability(baselineRate, 'baselineRate', what);
  if (!(Number.isFinite(effect) && effect !== 0))
    throw new InputError('invalid_argument', `${what}: the effect must be a non-zero number, got ${effect}`);
  requireProbability(baselineRate + effect, 'baselineRate + effect (the treatment rate)', what);
}

/**
 * Power of the two-proportion z-test to detect an absolute effect δ = p_treatment − p_control with n₁ treatment
 * users (and ratio·n₁ control users). Reference: statsmodels.stats.proportion.power_proportions_2indep(diff=δ,
 * prop2=baselineRate, nobs1=n₁, ratio, alpha). @example proportionsPower(0.05, 0.005, 20000) // → 0.6088…
 */
export function proportionsPower(
  baselineRate: number,
  effect: number,
  treatmentUsers: number,
  settings: PowerSettings = {},
): number {
  const what = 'proportionsPower';
  const { alpha, ratio, alternative } = resolve(settings, what);
  validateProportionEffect(baselineRate, effect, what);
  requirePositive(treatmentUsers, 'treatmentUsers', what);
  const { standardNull, standardAlternative } = proportionStandardDeviations(baselineRate, effect, ratio);
  return heterogeneousPower(effect, treatmentUsers, standardNull, standardAlternative, alpha, alternative);
}

function roundUp(treatmentUsers: number, ratio: number): SampleSizeResult {
  const controlUsers = ratio * treatmentUsers;
  // Subtract a few ulps before ⌈⌉ so an exact integer solution is not bumped by rounding noise.
  const ceiling = (x: number) => Math.ceil(x * (1 - 1e-12));
  return {
    treatmentUsers,
    controlUsers,
    requiredTreatmentUsers: ceiling(treatmentUsers),
    requiredControlUsers: ceiling(controlUsers),
  };
}

/**
 * Users needed to detect an absolute effect δ on a baseline conversion rate with the given power:
 * n₁ = ((z_{1−α/2}·σ₀ + z_{power}·σ₁) / δ)² (the far tail ignored, as statsmodels
 * samplesize_proportions_2indep_onetail). @example proportionsSampleSize(0.05, 0.005, 0.8).requiredTreatmentUsers // → 31234
 */
export function proportionsSampleSize(
  baselineRate: number,
  effect: number,
  power: number,
  settings: PowerSettings = {},
): SampleSizeResult {
  const what = 'proportionsSampleSize';
  const { alpha, ratio, alternative } = resolve(settings, what);
  validateProportionEffect(baselineRate, effect, what);
  requireProbability(power, 'power', what);
  const { standardNull, standardAlternative } = proportionStandardDeviations(baselineRate, effect, ratio);
  const critical = -standardNormalQuantile(alternative === 'two-sided' ? alpha / 2 : alpha);
  const criticalPower = standardNormalQuantile(power);
  const root = (critical * standardNull + criticalPower * standardAlternative) / effect;
  return roundUp(root * root, ratio);
}

export interface MinimumDetectableEffectSettings extends PowerSettings {
  /**
   * Which side the effect is on (the power of a proportion test is not symmetric): default 'increase', or
   * 'decrease' for alternative 'less'. Must agree with a one-sided alternative.
   */
  readonly direction?: 'increase' | 'decrease';
}

/**
 * Minimum detectable absolute effect δ on a baseline conversion rate with n₁ treatment users at the given power:
 * the root of proportionsPower(δ) = power (bisection to machine precision; both tails for two-sided), δ > 0 for
 * direction 'increase', δ < 0 for 'decrease'. Throws InputError when no effect inside the rate's range reaches the
 * power. Reference: the root of statsmodels power_proportions_2indep (scipy brentq), see bench/experiments.
 * @example proportionsMinimumDetectableEffect(0.05, 20000, 0.8) // → 0.006284233753388…
 */
export function proportionsMinimumDetectableEffect(
  baselineRate: number,
  treatmentUsers: number,
  power: number,
  settings: MinimumDetectableEffectSettings = {},
): number {
  const what = 'proportionsMinimumDetectableEffect';
  const resolved = resolve(settings, what);
  requireProbability(baselineRate, 'baselineRate', what);
  requirePositive(treatmentUsers, 'treatmentUsers', what);
  requireProbability(power, 'power', what);
  const direction = settings.direction ?? (resolved.alternative === 'less' ? 'decrease' : 'increase');
  if (
    (direction === 'increase' && resolved.alternative === 'less') ||
    (direction === 'decrease' && resolved.alternative === 'greater')
  )
    throw new InputError(
      'invalid_argument',
      `${what}: direction '${direction}' cannot be detected by a '${resolved.alternative}' test`,
    );
  const sign = direction === 'decrease' ? -1 : 1;
  const room = sign > 0 ? 1 - baselineRate : baselineRate;
  const f = (magnitude: number) => {
    const effect = sign * magnitude;
    const { standardNull, standardAlternative } = proportionStandardDeviations(
      baselineRate,
      effect,
      resolved.ratio,
    );
    return (
      heterogeneousPower(
        effect,
        treatmentUsers,
        standardNull,
        standardAlternative,
        resolved.alpha,
        resolved.alternative,
      ) - power
    );
  };
  const largest = room * (1 - 1e-9);
  if (f(largest) < 0)
    throw new InputError(
      'insufficient_data',
      `${what}: even an effect of ${sign * largest} does not reach power ${power} with ${treatmentUsers} users`,
    );
  return sign * bisectIncreasing(f, 0, largest);
}

function meansPowerFromEffectSize(effectSize: number, treatmentUsers: number, resolved: Resolved): number {
  const effectiveN = 1 / (1 / treatmentUsers + 1 / (treatmentUsers * resolved.ratio));
  return heterogeneousPower(effectSize, effectiveN, 1, 1, resolved.alpha, resolved.alternative);
}

/**
 * Power of the two-sample z-test on means to detect a difference δ with common standard deviation σ and n₁
 * treatment users. Reference: statsmodels NormalIndPower().power(effect_size=δ/σ, nobs1=n₁, alpha, ratio).
 * @example meansPower(1, 10, 1000) // → 0.6088…  (d = 0.1)
 */
export function meansPower(
  effect: number,
  standardDeviation: number,
  treatmentUsers: number,
  settings: PowerSettings = {},
): number {
  const what = 'meansPower';
  const resolved = resolve(settings, what);
  if (!(Number.isFinite(effect) && effect !== 0))
    throw new InputError('invalid_argument', `${what}: the effect must be a non-zero number, got ${effect}`);
  requirePositive(standardDeviation, 'standardDeviation', what);
  requirePositive(treatmentUsers, 'treatmentUsers', what);
  return meansPowerFromEffectSize(effect / standardDeviation, treatmentUsers, resolved);
}

/**
 * Treatment users n₁ (and ratio·n₁ control users) for the two-sample z-test on means to reach the given power:
 * the root of meansPower(n₁) = power, both tails counted (statsmodels zt_ind_solve_power(effect_size=δ/σ,
 * nobs1=None, alpha, power, ratio)). @example meansSampleSize(1, 10, 0.8).treatmentUsers // → 1569.8…
 */
export function meansSampleSize(
  effect: number,
  standardDeviation: number,
  power: number,
  settings: PowerSettings = {},
): SampleSizeResult {
  const what = 'meansSampleSize';
  const resolved = resolve(settings, what);
  if (!(Number.isFinite(effect) && effect !== 0))
    throw new InputError('invalid_argument', `${what}: the effect must be a non-zero number, got ${effect}`);
  requirePositive(standardDeviation, 'standardDeviation', what);
  requireProbability(power, 'power', what);
  const effectSize = effect / standardDeviation;
  if (
    (resolved.alternative === 'greater' && effectSize < 0) ||
    (resolved.alternative === 'less' && effectSize > 0)
  )
    throw new InputError(
      'invalid_argument',
      `${what}: an effect of ${effect} can never be detected by a '${resolved.alternative}' test`,
    );
  const size = Math.abs(effectSize);
  const oneSided: Resolved = {
    ...resolved,
    alternative: resolved.alternative === 'two-sided' ? 'two-sided' : 'greater',
  };
  const f = (logN: number) => meansPowerFromEffectSize(size, Math.exp(logN), oneSided) - power;
  // Power at n → 0 is α (or α/2 per tail); a power ≤ α is reached by any n.
  if (f(Math.log(1e-300)) >= 0)
    throw new InputError('invalid_argument', `${what}: power ${power} is not above alpha ${resolved.alpha}`);
  let high = 1;
  while (f(high) < 0) high += 5;
  return roundUp(Math.exp(bisectIncreasing(f, Math.log(1e-300), high)), resolved.ratio);
}

/**
 * Minimum detectable difference δ of means (σ given) with n₁ treatment users at the given power: the root of
 * meansPower(δ) = power (δ > 0; negative for 'less'). Reference: statsmodels NormalIndPower().solve_power(
 * effect_size=None, nobs1=n₁, alpha, power, ratio) × σ. @example meansMinimumDetectableEffect(10, 1000, 0.8) // → 1.2530…
 */
export function meansMinimumDetectableEffect(
  standardDeviation: number,
  treatmentUsers: number,
  power: number,
  settings: PowerSettings = {},
): number {
  const what = 'meansMinimumDetectableEffect';
  const resolved = resolve(settings, what);
  requirePositive(standardDeviation, 'standardDeviation', what);
  requirePositive(treatmentUsers, 'treatmentUsers', what);
  requireProbability(power, 'power', what);
  const sign = resolved.alternative === 'less' ? -1 : 1;
  const oneSided: Resolved = {
    ...resolved,
    alternative: resolved.alternative === 'two-sided' ? 'two-sided' : 'greater',
  };
  const f = (effectSize: number) => meansPowerFromEffectSize(effectSize, treatmentUsers, oneSided) - power;
  if (f(0) >= 0)
    throw new InputError('invalid_argument', `${what}: power ${power} is not above alpha ${resolved.alpha}`);
  let high = 1;
  while (f(high) < 0) high *= 2;
  return sign * standardDeviation * bisectIncreasing(f, 0, high);
}
