/** Input and result types of analyzeExperiment (analyze-experiment.ts). */

import type { Interval } from './frequentist.js';

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface ProportionMetricInput {
  readonly key: string;
  readonly kind: 'proportion';
  readonly label?: Bilingual;
  /** Default true; false for metrics where less is better (refund rate, load time). */
  readonly higherIsBetter?: boolean;
  readonly variants: readonly {
    readonly variant: string;
    readonly conversions: number;
    readonly users: number;
  }[];
}

/** Pre-period covariate sums of one arm for CUPED: Σx, Σx², Σx·y over the same units. */
export interface PrePeriodSums {
  readonly sum: number;
  readonly sumSquares: number;
  readonly sumOfProducts: number;
}

export interface MeanMetricInput {
  readonly key: string;
  readonly kind: 'mean';
  readonly label?: Bilingual;
  /** Default true; false for metrics where less is better (refund rate, load time). */
  readonly higherIsBetter?: boolean;
  /** Shown after amounts, e.g. 'CNY'. */
  readonly unit?: string;
  readonly variants: readonly {
    readonly variant: string;
    readonly n: number;
    readonly sum: number;
    readonly sumSquares: number;
    /** CUPED is applied when every variant has pre-period sums. */
    readonly pre?: PrePeriodSums;
  }[];
}

export type MetricInput = ProportionMetricInput | MeanMetricInput;

export interface ExperimentAnalysisInput {
  readonly experiment: {
    readonly id: string;
    readonly name: string;
    readonly hypothesis?: string | null;
  };
  /** Variants with their exposed users (the SRM check). Control: `controlVariant`, else 'control', else first. */
  readonly variants: readonly { readonly name: string; readonly users: number }[];
  readonly controlVariant?: string;
  readonly metrics: readonly MetricInput[];
  /** Key of the metric the decision rests on; default the first metric. */
  readonly primaryMetric?: string | null;
  /** Metrics the change must not hurt (guardrails.ts); none by default. */
  readonly guardrails?: readonly GuardrailSetting[];
  /** Planned split (any positive scale); default equal. */
  readonly plannedWeights?: Readonly<Record<string, number>> | null;
  /** Significance level (and 1 − interval level); default 0.05. */
  readonly alpha?: number;
  /** Power of the MDE; default 0.8. */
  readonly power?: number;
  /** SRM p-value threshold; default 0.001. */
  readonly srmThreshold?: number;
  /** Sample size (both arms) where the sequential interval is tightest; default 5000 (gbstats). */
  readonly sequentialTuning?: number;
  /** Seed of the Monte-Carlo steps (k > 2 arms); default 1. */
  readonly seed?: number;
}

export interface GuardrailSetting {
  /** Key of one of the metrics. */
  readonly metric: string;
  /** Largest relative harm accepted, in [0, 1) (0.02 = a 2% drop, or rise for lower-is-better metrics); default 0. */
  readonly tolerance?: number;
}

export interface GuardrailCheck {
  readonly metric: string;
  readonly label: Bilingual;
  readonly variant: string;
  readonly tolerance: number;
  readonly status: 'pass' | 'warn' | 'fail' | 'not_testable';
  /** Relative change treatment / control − 1; null when not testable. */
  readonly change: number | null;
  /** The change in the harmful direction (positive = harm); null when not testable. */
  readonly harm: number | null;
  /** Raw two-sided p-value of the change (guardrails are not corrected). */
  readonly pValue: number | null;
  /** Bayesian probability that the variant is worse than control on this metric. */
  readonly probabilityOfHarm: number | null;
  readonly text: Bilingual;
}

export type Decision = 'ship' | 'do_not_ship' | 'no_detectable_difference' | 'untrustworthy' | 'not_testable';

export interface Verdict extends Bilingual {
  readonly decision: Decision;
}

export interface ArmSummary {
  readonly variant: string;
  readonly n: number;
  /** Conversions (proportions only). */
  readonly conversions: number | null;
  readonly mean: number;
  /** Wilson (proportions) or t interval (means) of the arm's mean; null for a mean arm with n < 2. */
  readonly ci: Interval | null;
  /** CUPED-adjusted mean (means with pre-period data only). */
  readonly adjustedMean: number | null;
  readonly probabilityBest: number | null;
  readonly expectedLoss: number | null;
}

export interface Comparison {
  readonly metric: string;
  readonly variant: string;
  readonly control: string;
  readonly testable: boolean;
  /** Why not testable (en/zh); null when testable. */
  readonly problem: Bilingual | null;
  readonly controlMean: number;
  readonly treatmentMean: number;
  readonly frequentist: {
    readonly test: 'two-proportion z-test' | 'Welch t-test' | 'Welch t-test (CUPED)';
    readonly statistic: number;
    readonly degreesOfFreedom: number | null;
    readonly pValue: number;
    readonly pValueHolm: number;
    readonly pValueBenjaminiHochberg: number;
    readonly significant: boolean;
    /** Difference and its interval: Wald (z-test) or Welch t; Newcombe when both rates are 0 or 1. */
    readonly absolute: { readonly estimate: number; readonly ci: Interval };
    /** Newcombe hybrid score interval of the difference (proportions). */
    readonly absoluteNewcombe: Interval | null;
    /** Null when the control mean is 0. */
    readonly relative: { readonly estimate: number; readonly ci: Interval; readonly pValue: number } | null;
  } | null;
  readonly bayesian: {
    readonly model: 'beta-binomial' | 'normal';
    readonly probabilityBetter: number;
    readonly probabilityBest: number;
    /** Expected loss of shipping this variant (vs the best arm), on the metric's scale. */
    readonly expectedLoss: number;
    readonly difference: Interval;
  } | null;
  readonly sequential: {
    readonly estimate: number;
    readonly ci: Interval;
    readonly pValue: number;
    readonly significant: boolean;
    readonly tuningParameter: number;
  } | null;
  readonly cuped: { readonly theta: number; readonly varianceReduction: number } | null;
  /** MDE at this sample size: absolute and relative to the control mean (null when undefined). */
  readonly minimumDetectableEffect: { readonly absolute: number; readonly relative: number | null } | null;
  readonly verdict: Verdict;
}

export interface MetricAnalysis {
  readonly key: string;
  readonly kind: 'proportion' | 'mean';
  readonly label: Bilingual;
  readonly unit: string | null;
  readonly primary: boolean;
  readonly higherIsBetter: boolean;
  readonly guardrail: boolean;
  readonly arms: readonly ArmSummary[];
  readonly comparisons: readonly Comparison[];
  readonly verdict: Verdict;
}

export interface ExperimentAnalysis {
  readonly experiment: { readonly id: string; readonly name: string; readonly hypothesis: string | null };
  readonly alpha: number;
  readonly power: number;
  readonly control: string;
  readonly variants: readonly {
    readonly name: string;
    readonly users: number;
    readonly plannedShare: number;
    readonly observedShare: number;
  }[];
  readonly srm: {
    readonly statistic: number;
    readonly degreesOfFreedom: number;
    readonly pValue: number;
    readonly threshold: number;
    readonly mismatch: boolean;
    readonly plannedWeights: 'declared' | 'equal';
    readonly verdict: Bilingual;
  };
  readonly primaryMetric: string;
  readonly corrections: {
    readonly method: 'holm';
    readonly reported: 'benjamini-hochberg';
    readonly family: number;
  };
  readonly metrics: readonly MetricAnalysis[];
  /** One check per (guardrail metric, treatment variant); empty without guardrails. */
  readonly guardrails: readonly GuardrailCheck[];
  readonly verdict: Verdict;
}
