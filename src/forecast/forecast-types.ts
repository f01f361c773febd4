/**
 * The shapes every forecasting model shares, so backtests, ensembles, the batch job and the report treat
 * models alike. A model is a pure function `(values, options) → Forecast`; values are equally spaced
 * periods (oldest first, gaps already zero-filled or rejected by the caller).
 */

/** Options every model takes. */
export interface ForecastOptions {
  /** Steps ahead to forecast (≥ 1). */
  readonly horizon: number;
  /** Periods per season (12 monthly, 7 daily with weekly pattern, 52 weekly; 1 = no seasonality). */
  readonly seasonLength: number;
  /** Interval levels in percent (default [80, 95]). */
  readonly levels?: readonly number[];
  /** Seed for simulation-based intervals (default 1). */
  readonly seed?: number;
}

/** A central prediction interval at one level, per step. */
export interface PredictionInterval {
  /** Percent, e.g. 80 or 95. */
  readonly level: number;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export type IntervalMethod = 'analytic' | 'simulation' | 'conformal' | 'none';

/** One model's forecast of one series. */
export interface Forecast {
  /** Display name with its form, e.g. 'ETS(M,Ad,M)', 'Theta', 'SBA', 'seasonal naive'. */
  readonly model: string;
  /** Model family key as in the registry (e.g. 'ets', 'theta', 'croston', 'snaive'). */
  readonly method: string;
  readonly point: readonly number[];
  readonly intervals: readonly PredictionInterval[];
  readonly intervalMethod: IntervalMethod;
  /** One-step-ahead in-sample fitted values (same length as the input; NaN where undefined, e.g. the first season of snaive). */
  readonly fitted: readonly number[];
  /** Fitted parameters by name (alpha, beta, gamma, phi, theta, …). */
  readonly params: Readonly<Record<string, number>>;
  /** Information criteria where the model has a likelihood. */
  readonly logLikelihood?: number;
  readonly aic?: number;
  readonly aicc?: number;
  readonly bic?: number;
  /** Why this form was chosen or what was skipped (e.g. 'multiplicative models skipped: non-positive values'). */
  readonly notes?: readonly string[];
}

/** A forecasting model: pure, deterministic for the same input and options. */
export type ForecastModel = (values: readonly number[], options: ForecastOptions) => Forecast;
