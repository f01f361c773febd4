import { InputError } from '../core/errors.js';
import { type AccuracyReport, forecastAccuracy } from './accuracy.js';
import { checkSeries } from './baselines.js';
import type { Forecast, ForecastModel } from './forecast-types.js';

/**
 * Rolling-origin evaluation ("time-series cross-validation", Tashman 2000; Hyndman & Athanasopoulos,
 * FPP3 §5.10): the model is refitted on values[0, origin) and forecasts values[origin, origin + horizon)
 * for `windows` origins spaced `step` apart, the last window ending at the end of the series:
 *   origin_w = n − horizon − (windows − 1 − w)·step,  w = 0..windows−1,  origin_0 ≥ minTrain.
 * Per window: the forecast, errors e = actual − point and the accuracy report (MASE scaled by that
 * window's training data, lag = seasonLength). Per step h: the residuals of every window (for conformal
 * intervals). Aggregates: MASE, sMAPE, RMSSE = mean over windows; bias, MAE, RMSE over all errors;
 * coverage and Winkler score per level over all windows and steps.
 * Defaults: windows 5, step 1, minTrain max(3, 2·seasonLength).
 * Cost: windows × the model's cost, plus O(windows·(n + horizon)) for the measures.
 * Example: backtest(y, naiveForecast, { horizon: 3, seasonLength: 1, windows: 2 }) fits on y[0..n−4) and
 * y[0..n−3).
 */

export interface BacktestOptions {
  readonly horizon: number;
  readonly seasonLength: number;
  /** Number of forecast origins (default 5). */
  readonly windows?: number;
  /** Periods between consecutive origins (default 1). */
  readonly step?: number;
  /** Training values required at the first origin (default max(3, 2·seasonLength)). */
  readonly minTrain?: number;
  /** Interval levels passed to the model and scored (default [80, 95]). */
  readonly levels?: readonly number[];
  readonly seed?: number;
}

export interface BacktestPlan {
  readonly horizon: number;
  readonly seasonLength: number;
  /** Training length of each window, ascending. */
  readonly origins: readonly number[];
  readonly levels: readonly number[];
  readonly seed: number;
}

export interface BacktestWindow {
  /** Training length (the forecast starts at this index). */
  readonly origin: number;
  readonly actual: readonly number[];
  readonly forecast: Forecast;
  /** actual − point, per step. */
  readonly errors: readonly number[];
  readonly accuracy: AccuracyReport;
}

export interface BacktestSummary {
  readonly mase: number | undefined;
  readonly smape: number;
  readonly rmsse: number | undefined;
  readonly bias: number;
  readonly mae: number;
  readonly rmse: number;
  readonly intervals: readonly {
    readonly level: number;
    readonly coverage: number;
    readonly winklerScore: number;
  }[];
}

export interface BacktestResult {
  readonly plan: BacktestPlan;
  readonly windows: readonly BacktestWindow[];
  /** residualsByStep[h][w] = actual − point at step h + 1 of window w. */
  readonly residualsByStep: readonly (readonly number[])[];
  readonly summary: BacktestSummary;
}

/** Validates the options against the series length and lists the origins; explains how many windows fit. */
export function planBacktest(length: number, options: BacktestOptions): BacktestPlan {
  const caller = 'backtest';
  const { horizon, seasonLength } = options;
  const windows = options.windows ?? 5;
  const step = options.step ?? 1;
  for (const [name, value] of [
    ['horizon', horizon],
    ['seasonLength', seasonLength],
    ['windows', windows],
    ['step', step],
  ] as const)
    if (!Number.isInteger(value) || value < 1)
      throw new InputError('invalid_argument', `${caller}: ${name} must be an integer ≥ 1, got ${value}`);
  const minTrain = options.minTrain ?? Math.max(3, 2 * seasonLength);
  if (!Number.isInteger(minTrain) || minTrain < 1)
    throw new InputError('invalid_argument', `${caller}: minTrain must be an integer ≥ 1, got ${minTrain}`);
  const levels = options.levels ?? [80, 95];
  for (const level of levels)
    if (!(level > 0 && level < 100))
      throw new InputError(
        'invalid_argument',
        `${caller}: interval levels must be in (0, 100), got ${level}`,
      );
  const first = length - horizon - (windows - 1) * step;
  if (first < minTrain) {
    const fit = length - horizon >= minTrain ? Math.floor((length - horizon - minTrain) / step) + 1 : 0;
    throw new InputError(
      'insufficient_data',
      `${caller}: ${windows} windows of horizon ${horizon} with step ${step} need at least ${minTrain + horizon + (windows - 1) * step} values (minTrain ${minTrain}), the series has ${length}; ${fit} window${fit === 1 ? '' : 's'} fit`,
      {
        hint:
          fit > 0
            ? `use windows: ${fit} or fewer`
            : 'shorten the horizon or minTrain, or supply more history',
      },
    );
  }
  const origins: number[] = [];
  for (let w = 0; w < windows; w++) origins.push(first + w * step);
  return { horizon, seasonLength, origins, levels, seed: options.seed ?? 1 };
}

