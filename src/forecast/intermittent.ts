import { InputError } from '../core/errors.js';
import { checkForecastOptions, checkSeries } from './baselines.js';
import type { Forecast, ForecastModel, ForecastOptions, PredictionInterval } from './forecast-types.js';

/**
 * Intermittent-demand forecasts (many zero periods): Croston, SBA and TSB. All give a flat forecast of
 * the demand per period.
 *
 *   Croston (1972): on the non-zero demands y_i and the intervals q_i between them (the first interval is
 *     counted from the start, as R forecast::croston), z ← z + α(y_i − z), x ← x + α(q_i − x), both
 *     started at the first demand and interval (R's ses(initial = 'simple')); ŷ = z / x.
 *   SBA, Syntetos & Boylan (2005): ŷ = (1 − α/2)·z / x (bias correction of Croston's ratio).
 *   TSB, Teunter, Syntetos & Babai (2011), EJOR 214: every period p ← p + β(1[y_t > 0] − p); on demand
 *     periods z ← z + α(y_t − z); ŷ = p·z. Started at p₀ = share of non-zero periods, z₀ = mean non-zero
 *     demand. Unlike Croston it decays towards 0 when demand stops (obsolescence).
 * α defaults to 0.1 (forecast::croston) and β to 0.1; `optimize: true` picks them by in-sample one-step
 * MSE on a grid (step 0.01 for Croston/SBA; 0.05 then 0.01 around the best for TSB), in [0.01, 0.99].
 * Special cases (notes say so): an all-zero series → forecast 0 and zero-width intervals; a single
 * non-zero demand y at position k (1-based) → Croston/SBA ŷ = y / k (factor (1 − α/2) for SBA), as R.
 *
 * Intervals: exact quantiles of the fitted per-period demand distribution, a compound Bernoulli: demand
 * occurs with probability p̂ (1/x for Croston/SBA, capped at 1; p for TSB) and its size is drawn from the
 * observed non-zero demands rescaled so the distribution's mean equals ŷ. The same interval holds for
 * every step (the models are flat); intervalMethod 'analytic'. Lower bounds are usually 0.
 * Cost: O(n) per fit; O(99·n) (Croston/SBA) or O(521·n) (TSB) when optimising.
 * Example: crostonForecast([0, 0, 3, 0, 0, 0, 6], { horizon: 1, seasonLength: 1 }).point → [1.0645…]
 * (z = 3 + 0.1·(6 − 3) = 3.3, x = 3 + 0.1·(4 − 3) = 3.1, ŷ = 3.3/3.1; SBA 0.95·ŷ = 1.0113).
 */

export type CrostonVariant = 'croston' | 'sba';

export interface CrostonOptions {
  /** 'croston' (classic) or 'sba' (Syntetos–Boylan approximation). Default 'croston'. */
  readonly variant?: CrostonVariant;
  /** Smoothing parameter for sizes and intervals (default 0.1). */
  readonly alpha?: number;
  /** Choose α by in-sample MSE instead (default false). */
  readonly optimize?: boolean;
}

export interface TsbOptions {
  /** Smoothing of demand sizes (default 0.1). */
  readonly alpha?: number;
  /** Smoothing of the demand probability (default 0.1). */
  readonly beta?: number;
  /** Choose α and β by in-sample MSE (default false). */
  readonly optimize?: boolean;
}

function checkDemand(values: readonly number[], caller: string): Float64Array {
  const y = checkSeries(values, caller);
  if (y.length === 0) throw new InputError('insufficient_data', `${caller} needs at least 1 value, got 0`);
  for (let t = 0; t < y.length; t++)
    if ((y[t] as number) < 0)
      throw new InputError('invalid_argument', `${caller}: demand at index ${t} is negative (${y[t]})`, {
        hint: 'intermittent-demand models need non-negative demand',
      });
  return y;
}

function checkSmoothing(value: number, name: string, caller: string): number {
  if (!(value > 0 && value <= 1))
    throw new InputError('invalid_argument', `${caller}: ${name} must be in (0, 1], got ${value}`);
  return value;
}

/**
 * One Croston/SBA pass: writes one-step fitted values (when `fitted` is given) and returns the final
 * forecast; sse receives the in-sample squared error. Allocation-free.
 */
