/** Experiments and campaigns: A/B-test statistics (frequentist, Bayesian, sequential), CUPED, bandits, campaign KPIs. */

export * from './analyze-experiment.js';
export {
  type ArmCounts,
  type BanditPolicy,
  type BanditSimulationOptions,
  type BanditSimulationResult,
  simulateBandit,
  thompsonAllocation,
  ucb1Choice,
} from './bandits.js';
export {
  type BayesianEffectOptions,
  type BayesianEffectResult,
  bayesianEffectFromEstimate,
  bayesianEffectTest,
  normalExpectedLoss,
} from './bayesian.js';
export {
  type BetaBinomialOptions,
  type BetaBinomialResult,
  type BetaBinomialVariant,
  betaBinomialTest,
  type ConversionCounts,
  type Interval as CredibleInterval,
} from './beta-binomial.js';
export * from './campaign-kpis.js';
export * from './corrections.js';
export {
  type CupedArm,
  type CupedResult,
  type CupedSums,
  cuped,
  cupedEffect,
  cupedFromSums,
} from './cuped.js';
export * from './expected-revenue.js';
export * from './frequentist.js';
export * from './funnel-pain-points.js';
export { checkGuardrails, guardrailWarnProbability, validateGuardrails } from './guardrails.js';
export * from './power.js';
export * from './segment-breakdown.js';
export {
  type ArmMoments,
  type DifferenceType,
  type EffectEstimate,
  estimateEffect,
  type MeanSums,
  meanMoments,
  proportionMoments,
  type SequentialOptions,
  type SequentialResult,
  sequentialRho,
  sequentialTest,
  sequentialTestFromEffect,
} from './sequential.js';
export * from './srm.js';
