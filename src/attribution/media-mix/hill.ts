import { InputError } from '../../core/errors.js';
import { steadyStateAdstock } from './adstock.js';

/**
 * Hill saturation response of a media channel: E[conversions | A] = β·A^s / (K^s + A^s), where A is
 * the adstock (hill.ts works on any non-negative driver), K > 0 the half-saturation point (the
 * response is β/2 at A = K), s > 0 the shape (s ≤ 1 concave everywhere; s > 1 S-shaped with an
 * inflection at A = K·((s − 1)/(s + 1))^(1/s)) and β > 0 the maximum daily response.
 *
 * Reference: Hill (1910), J. Physiol. 40; Jin et al. (2017), "Bayesian methods for media mix
 * modeling with carryover and shape effects", eq. (3). Cost O(1) per call.
 * Example: hillResponse(100, { halfSaturation: 100, shape: 1, maxResponse: 10 }) → 5.
 */

export interface HillParams {
  /** K: adstock at which the response is half its maximum (same unit as the spend). */
  readonly halfSaturation: number;
  /** s: shape. */
  readonly shape: number;
  /** β: maximum expected conversions per day. */
  readonly maxResponse: number;
}

/** Hill parameters plus the geometric adstock decay θ: the full response model of one channel. */
export interface MediaResponseParams extends HillParams {
  /** θ ∈ [0, 1). */
  readonly adstockDecay: number;
}

function checkHill(params: HillParams, caller: string): void {
  const { halfSaturation, shape, maxResponse } = params;
  if (!(Number.isFinite(halfSaturation) && halfSaturation > 0))
    throw new InputError(
      'invalid_argument',
      `${caller}: half-saturation K must be > 0, got ${halfSaturation}`,
    );
  if (!(Number.isFinite(shape) && shape > 0))
    throw new InputError('invalid_argument', `${caller}: shape s must be > 0, got ${shape}`);
  if (!(Number.isFinite(maxResponse) && maxResponse > 0))
    throw new InputError('invalid_argument', `${caller}: maximum response β must be > 0, got ${maxResponse}`);
}

function checkDriver(value: number, caller: string): void {
  if (!Number.isFinite(value) || value < 0)
    throw new InputError(
      'invalid_argument',
      `${caller}: adstock / spend must be a finite number ≥ 0, got ${value}`,
    );
}

/** β·A^s / (K^s + A^s), computed as β / (1 + (K/A)^s) for stability; 0 at A = 0. */
export function hillResponse(adstock: number, params: HillParams): number {
  checkHill(params, 'hillResponse');
  checkDriver(adstock, 'hillResponse');
  return hillUnchecked(adstock, params.halfSaturation, params.shape, params.maxResponse);
}

/** @internal unchecked kernel, shared with the fit. */
export function hillUnchecked(adstock: number, k: number, s: number, beta: number): number {
  if (adstock <= 0) return 0;
  return beta / (1 + (k / adstock) ** s);
}

/**
 * dE/dA = β·s·K^s·A^(s−1) / (K^s + A^s)², computed as β·s·r/(A·(1 + r)²) with r = (K/A)^s.
 * At A = 0 it is β/K for s = 1, 0 for s > 1 and +∞ for s < 1 (returned as Number.MAX_VALUE so that
 * callers never see Infinity). Example: hillDerivative(100, { halfSaturation: 100, shape: 1,
 * maxResponse: 10 }) → 0.025.
 */
export function hillDerivative(adstock: number, params: HillParams): number {
  checkHill(params, 'hillDerivative');
  checkDriver(adstock, 'hillDerivative');
  const { halfSaturation: k, shape: s, maxResponse: beta } = params;
  if (adstock === 0) return s === 1 ? beta / k : s > 1 ? 0 : Number.MAX_VALUE;
  const r = (k / adstock) ** s;
  return (beta * s * r) / (adstock * (1 + r) ** 2);
}

/**
 * Steady-state expected daily conversions at a constant daily spend x: R(x) = Hill(x / (1 − θ)).
 * Example: steadyStateResponse(50, { adstockDecay: 0.5, halfSaturation: 100, shape: 1,
 * maxResponse: 10 }) → 5.
 */
export function steadyStateResponse(dailySpend: number, params: MediaResponseParams): number {
  return hillResponse(steadyStateAdstock(dailySpend, params.adstockDecay), params);
}

/**
 * Marginal steady-state conversions per unit of daily spend: dR/dx = Hill′(x/(1 − θ)) / (1 − θ).
 * Example: steadyStateMarginalResponse(50, { adstockDecay: 0.5, halfSaturation: 100, shape: 1,
 * maxResponse: 10 }) → 0.05.
 */
export function steadyStateMarginalResponse(dailySpend: number, params: MediaResponseParams): number {
  const derivative = hillDerivative(steadyStateAdstock(dailySpend, params.adstockDecay), params);
  return derivative === Number.MAX_VALUE ? derivative : derivative / (1 - params.adstockDecay);
}