function crostonPass(
  y: Float64Array,
  alpha: number,
  factor: number,
  fitted: Float64Array | undefined,
  out: { forecast: number; size: number; interval: number; sse: number },
): void {
  let size = 0;
  let interval = 0;
  let demands = 0;
  let sinceLast = 0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const forecast = demands === 0 ? 0 : (factor * size) / interval;
    if (t > 0) {
      if (fitted) fitted[t] = forecast;
      sse += ((y[t] as number) - forecast) ** 2;
    }
    sinceLast++;
    const v = y[t] as number;
    if (v > 0) {
      if (demands === 0) {
        size = v;
        interval = sinceLast;
      } else {
        size += alpha * (v - size);
        interval += alpha * (sinceLast - interval);
      }
      demands++;
      sinceLast = 0;
    }
  }
  out.forecast = demands === 0 ? 0 : (factor * size) / interval;
  out.size = size;
  out.interval = interval;
  out.sse = sse;
}

function tsbPass(
  y: Float64Array,
  alpha: number,
  beta: number,
  startProbability: number,
  startSize: number,
  fitted: Float64Array | undefined,
  out: { forecast: number; size: number; probability: number; sse: number },
): void {
  let p = startProbability;
  let z = startSize;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const forecast = p * z;
    if (fitted) fitted[t] = forecast;
    const v = y[t] as number;
    sse += (v - forecast) ** 2;
    if (v > 0) {
      p += beta * (1 - p);
      z += alpha * (v - z);
    } else p -= beta * p;
  }
  out.forecast = p * z;
  out.size = z;
  out.probability = p;
  out.sse = sse;
}

/** Exact quantile intervals of the compound Bernoulli demand distribution (see the file comment). */
function demandIntervals(
  y: Float64Array,
  point: number,
  probability: number,
  horizon: number,
  levels: readonly number[],
): PredictionInterval[] {
  let count = 0;
  let total = 0;
  for (const v of y)
    if (v > 0) {
      count++;
      total += v;
    }
  const sizes = new Float64Array(count);
  let k = 0;
  for (const v of y) if (v > 0) sizes[k++] = v;
  sizes.sort();
  const p = Math.min(1, Math.max(0, probability));
  const scale = count > 0 && p > 0 ? point / p / (total / count) : 0;
  const quantile = (q: number): number => {
    if (count === 0 || p === 0 || q <= 1 - p) return 0;
    const within = (q - (1 - p)) / p;
    const index = Math.min(count - 1, Math.max(0, Math.ceil(within * count) - 1));
    return (sizes[index] as number) * scale;
  };
  return levels.map((level) => {
    const tail = (1 - level / 100) / 2;
    const lower = quantile(tail);
    const upper = quantile(1 - tail);
    return { level, lower: new Array(horizon).fill(lower), upper: new Array(horizon).fill(upper) };
  });
}

const GRID_LOW = 0.01;
const GRID_HIGH = 0.99;

/** Croston or SBA forecast (see the file comment). A `ForecastModel` once options are bound by crostonModel. */
export function crostonForecast(
  values: readonly number[],
  options: ForecastOptions & CrostonOptions,
): Forecast {
  const variant = options.variant ?? 'croston';
  if (variant !== 'croston' && variant !== 'sba')
    throw new InputError(
      'invalid_argument',
      `crostonForecast: variant must be 'croston' or 'sba', got ${variant}`,
    );
  const caller = variant === 'sba' ? 'SBA' : 'Croston';
  const { horizon, levels } = checkForecastOptions(options, caller);
  const y = checkDemand(values, caller);
  const n = y.length;
  const notes: string[] = [];
  const state = { forecast: 0, size: 0, interval: 0, sse: 0 };
  let alpha = checkSmoothing(options.alpha ?? 0.1, 'alpha', caller);
  const factorOf = (a: number) => (variant === 'sba' ? 1 - a / 2 : 1);
  let demands = 0;
  for (const v of y) if (v > 0) demands++;
  if (options.optimize && demands >= 2) {
    let best = Number.POSITIVE_INFINITY;
    for (let step = 0; GRID_LOW + step * 0.01 <= GRID_HIGH + 1e-12; step++) {
      const a = GRID_LOW + step * 0.01;
      crostonPass(y, a, factorOf(a), undefined, state);
      if (state.sse < best) {
        best = state.sse;
        alpha = a;
      }
    }
    notes.push(`alpha ${alpha.toFixed(2)} chosen by in-sample MSE`);
  }
  const fitted = new Float64Array(n);
  fitted[0] = Number.NaN;
  crostonPass(y, alpha, factorOf(alpha), fitted, state);
  if (demands === 0) notes.push('all values are zero: forecast 0');
  else if (demands === 1)
    notes.push(
      `a single non-zero demand: forecast = demand / its position (${state.interval})${variant === 'sba' ? ' × (1 − α/2)' : ''}`,
    );
  const point = state.forecast;
  return {
    model: variant === 'sba' ? 'SBA' : 'Croston',
    method: 'croston',
    point: new Array(horizon).fill(point),
    intervals: demandIntervals(y, point, demands === 0 ? 0 : 1 / state.interval, horizon, levels),
    intervalMethod: 'analytic',
    fitted: Array.from(fitted),
    params: { alpha, size: state.size, interval: state.interval },
    notes,
  };
}

