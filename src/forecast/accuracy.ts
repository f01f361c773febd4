import { InputError } from '../core/errors.js';
import { checkSeries } from './baselines.js';
import type { PredictionInterval } from './forecast-types.js';

/**
 * Forecast accuracy measures (Hyndman & Koehler 2006, "Another look at measures of forecast accuracy";
 * R forecast::accuracy; M3 and M5 competition definitions). With e_t = y_t − f_t over the test period:
 *
 *   bias (ME) = mean(e)                MAE = mean|e|               RMSE = √mean(e²)
 *   MAPE      = 100·mean|e/y|, periods with y = 0 skipped (and counted)
 *   sMAPE     = mean 200·|e|/(|y| + |f|), 0/0 counted as 0 (M3, Makridakis & Hibon 2000)
 *   MASE      = MAE / mean_{t>m}|x_t − x_{t−m}|  over the training series x (m = season length, as
 *               forecast::accuracy; lag 1 when the training series is not longer than m)
 *   RMSSE     = √( mean(e²) / mean_{t>1}(x_t − x_{t−1})² )  (M5; lag configurable)
 *   coverage  = share of y inside [lower, upper] per interval level
 *   Winkler   = mean of (u − l) + (2/α)(l − y)·[y < l] + (2/α)(y − u)·[y > u], α = 1 − level/100
 *               (the interval score of Gneiting & Raftery 2007; lower is better)
 * Scaled measures are undefined (undefined, never NaN) when the training scale is 0 (a constant history);
 * MAPE is undefined when every actual is 0.
 * Cost: O(n_test + n_train). Validation: accuracy.test.ts reproduces R forecast 8.20's accuracy() of
 * thetaf and snaive on AirPassengers to 6 digits.
 * Example: forecastAccuracy([3, 5], [2, 6], { training: [1, 2, 3] }) → mae 1, rmse 1, bias 0, mase 1.
 */

export interface AccuracyOptions {
  /** The in-sample series, for MASE and RMSSE (both omitted without it). */
  readonly training?: readonly number[];
  /** Lag of the MASE scale (default 1 here; pass the season length to match forecast::accuracy). */
  readonly seasonLength?: number;
  /** Lag of the RMSSE scale (default 1, as M5). */
  readonly rmsseLag?: number;
  /** Prediction intervals over the same periods, for coverage and the Winkler score. */
  readonly intervals?: readonly PredictionInterval[];
}

export interface IntervalAccuracy {
  readonly level: number;
  /** Share of actuals inside [lower, upper] (0..1). */
  readonly coverage: number;
  readonly winklerScore: number;
  readonly meanWidth: number;
}

export interface AccuracyReport {
  readonly count: number;
  readonly bias: number;
  readonly mae: number;
  readonly rmse: number;
  /** Percent; undefined when every actual is zero. */
  readonly mape: number | undefined;
  /** Periods skipped by MAPE because the actual was zero. */
  readonly mapeSkipped: number;
  /** Percent (0..200). */
  readonly smape: number;
  readonly mase: number | undefined;
  readonly rmsse: number | undefined;
  /** Lag actually used for the MASE scale. */
  readonly maseLag: number | undefined;
  readonly intervals: readonly IntervalAccuracy[];
}

function checkPair(actual: ArrayLike<number>, forecast: ArrayLike<number>, caller: string): void {
  checkSeries(actual, `${caller} (actual)`);
  checkSeries(forecast, `${caller} (forecast)`);
  if (actual.length !== forecast.length)
    throw new InputError(
      'invalid_argument',
      `${caller}: actual and forecast lengths differ (${actual.length} vs ${forecast.length})`,
    );
  if (actual.length === 0) throw new InputError('invalid_argument', `${caller} needs at least one period`);
}

