import { InputError } from '../../core/errors.js';
import { createRng, normal } from '../../core/random.js';
import { quantiles } from '../../stats/descriptive.js';
import { choleskyDecomposition } from '../../stats/hessian.js';
import type { BgNbdFit } from './bg-nbd.js';
import {
  type BgNbdParams,
  checkBgNbdParams,
  checkRepeatPurchaseData,
  type RepeatPurchaseData,
} from './bg-nbd-input.js';
import { conditionalExpectationUnchecked } from './bg-nbd-predict.js';
import {
  checkGammaGammaParams,
  conditionalExpectedAverageSpendForCustomers,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendData,
} from './gamma-gamma.js';

/**
 * Discounted customer lifetime value from BG/NBD (how many purchases) × Gamma-Gamma (how much
 * per purchase), over H periods of length L model time units with a per-period discount rate d:
 *   CLVᵢ = Σₖ₌₁..H mᵢ · (E[Y(kL) | xᵢ, tₓᵢ, Tᵢ] − E[Y((k−1)L) | xᵢ, tₓᵢ, Tᵢ]) / (1 + d)^k,
 * mᵢ = Gamma-Gamma conditional expected average spend. This is lifetimes'
 * `_customer_lifetime_value` (utils.py): its `time` is H, its `freq` fixes L in model units
 * ('D' → 30, 'W' → 4.345, 'M' → 1, 'H' → 720) — NOTE lifetimes' default freq='D' means L = 30
 * model units whatever unit the model was fitted in, so the CDNOW Quickstart's "12 months" on a
 * weekly model are 12 × 30 = 360 weeks; pass periodLength = 30 to reproduce it, or
 * periodLength = 365.25 / 12 / 7 for true calendar months on a weekly model.
 */

export interface CustomerValueOptions {
  /** H, number of discounting periods (e.g. 12). */
  readonly periods: number;
  /** L, period length in the model's time unit (weeks model + months: 365.25 / 84 ≈ 4.348). */
  readonly periodLength: number;
  /** d, discount rate per period (≥ 0; e.g. 0.01 a month ≈ 12.7 % a year). */
  readonly discountRate: number;
}

/** (x, t_x, T, m) per customer: a PurchaseSummary satisfies it. */
export interface CustomerValueData extends RepeatPurchaseData, SpendData {}

export function checkValueOptions(options: CustomerValueOptions, caller: string): void {
  const { periods, periodLength, discountRate } = options;
  if (!(Number.isInteger(periods) && periods >= 1 && periods <= 10_000))
    throw new InputError(
      'invalid_argument',
      `${caller}: periods must be a whole number in 1..10000, got ${periods}`,
    );
  if (!(Number.isFinite(periodLength) && periodLength > 0))
    throw new InputError('invalid_argument', `${caller}: periodLength must be > 0, got ${periodLength}`);
  if (!(Number.isFinite(discountRate) && discountRate >= 0))
    throw new InputError('invalid_argument', `${caller}: discountRate must be ≥ 0, got ${discountRate}`);
}

/** CLV of customer i given spend mᵢ (no validation). Cost O(H · series terms). */
export function customerValue(
  bg: BgNbdParams,
  data: RepeatPurchaseData,
  i: number,
  spend: number,
  options: CustomerValueOptions,
): number {
  const x = data.frequency[i] as number;
  const recency = data.recency[i] as number;
  const age = data.age[i] as number;
  let total = 0;
  let previous = 0;
  let discount = 1;
  for (let k = 1; k <= options.periods; k++) {
    const cumulative = conditionalExpectationUnchecked(bg, k * options.periodLength, x, recency, age);
    discount /= 1 + options.discountRate;
    total += (cumulative - previous) * discount;
    previous = cumulative;
  }
  return spend * total;
}

/**
 * Discounted CLV per customer (formula above). Throws InputError for invalid parameters, options or
 * customer data, or Gamma-Gamma q ≤ 1. Cost O(n · H · series terms) (≈ 1 µs per customer-period
 * for horizons up to ≈ 10(α + T)).
 * Example (CDNOW fits, periods 12, periodLength 30, discountRate 0.01; lifetimes Quickstart):
 * customers 1..3 → 140.0962, 18.9435, 38.1806.
 */
export function customerLifetimeValue(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  data: CustomerValueData,
  options: CustomerValueOptions,
): Float64Array {
  checkBgNbdParams(bg, 'customerLifetimeValue');
  checkGammaGammaParams(gg, 'customerLifetimeValue');
  checkValueOptions(options, 'customerLifetimeValue');
  const n = checkRepeatPurchaseData(data, 'customerLifetimeValue');
  const spend = conditionalExpectedAverageSpendForCustomers(gg, data);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = customerValue(bg, data, i, spend[i] as number, options);
  return out;
}

