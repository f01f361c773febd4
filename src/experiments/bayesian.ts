import { InputError } from '../core/errors.js';
import { standardNormalCdf } from '../stats/distributions.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { type ArmMoments, type DifferenceType, type EffectEstimate, estimateEffect } from './sequential.js';

/**
 * Bayesian A/B analysis with a normal model on the effect (`bayesianEffectTest`); the beta-binomial
 * model for conversions is in beta-binomial.ts.
 *
 * Normal model on the effect: GrowthBook gbstats EffectBayesianABTest —
 *    the lift Δ̂ (absolute or relative, delta-method s.e.) as a normal likelihood with a flat improper
 *    prior (default) or a proper N(m, v) prior; P(win) = P(Δ > 0), credible interval from normal
 *    quantiles, risk = [E max(Δ, 0), E max(−Δ, 0)].
 */

const normalCdf = standardNormalCdf;

const normalDensity = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/**
 * Expected loss of a normal effect Δ ~ N(μ, σ²) (gbstats `get_risk`):
 *   risk of keeping control   = E[max(Δ, 0)]  = μΦ(μ/σ) + σφ(μ/σ)
 *   risk of shipping treatment = E[max(−Δ, 0)] = −μΦ(−μ/σ) + σφ(μ/σ)
 * Cost O(1). Example: normalExpectedLoss(0.1, 0.05) → { control: 0.1004245351308…, treatment: 0.000424535130841… }.
 */
export function normalExpectedLoss(mu: number, sigma: number): { control: number; treatment: number } {
  if (!Number.isFinite(mu) || !(sigma > 0) || !Number.isFinite(sigma))
    throw new InputError(
      'invalid_argument',
      `normalExpectedLoss: needs finite mu and sigma > 0, got ${mu}, ${sigma}`,
    );
  const z = mu / sigma;
  const density = sigma * normalDensity(z);
  return { control: mu * normalCdf(z) + density, treatment: -mu * normalCdf(-z) + density };
}

export interface BayesianEffectOptions {
  readonly differenceType?: DifferenceType;
  /** 1 − credible level; default 0.05. */
  readonly alpha?: number;
  /** Proper normal prior on the effect (same scale as differenceType); default flat improper. */
  readonly prior?: { readonly mean: number; readonly variance: number };
  /** Lower is better (e.g. bounce rate): swaps P(win) and the two risks. */
  readonly inverse?: boolean;
}

export interface BayesianEffectResult {
  readonly differenceType: DifferenceType;
  /** Posterior mean of the effect. */
  readonly expected: number;
  readonly posteriorStandardDeviation: number;
  readonly lower: number;
  readonly upper: number;
  /** P(treatment better than control). */
  readonly chanceToWin: number;
  /** Expected loss of choosing control / treatment, on the effect's scale. */
  readonly risk: { readonly control: number; readonly treatment: number };
}

/**
 * Normal Bayesian model on an effect estimate Δ̂ ± se (gbstats EffectBayesianABTest):
 *   flat prior: Δ | data ~ N(Δ̂, se²);  prior N(m, v): precision 1/se² + 1/v, mean (Δ̂/se² + m/v)/precision.
 * Cost O(1). Example: control (n 10, Σ 100, Σ² 1002.25) vs treatment (10, 105, 1111.5), relative →
 * expected 0.05, interval [−0.02, 0.12], chanceToWin 0.91923, risk [0.05131, 0.00131].
 */
export function bayesianEffectFromEstimate(
  effect: EffectEstimate,
  options: Omit<BayesianEffectOptions, 'differenceType'> = {},
): BayesianEffectResult {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1))
    throw new InputError('invalid_argument', `bayesianEffectTest: alpha must be in (0, 1), got ${alpha}`);
  if (!(effect.standardError > 0) || !Number.isFinite(effect.standardError))
    throw new InputError(
      'insufficient_data',
      `bayesianEffectTest: the effect has no standard error (${effect.standardError})`,
    );
  let precision = 1 / effect.standardError ** 2;
  let expected = effect.pointEstimate;
  if (options.prior) {
    const { mean, variance } = options.prior;
    if (!Number.isFinite(mean) || !(variance > 0) || !Number.isFinite(variance))
      throw new InputError(
        'invalid_argument',
        `bayesianEffectTest: prior needs a finite mean and variance > 0`,
      );
    const dataPrecision = precision;
    precision = dataPrecision + 1 / variance;
    expected = (effect.pointEstimate * dataPrecision + mean / variance) / precision;
  }
  const sd = Math.sqrt(1 / precision);
  const z = normalQuantile(1 - alpha / 2);
  const win = normalCdf(expected / sd);
  const risk = normalExpectedLoss(expected, sd);
  return {
    differenceType: effect.differenceType,
    expected,
    posteriorStandardDeviation: sd,
    lower: expected - z * sd,
    upper: expected + z * sd,
    chanceToWin: options.inverse ? 1 - win : win,
    risk: options.inverse ? { control: risk.treatment, treatment: risk.control } : risk,
  };
}

/** `estimateEffect` then `bayesianEffectFromEstimate`; relative lift by default (gbstats). */
export function bayesianEffectTest(
  control: ArmMoments,
  treatment: ArmMoments,
  options: BayesianEffectOptions = {},
): BayesianEffectResult {
  return bayesianEffectFromEstimate(
    estimateEffect(control, treatment, options.differenceType ?? 'relative'),
    options,
  );
}
