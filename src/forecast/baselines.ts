import { InputError } from '../core/errors.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import type { Forecast, ForecastOptions, PredictionInterval } from './forecast-types.js';

/**
 * Benchmark forecasts: naive, seasonal naive, drift and mean (Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", 3rd ed., §5.2 and the table of multi-step standard deviations in §5.5; the
 * same as R forecast::naive / snaive / rwf(drift = TRUE) / meanf but with normal quantiles for meanf).
 *
 *   mean      ŷ = ȳ                          σ_h = σ̂·√(1 + 1/T)          σ̂² = Σ(y − ȳ)² / (T − 1)
 *   naive     ŷ = y_T                        σ_h = σ̂·√h                  σ̂² = Σ(y_t − y_{t−1})² / (T − 1)
 *   snaive    ŷ = y_{T+h−m(k+1)}             σ_h = σ̂·√(k + 1)            σ̂² = Σ(y_t − y_{t−m})² / (T − m)
 *   drift     ŷ = y_T + h·b, b = (y_T − y_1)/(T − 1)
 *                                            σ_h = σ̂·√(h(1 + h/(T − 1)))  σ̂² = Σ(y_t − y_{t−1} − b)² / (T − 2)
 * with k = ⌊(h − 1)/m⌋ and intervals ŷ ± z_{(1+level)/2}·σ_h (normal residuals assumed).
 * Cost: O(T + h·levels). Example: naiveForecast([1, 2, 4], { horizon: 2, seasonLength: 1 }).point →
 * [4, 4], 95 % interval at h = 1: 4 ± 1.96·√2.5.
 *
 * This file also holds the input checks every forecasting model of this folder shares
 * (`checkSeries`, `checkForecastOptions`) and the normal-interval builder.
 */

const DEFAULT_LEVELS: readonly number[] = [80, 95];

/** Throws InputError unless every value is finite; returns a Float64Array copy. */
export function checkSeries(values: readonly number[] | ArrayLike<number>, caller: string): Float64Array {
  if (!values || typeof values.length !== 'number')
    throw new InputError('invalid_argument', `${caller} requires an array of numbers`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new InputError(
        'invalid_argument',
        `${caller}: value at index ${i} is not a finite number (${v})`,
        {
          hint: 'fill or drop missing periods before forecasting',
        },
      );
    out[i] = v;
  }
  return out;
}

/** Validated forecast options with defaults applied. */
export interface CheckedForecastOptions {
  readonly horizon: number;
  readonly seasonLength: number;
  readonly levels: readonly number[];
  readonly seed: number;
}

/** Horizon and season length positive integers, levels in (0, 100); defaults levels [80, 95], seed 1. */
export function checkForecastOptions(options: ForecastOptions, caller: string): CheckedForecastOptions {
  if (!options)
    throw new InputError('invalid_argument', `${caller} requires options { horizon, seasonLength }`);
  const { horizon, seasonLength } = options;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new InputError('invalid_argument', `${caller}: horizon must be an integer ≥ 1, got ${horizon}`);
  if (!Number.isInteger(seasonLength) || seasonLength < 1)
    throw new InputError(
      'invalid_argument',
      `${caller}: seasonLength must be an integer ≥ 1 (1 = no seasonality), got ${seasonLength}`,
    );
  const levels = options.levels ?? DEFAULT_LEVELS;
  for (const level of levels)
    if (!(typeof level === 'number' && level > 0 && level < 100))
      throw new InputError(
        'invalid_argument',
        `${caller}: interval levels must be in (0, 100), got ${level}`,
        {
          hint: 'levels are percentages, e.g. [80, 95]',
        },
      );
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new InputError('invalid_argument', `${caller}: seed must be finite`);
  return { horizon, seasonLength, levels, seed };
}

/** Throws InputError('insufficient_data') when fewer than `needed` points are given. */
export function requireLength(length: number, needed: number, caller: string, why: string): void {
  if (length < needed)
    throw new InputError(
      'insufficient_data',
      `${caller} needs at least ${needed} values (${why}), got ${length}`,
    );
}

/** point ± z·standardErrors[h] for each level (z = Φ⁻¹((1 + level/100)/2)). */
export function normalIntervals(
  point: ArrayLike<number>,
  standardErrors: ArrayLike<number>,
  levels: readonly number[],
): PredictionInterval[] {
  return levels.map((level) => {
    const z = normalQuantile(0.5 + level / 200);
    const lower: number[] = new Array(point.length);
    const upper: number[] = new Array(point.length);
    for (let h = 0; h < point.length; h++) {
      const p = point[h] as number;
      const width = z * (standardErrors[h] as number);
      lower[h] = p - width;
      upper[h] = p + width;
    }
    return { level, lower, upper };
  });
}