/** Mean |x_t − x_{t−lag}| (power 1) or mean (x_t − x_{t−lag})² (power 2); undefined when lag ≥ n. */
export function naiveScale(training: ArrayLike<number>, lag: number, power: 1 | 2): number | undefined {
  const n = training.length;
  if (n <= lag) return undefined;
  let total = 0;
  for (let t = lag; t < n; t++) {
    const d = Math.abs((training[t] as number) - (training[t - lag] as number));
    total += power === 1 ? d : d * d;
  }
  return total / (n - lag);
}

/** Coverage, Winkler score and mean width of one interval against the actuals. */
export function intervalAccuracy(actual: ArrayLike<number>, interval: PredictionInterval): IntervalAccuracy {
  const n = actual.length;
  if (interval.lower.length !== n || interval.upper.length !== n)
    throw new InputError(
      'invalid_argument',
      `intervalAccuracy: the ${interval.level} % interval has ${interval.lower.length} steps, the actuals ${n}`,
    );
  const alpha = 1 - interval.level / 100;
  let inside = 0;
  let score = 0;
  let width = 0;
  for (let t = 0; t < n; t++) {
    const y = actual[t] as number;
    const l = interval.lower[t] as number;
    const u = interval.upper[t] as number;
    width += u - l;
    score += u - l;
    if (y < l) score += (2 / alpha) * (l - y);
    else if (y > u) score += (2 / alpha) * (y - u);
    else inside++;
  }
  return { level: interval.level, coverage: inside / n, winklerScore: score / n, meanWidth: width / n };
}

/** All measures of the file comment for one forecast against the actuals. */
export function forecastAccuracy(
  actual: readonly number[] | ArrayLike<number>,
  forecast: readonly number[] | ArrayLike<number>,
  options: AccuracyOptions = {},
): AccuracyReport {
  checkPair(actual, forecast, 'forecastAccuracy');
  const n = actual.length;
  let sumError = 0;
  let sumAbs = 0;
  let sumSquares = 0;
  let sumPercent = 0;
  let percentCount = 0;
  let sumSymmetric = 0;
  for (let t = 0; t < n; t++) {
    const y = actual[t] as number;
    const f = forecast[t] as number;
    const e = y - f;
    sumError += e;
    sumAbs += Math.abs(e);
    sumSquares += e * e;
    if (y !== 0) {
      sumPercent += Math.abs(e / y);
      percentCount++;
    }
    const denominator = Math.abs(y) + Math.abs(f);
    if (denominator > 0) sumSymmetric += (200 * Math.abs(e)) / denominator;
  }
  const mae = sumAbs / n;
  const mse = sumSquares / n;
  let mase: number | undefined;
  let rmsse: number | undefined;
  let maseLag: number | undefined;
  if (options.training) {
    const training = checkSeries(options.training, 'forecastAccuracy (training)');
    const m = options.seasonLength ?? 1;
    const rmsseLag = options.rmsseLag ?? 1;
    if (!Number.isInteger(m) || m < 1 || !Number.isInteger(rmsseLag) || rmsseLag < 1)
      throw new InputError(
        'invalid_argument',
        'forecastAccuracy: seasonLength and rmsseLag must be integers ≥ 1',
      );
    maseLag = training.length > m ? m : 1;
    const scale = naiveScale(training, maseLag, 1);
    if (scale !== undefined && scale > 0) mase = mae / scale;
    else maseLag = undefined;
    const squaredScale = naiveScale(training, rmsseLag, 2);
    if (squaredScale !== undefined && squaredScale > 0) rmsse = Math.sqrt(mse / squaredScale);
  }
  return {
    count: n,
    bias: sumError / n,
    mae,
    rmse: Math.sqrt(mse),
    mape: percentCount > 0 ? (100 * sumPercent) / percentCount : undefined,
    mapeSkipped: n - percentCount,
    smape: sumSymmetric / n,
    mase,
    rmsse,
    maseLag,
    intervals: (options.intervals ?? []).map((interval) => intervalAccuracy(actual, interval)),
  };
}