/**
 * Scores forecasts already made for the plan's windows (one per origin, in order): used by `backtest`
 * and by ensembles, which combine their members' window forecasts without refitting.
 */
export function evaluateBacktest(
  values: readonly number[] | ArrayLike<number>,
  plan: BacktestPlan,
  forecasts: readonly Forecast[],
): BacktestResult {
  const y = checkSeries(values, 'evaluateBacktest');
  if (forecasts.length !== plan.origins.length)
    throw new InputError(
      'invalid_argument',
      `evaluateBacktest: ${forecasts.length} forecasts for ${plan.origins.length} windows`,
    );
  const { horizon } = plan;
  const residualsByStep: number[][] = Array.from({ length: horizon }, () => []);
  const windows: BacktestWindow[] = [];
  let sumError = 0;
  let sumAbs = 0;
  let sumSquares = 0;
  let maseTotal = 0;
  let maseCount = 0;
  let rmsseTotal = 0;
  let rmsseCount = 0;
  let smapeTotal = 0;
  const intervalTotals = new Map<number, { inside: number; winkler: number; count: number }>();
  plan.origins.forEach((origin, w) => {
    const forecast = forecasts[w] as Forecast;
    if (forecast.point.length < horizon)
      throw new InputError(
        'invalid_argument',
        `evaluateBacktest: window ${w} forecast has ${forecast.point.length} steps, the horizon is ${horizon}`,
      );
    const actual = Array.from(y.subarray(origin, origin + horizon));
    const point = forecast.point.slice(0, horizon);
    const intervals = forecast.intervals.map((interval) => ({
      level: interval.level,
      lower: interval.lower.slice(0, horizon),
      upper: interval.upper.slice(0, horizon),
    }));
    const accuracy = forecastAccuracy(actual, point, {
      training: Array.from(y.subarray(0, origin)),
      seasonLength: plan.seasonLength,
      intervals,
    });
    const errors: number[] = new Array(horizon);
    for (let h = 0; h < horizon; h++) {
      const e = (actual[h] as number) - (point[h] as number);
      errors[h] = e;
      (residualsByStep[h] as number[]).push(e);
      sumError += e;
      sumAbs += Math.abs(e);
      sumSquares += e * e;
    }
    if (accuracy.mase !== undefined) {
      maseTotal += accuracy.mase;
      maseCount++;
    }
    if (accuracy.rmsse !== undefined) {
      rmsseTotal += accuracy.rmsse;
      rmsseCount++;
    }
    smapeTotal += accuracy.smape;
    for (const item of accuracy.intervals) {
      const total = intervalTotals.get(item.level) ?? { inside: 0, winkler: 0, count: 0 };
      total.inside += item.coverage * horizon;
      total.winkler += item.winklerScore * horizon;
      total.count += horizon;
      intervalTotals.set(item.level, total);
    }
    windows.push({ origin, actual, forecast, errors, accuracy });
  });
  const count = plan.origins.length * horizon;
  const summary: BacktestSummary = {
    mase: maseCount > 0 ? maseTotal / maseCount : undefined,
    smape: smapeTotal / plan.origins.length,
    rmsse: rmsseCount > 0 ? rmsseTotal / rmsseCount : undefined,
    bias: sumError / count,
    mae: sumAbs / count,
    rmse: Math.sqrt(sumSquares / count),
    intervals: [...intervalTotals].map(([level, total]) => ({
      level,
      coverage: total.inside / total.count,
      winklerScore: total.winkler / total.count,
    })),
  };
  return { plan, windows, residualsByStep, summary };
}

/** Forecasts of `model` at every origin of the plan; model errors are rethrown naming the window. */
export function backtestForecasts(
  values: readonly number[] | ArrayLike<number>,
  model: ForecastModel,
  plan: BacktestPlan,
): Forecast[] {
  const y = checkSeries(values, 'backtest');
  return plan.origins.map((origin, w) => {
    try {
      return model(Array.from(y.subarray(0, origin)), {
        horizon: plan.horizon,
        seasonLength: plan.seasonLength,
        levels: plan.levels,
        seed: plan.seed,
      });
    } catch (error) {
      if (error instanceof InputError)
        throw new InputError(
          error.code,
          `backtest window ${w} (training length ${origin}): ${error.message}`,
          {
            cause: error,
            ...(error.hint ? { hint: error.hint } : {}),
          },
        );
      throw error;
    }
  });
}

/** Rolling-origin backtest of one model (see the file comment). */
export function backtest(
  values: readonly number[] | ArrayLike<number>,
  model: ForecastModel,
  options: BacktestOptions,
): BacktestResult {
  const y = checkSeries(values, 'backtest');
  const plan = planBacktest(y.length, options);
  return evaluateBacktest(y, plan, backtestForecasts(y, model, plan));
}
