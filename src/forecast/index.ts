/** Public API of the forecasting domain (other modules import only from here). */

// Was exported from hierarchy.ts before the kernel moved to src/stats; kept for API compatibility.
export { shrinkageIntensity } from '../stats/covariance-shrinkage.js';
export {
  type AccuracyOptions,
  type AccuracyReport,
  forecastAccuracy,
  type IntervalAccuracy,
  intervalAccuracy,
  naiveScale,
} from './accuracy.js';
export {
  type BacktestOptions,
  type BacktestPlan,
  type BacktestResult,
  type BacktestSummary,
  type BacktestWindow,
  backtest,
  backtestForecasts,
  evaluateBacktest,
  planBacktest,
} from './backtest.js';
export {
  type CheckedForecastOptions,
  checkForecastOptions,
  checkSeries,
  driftForecast,
  meanForecast,
  naiveForecast,
  normalIntervals,
  seasonalNaiveForecast,
} from './baselines.js';
export * from './calendar.js';
export {
  chineseNewYear,
  DAY_MS,
  easterSunday,
  FIRST_CALENDAR_YEAR,
  formatIsoDay,
  LAST_CALENDAR_YEAR,
  parseIsoDay,
  qingmingDate,
} from './calendar-dates.js';
export * from './calendar-features.js';
export { type ConformalQuantile, conformalQuantile, withConformalIntervals } from './conformal.js';
export {
  autocorrelation,
  type ClassicalDecomposition,
  centredMovingAverage,
  classicalDecomposition,
  type DecompositionType,
  type SeasonalityTest,
  testSeasonality,
} from './decompose.js';
export * from './demand-components.js';
export {
  type Candidate,
  type CombineMethod,
  type CombineOptions,
  combineForecasts,
  ensembleModel,
} from './ensemble.js';
export * from './ets/index.js';
export * from './forecast-series.js';
export type {
  Forecast,
  ForecastModel,
  ForecastOptions,
  IntervalMethod,
  PredictionInterval,
} from './forecast-types.js';
export * from './hierarchy.js';
export {
  type CrostonOptions,
  type CrostonVariant,
  crostonForecast,
  crostonModel,
  type TsbOptions,
  tsbForecast,
  tsbModel,
} from './intermittent.js';
export * from './inventory.js';
export * from './reconcile.js';
export * from './sales-plan.js';
export {
  type ModelSelection,
  type ScoreName,
  type ScoreRow,
  type SelectModelOptions,
  selectModel,
} from './select-model.js';
export { fitSimpleExponentialSmoothing, type SesFit, thetaForecast } from './theta.js';
export * from './tree-forecast.js';