export interface ValueIntervalOptions extends CustomerValueOptions {
  /** Parameter draws (default 200). */
  readonly draws?: number;
  /** Central interval level (default 0.9). */
  readonly level?: number;
  readonly seed?: number;
}

export interface ValueIntervals {
  /** CLV at the maximum-likelihood estimates. */
  readonly value: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly level: number;
  readonly draws: number;
}

/** Draws θ ~ N(θ̂, Σ) in log space through the Cholesky factor of Σ. */
function drawLogNormal(
  rng: ReturnType<typeof createRng>,
  estimate: readonly number[],
  lower: readonly (readonly number[])[],
): number[] {
  const z = estimate.map(() => normal(rng));
  return estimate.map((mean, i) => {
    let v = Math.log(mean);
    for (let k = 0; k <= i; k++) v += (lower[i]?.[k] as number) * (z[k] as number);
    return Math.exp(v);
  });
}

/**
 * Per-customer CLV intervals from parameter uncertainty: draws (ln r, ln α, ln a, ln b) and
 * (ln p, ln q, ln v) from the fits' asymptotic normal distributions (covarianceLog; the two models
 * independent, as their likelihoods are separate), recomputes each customer's CLV per draw and
 * reports the central `level` percentile interval (R type-7 quantiles). Gamma-Gamma draws with
 * q ≤ 1 are redrawn (truncation). Seeded: same seed, same intervals.
 * Throws InputError when a fit has no covariance (singular information).
 * Cost O(draws · n · H · series terms), memory O(draws + n).
 */
export function customerLifetimeValueIntervals(
  bgFit: Pick<BgNbdFit, 'params' | 'covarianceLog'>,
  ggFit: Pick<GammaGammaFit, 'params' | 'covarianceLog'>,
  data: CustomerValueData,
  options: ValueIntervalOptions,
): ValueIntervals {
  const draws = options.draws ?? 200;
  const level = options.level ?? 0.9;
  if (!(Number.isInteger(draws) && draws >= 2))
    throw new InputError(
      'invalid_argument',
      `customerLifetimeValueIntervals: draws must be a whole number ≥ 2, got ${draws}`,
    );
  if (!(level > 0 && level < 1))
    throw new InputError(
      'invalid_argument',
      `customerLifetimeValueIntervals: level must be in (0, 1), got ${level}`,
    );
  if (!bgFit.covarianceLog || !ggFit.covarianceLog)
    throw new InputError(
      'invalid_argument',
      'customerLifetimeValueIntervals needs fits with a covariance (their information matrix was singular)',
    );
  const value = customerLifetimeValue(bgFit.params, ggFit.params, data, options);
  const n = value.length;
  const rng = createRng(options.seed ?? 1);
  const bgLower = choleskyDecomposition(bgFit.covarianceLog);
  const ggLower = choleskyDecomposition(ggFit.covarianceLog);
  const bgEstimate = [bgFit.params.r, bgFit.params.alpha, bgFit.params.a, bgFit.params.b];
  const ggEstimate = [ggFit.params.p, ggFit.params.q, ggFit.params.v];
  const bgDraws: BgNbdParams[] = [];
  const ggDraws: GammaGammaParams[] = [];
  for (let d = 0; d < draws; d++) {
    const [r, alpha, a, b] = drawLogNormal(rng, bgEstimate, bgLower) as [number, number, number, number];
    bgDraws.push({ r, alpha, a, b });
    let gg: number[] = [];
    for (let attempt = 0; attempt < 1000; attempt++) {
      gg = drawLogNormal(rng, ggEstimate, ggLower);
      if ((gg[1] as number) > 1) break;
    }
    if (!((gg[1] as number) > 1))
      throw new InputError(
        'invalid_argument',
        'customerLifetimeValueIntervals: Gamma-Gamma q is too uncertain (draws keep q ≤ 1)',
      );
    ggDraws.push({ p: gg[0] as number, q: gg[1] as number, v: gg[2] as number });
  }
  const spends = ggDraws.map((gg) => conditionalExpectedAverageSpendForCustomers(gg, data));
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const scratch = new Float64Array(draws);
  const probabilities = [(1 - level) / 2, 1 - (1 - level) / 2];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < draws; d++)
      scratch[d] = customerValue(
        bgDraws[d] as BgNbdParams,
        data,
        i,
        (spends[d] as Float64Array)[i] as number,
        options,
      );
    const [lo, hi] = quantiles(scratch, probabilities) as [number, number];
    lower[i] = lo;
    upper[i] = hi;
  }
  return { value, lower, upper, level, draws };
}