/** TSB forecast (see the file comment). */
export function tsbForecast(values: readonly number[], options: ForecastOptions & TsbOptions): Forecast {
  const caller = 'TSB';
  const { horizon, levels } = checkForecastOptions(options, caller);
  const y = checkDemand(values, caller);
  const n = y.length;
  const notes: string[] = [];
  let alpha = checkSmoothing(options.alpha ?? 0.1, 'alpha', caller);
  let beta = checkSmoothing(options.beta ?? 0.1, 'beta', caller);
  let demands = 0;
  let total = 0;
  for (const v of y)
    if (v > 0) {
      demands++;
      total += v;
    }
  const startProbability = demands / n;
  const startSize = demands > 0 ? total / demands : 0;
  const state = { forecast: 0, size: 0, probability: 0, sse: 0 };
  if (options.optimize && demands >= 1) {
    let best = Number.POSITIVE_INFINITY;
    const search = (aFrom: number, aTo: number, bFrom: number, bTo: number, step: number) => {
      for (let a = aFrom; a <= aTo + 1e-12; a += step)
        for (let b = bFrom; b <= bTo + 1e-12; b += step) {
          tsbPass(y, a, b, startProbability, startSize, undefined, state);
          if (state.sse < best - 1e-12) {
            best = state.sse;
            alpha = a;
            beta = b;
          }
        }
    };
    search(0.05, 0.95, 0.05, 0.95, 0.05);
    const [a0, b0] = [alpha, beta];
    search(
      Math.max(GRID_LOW, a0 - 0.04),
      Math.min(GRID_HIGH, a0 + 0.04),
      Math.max(GRID_LOW, b0 - 0.04),
      Math.min(GRID_HIGH, b0 + 0.04),
      0.01,
    );
    alpha = Math.round(alpha * 100) / 100;
    beta = Math.round(beta * 100) / 100;
    notes.push(`alpha ${alpha.toFixed(2)} and beta ${beta.toFixed(2)} chosen by in-sample MSE`);
  }
  const fitted = new Float64Array(n);
  tsbPass(y, alpha, beta, startProbability, startSize, fitted, state);
  if (demands === 0) notes.push('all values are zero: forecast 0');
  else if (demands === 1) notes.push('a single non-zero demand: the forecast rests on one observation');
  const point = state.forecast;
  return {
    model: 'TSB',
    method: 'tsb',
    point: new Array(horizon).fill(point),
    intervals: demandIntervals(y, point, state.probability, horizon, levels),
    intervalMethod: 'analytic',
    fitted: Array.from(fitted),
    params: { alpha, beta, size: state.size, probability: state.probability },
    notes,
  };
}

/** Croston/SBA with fixed options as a `ForecastModel`. */
export function crostonModel(options: CrostonOptions = {}): ForecastModel {
  return (values, forecastOptions) => crostonForecast(values, { ...forecastOptions, ...options });
}

/** TSB with fixed options as a `ForecastModel`. */
export function tsbModel(options: TsbOptions = {}): ForecastModel {
  return (values, forecastOptions) => tsbForecast(values, { ...forecastOptions, ...options });
}