function finish(
  model: string,
  method: string,
  point: Float64Array,
  standardErrors: Float64Array,
  fitted: number[],
  levels: readonly number[],
  params: Record<string, number>,
  notes: string[],
): Forecast {
  return {
    model,
    method,
    point: Array.from(point),
    intervals: normalIntervals(point, standardErrors, levels),
    intervalMethod: 'analytic',
    fitted,
    params,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Naive (random walk): every forecast is the last value. Needs ≥ 2 values (one residual). */
export function naiveForecast(values: readonly number[], options: ForecastOptions): Forecast {
  const caller = 'naiveForecast';
  const { horizon, levels } = checkForecastOptions(options, caller);
  const y = checkSeries(values, caller);
  const n = y.length;
  requireLength(n, 2, caller, 'one one-step residual for the interval width');
  const fitted: number[] = new Array(n);
  fitted[0] = Number.NaN;
  let sumSquares = 0;
  for (let t = 1; t < n; t++) {
    const prev = y[t - 1] as number;
    fitted[t] = prev;
    sumSquares += ((y[t] as number) - prev) ** 2;
  }
  const sigma = Math.sqrt(sumSquares / (n - 1));
  const last = y[n - 1] as number;
  const point = new Float64Array(horizon).fill(last);
  const se = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) se[h] = sigma * Math.sqrt(h + 1);
  return finish('naive', 'naive', point, se, fitted, levels, { sigma }, []);
}

/**
 * Seasonal naive: the value one season earlier. Needs ≥ seasonLength + 1 values; with
 * seasonLength 1 it is the naive forecast.
 */
export function seasonalNaiveForecast(values: readonly number[], options: ForecastOptions): Forecast {
  const caller = 'seasonalNaiveForecast';
  const { horizon, seasonLength: m, levels } = checkForecastOptions(options, caller);
  const y = checkSeries(values, caller);
  const n = y.length;
  requireLength(n, m + 1, caller, `one full season of ${m} plus one value for a seasonal residual`);
  const fitted: number[] = new Array(n);
  let sumSquares = 0;
  for (let t = 0; t < n; t++) {
    if (t < m) {
      fitted[t] = Number.NaN;
      continue;
    }
    const prev = y[t - m] as number;
    fitted[t] = prev;
    sumSquares += ((y[t] as number) - prev) ** 2;
  }
  const sigma = Math.sqrt(sumSquares / (n - m));
  const point = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const k = Math.floor((h - 1) / m);
    point[h - 1] = y[n - m + ((h - 1) % m)] as number;
    se[h - 1] = sigma * Math.sqrt(k + 1);
  }
  return finish('seasonal naive', 'snaive', point, se, fitted, levels, { sigma }, []);
}

/** Random walk with drift: the line through the first and last values, extended. Needs ≥ 3 values. */
export function driftForecast(values: readonly number[], options: ForecastOptions): Forecast {
  const caller = 'driftForecast';
  const { horizon, levels } = checkForecastOptions(options, caller);
  const y = checkSeries(values, caller);
  const n = y.length;
  requireLength(n, 3, caller, 'a slope and one degree of freedom for the residual variance');
  const slope = ((y[n - 1] as number) - (y[0] as number)) / (n - 1);
  const fitted: number[] = new Array(n);
  fitted[0] = Number.NaN;
  let sumSquares = 0;
  for (let t = 1; t < n; t++) {
    const f = (y[t - 1] as number) + slope;
    fitted[t] = f;
    sumSquares += ((y[t] as number) - f) ** 2;
  }
  const sigma = Math.sqrt(sumSquares / (n - 2));
  const last = y[n - 1] as number;
  const point = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    point[h - 1] = last + h * slope;
    se[h - 1] = sigma * Math.sqrt(h * (1 + h / (n - 1)));
  }
  return finish('drift', 'drift', point, se, fitted, levels, { slope, sigma }, []);
}

/** Mean of the history, flat. Needs ≥ 2 values (a sample standard deviation). */
export function meanForecast(values: readonly number[], options: ForecastOptions): Forecast {
  const caller = 'meanForecast';
  const { horizon, levels } = checkForecastOptions(options, caller);
  const y = checkSeries(values, caller);
  const n = y.length;
  requireLength(n, 2, caller, 'a sample standard deviation for the interval width');
  let average = 0;
  for (let t = 0; t < n; t++) average += ((y[t] as number) - average) / (t + 1);
  let sumSquares = 0;
  for (let t = 0; t < n; t++) sumSquares += ((y[t] as number) - average) ** 2;
  const sigma = Math.sqrt(sumSquares / (n - 1));
  const point = new Float64Array(horizon).fill(average);
  const se = new Float64Array(horizon).fill(sigma * Math.sqrt(1 + 1 / n));
  const fitted: number[] = new Array(n).fill(average);
  return finish('mean', 'mean', point, se, fitted, levels, { mean: average, sigma }, []);
}
