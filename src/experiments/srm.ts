import { InputError } from '../core/errors.js';
import { chiSquareSurvival } from '../stats/distributions.js';

export interface SampleRatioMismatchOptions {
  /** Expected allocation weights per arm (any positive scale), default equal. */
  readonly expectedWeights?: readonly number[];
  /** p-value below which a mismatch is flagged, default 0.001 (GrowthBook's default SRM threshold). */
  readonly threshold?: number;
}

export interface SampleRatioMismatchResult {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Users expected in each arm under the planned allocation. */
  readonly expected: readonly number[];
  /** Observed share of users per arm. */
  readonly observedShares: readonly number[];
  readonly threshold: number;
  /** pValue < threshold: the assignment is probably broken and the experiment's results are not trustworthy. */
  readonly mismatch: boolean;
}

/**
 * Sample-ratio-mismatch (SRM) check: Pearson's chi-square goodness-of-fit test of the users observed per arm
 * against the planned allocation weights. χ² = Σ (O_i − E_i)² / E_i with E_i = N·w_i/Σw, k − 1 degrees of
 * freedom, p = P(χ²_{k−1} > χ²). A small p-value means the split is not what was planned (a bug in assignment or
 * logging), so effect estimates should not be trusted. Cost O(k).
 *
 * Bad input: fewer than 2 arms, a count that is not a whole number ≥ 0, no users at all, weights that are not
 * positive and finite, or a weight count that does not match → InputError.
 * Reference: scipy.stats.chisquare(observed, f_exp); Fabijan et al. (2019), "Diagnosing Sample Ratio Mismatch".
 *
 * @example sampleRatioMismatchTest([5000, 5200]) // → statistic 3.9215686…, pValue 0.04767…, mismatch false
 */
export function sampleRatioMismatchTest(
  observed: readonly number[],
  options: SampleRatioMismatchOptions = {},
): SampleRatioMismatchResult {
  const what = 'sampleRatioMismatchTest';
  const k = observed.length;
  if (k < 2) throw new InputError('insufficient_data', `${what} needs at least 2 arms, got ${k}`);
  for (const [index, count] of observed.entries())
    if (!(Number.isInteger(count) && count >= 0))
      throw new InputError(
        'invalid_argument',
        `${what}: arm ${index} count must be a whole number ≥ 0, got ${count}`,
      );
  const weights = options.expectedWeights ?? observed.map(() => 1);
  if (weights.length !== k)
    throw new InputError('invalid_argument', `${what}: got ${weights.length} expected weights for ${k} arms`);
  for (const [index, weight] of weights.entries())
    if (!(Number.isFinite(weight) && weight > 0))
      throw new InputError(
        'invalid_argument',
        `${what}: weight of arm ${index} must be positive and finite, got ${weight}`,
      );
  const threshold = options.threshold ?? 0.001;
  if (!(threshold > 0 && threshold < 1))
    throw new InputError('invalid_argument', `${what}: threshold must be in (0, 1), got ${threshold}`);
  const total = observed.reduce((sum, count) => sum + count, 0);
  if (total === 0) throw new InputError('insufficient_data', `${what}: no users in any arm`);
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const expected = weights.map((weight) => (total * weight) / weightTotal);
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const deviation = (observed[i] as number) - (expected[i] as number);
    statistic += (deviation * deviation) / (expected[i] as number);
  }
  const degreesOfFreedom = k - 1;
  const pValue = chiSquareSurvival(statistic, degreesOfFreedom);
  return {
    statistic,
    degreesOfFreedom,
    pValue,
    expected,
    observedShares: observed.map((count) => count / total),
    threshold,
    mismatch: pValue < threshold,
  };
}
