/** Customer lifetime value: BG/NBD purchase counts, Gamma-Gamma spend, discounted CLV, holdout validation. */

export { type BgNbdFit, type FitBgNbdOptions, fitBgNbd } from './bg-nbd.js';
export type { BgNbdParams, RepeatPurchaseData } from './bg-nbd-input.js';
export { bgNbdLogLikelihood } from './bg-nbd-likelihood.js';
export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesForCustomers,
  expectedPurchases,
  posteriorPurchaseRate,
  posteriorPurchaseRateForCustomers,
  probabilityAlive,
  probabilityAliveForCustomers,
  probabilityOfPurchases,
} from './bg-nbd-predict.js';
export {
  type BootstrapOptions,
  type BootstrapResult,
  bootstrapClvFits,
  type ParameterInterval,
} from './bootstrap.js';
export {
  type CalibrationBucket,
  type CalibrationOptions,
  type CalibrationReport,
  calibrationReport,
} from './calibration.js';
export {
  type ClvFitSettings,
  type ClvModels,
  type ClvScoreOptions,
  type ClvScores,
  fitClvModels,
  type SpendModel,
  scoreClv,
} from './clv-scores.js';
export {
  type CustomerValueData,
  type CustomerValueOptions,
  customerLifetimeValue,
  customerLifetimeValueIntervals,
  type ValueIntervalOptions,
  type ValueIntervals,
} from './customer-value.js';
export { customerLifetimeValueDeltaIntervals } from './customer-value-delta.js';
export {
  conditionalExpectedAverageSpend,
  conditionalExpectedAverageSpendForCustomers,
  type FitGammaGammaOptions,
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
  type SpendData,
} from './gamma-gamma.js';
export {
  type PurchaseSummary,
  type PurchaseTransaction,
  type SummarisePurchasesOptions,
  summarisePurchases,
  TIME_UNIT_DAYS,
  type TimeUnit,
} from './purchase-summary.js';
export { type SimulatedCustomers, simulateBgNbdGammaGamma } from './simulate.js';
