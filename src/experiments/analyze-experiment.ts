import { InputError } from '../core/errors.js';
import { createRng, normal } from '../core/random.js';
import { standardNormalSurvival, studentTQuantile } from '../stats/distributions.js';
import { bayesianEffectFromEstimate, betaBinomialTest } from './bayesian.js';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections.js';
import { cupedEffect, cupedFromSums } from './cuped.js';
import {
  type Interval,
  newcombeInterval,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
} from './frequentist.js';
import { meansMinimumDetectableEffect, proportionsMinimumDetectableEffect } from './power.js';
import {
  type ArmMoments,
  type EffectEstimate,
  estimateEffect,
  meanMoments,
  proportionMoments,
  sequentialTestFromEffect,
} from './sequential.js';
import { sampleRatioMismatchTest } from './srm.js';

/**
 * Experiment analysis — one results object per A/B(/n) test, from per-variant sufficient statistics.
 *
 * For every metric × treatment variant (each compared with the control):
 *   frequentist  proportions: two-proportion z-test (pooled), Wald and Newcombe intervals of the difference;
 *                means: Welch t-test; relative lift t/c − 1 with a delta-method interval (frequentist.ts).
 *                With pre-period sums on a mean metric, CUPED (Deng et al. 2013) adjusts the metric first:
 *                Welch on the adjusted moments, relative lift by gbstats' CUPED delta method.
 *   Bayesian     proportions: beta-binomial, Beta(1, 1) prior (bayesian.ts) — P(best) over all arms, expected
 *                loss E[max_j p_j − p_i], credible interval of the difference;
 *                means: flat-prior normal model on the effect (gbstats) — P(better than control), expected
 *                loss of shipping; P(best) and loss against the best arm by seeded Monte Carlo over the arms'
 *                normal posteriors N(x̄_i, s²_i/n_i) when there are more than two arms.
 *   sequential   always-valid (GAVI mixture) interval and p-value of the absolute difference (sequential.ts),
 *                valid however often the test was looked at.
 *   corrections  Holm-adjusted p-values over the family of all testable metric × variant comparisons
 *                (family-wise error ≤ α); Benjamini–Hochberg reported alongside.
 *   power        minimum detectable effect (MDE) at this sample size: 80% power (default), nominal α,
 *                two-sided, control:treatment ratio as observed (power.ts).
 *   SRM          chi-square of users per variant against the planned weights (equal when none are given),
 *                threshold p < 0.001.
 *
 * Verdict rules (per comparison; written in en and zh):
 *   1. SRM mismatch                   → 'untrustworthy': "Don't trust this result" (split and SRM p named).
 *   2. test undefined (e.g. no conversions in either arm, constant metric, n < 2)
 *                                     → 'not_testable' with the reason.
 *   3. Holm p < α, lift > 0           → 'ship': "V raises M by X (a → b, 95% CI l–u; p = … after Holm). Ship it."
 *   4. Holm p < α, lift < 0           → 'do_not_ship': "V lowers M by X (…). Don't ship it."
 *   5. otherwise                      → 'no_detectable_difference': "No detectable difference …; the MDE at this
 *                                        sample size is X (80% power)" (+ "significant only before correction"
 *                                        when the raw p < α).
 *   Higher is better for every metric. A metric's verdict: 'ship' when some variant ships (the largest
 *   significant lift is named), else 'do_not_ship' when some variant is significantly worse, else the
 *   comparisons' common decision. The overall verdict is the primary metric's (default: the first metric),
 *   SRM first; a significant drop in another metric is added as a warning.
 *
 * Bad input → InputError: fewer than two variants, a variant with no users, an unknown control, a metric that
 * misses a variant, conversions outside [0, users], non-finite sums. Degenerate but valid data (zero
 * conversions, constant revenue) gives 'not_testable' comparisons with null statistics, never NaN.
 * Cost: O(k) per metric plus the beta-binomial integration (a few ms per two-arm metric; Monte Carlo with
 * `samples` draws per arm for k > 2).
 * References: see the modules named above; Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments (2020),
 * ch. 3 (SRM) and ch. 17 (multiple comparisons).
 *
 * @example
 * analyzeExperiment({
 *   experiment: { id: 'exp', name: 'One-page checkout' },
 *   variants: [{ name: 'control', users: 2000 }, { name: 'one_page', users: 2000 }],
 *   metrics: [{ key: 'conversion_rate', kind: 'proportion', variants: [
 *     { variant: 'control', conversions: 204, users: 2000 }, { variant: 'one_page', conversions: 254, users: 2000 }] }],
 * }).verdict.en
 * // → "one_page raises the conversion rate by 2.5 points (+24.5%; 10.2% → 12.7%, 95% CI 0.5–4.5 points;
 * //    p = 0.013 after Holm). Ship it."
 */

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface ProportionMetricInput {
  readonly key: string;
  readonly kind: 'proportion';
  readonly label?: Bilingual;
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
  readonly verdict: Verdict;
}

const defaultLabels: Readonly<Record<string, Bilingual>> = {
  conversion_rate: { en: 'conversion rate', zh: '转化率' },
  revenue_per_user: { en: 'revenue per user', zh: '人均收入' },
};

// ------------------------------------------------------------------------------------------- formatting

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const points = (x: number): string => (x * 100).toFixed(1);
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
const minus = (s: string): string => s.replace(/^-/, '−');

function amount(x: number): string {
  const digits = Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return minus(x.toFixed(digits));
}

export function formatPValue(p: number): string {
  if (p < 0.001) return '< 0.001';
  return `= ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}

function range(lower: string, upper: string, zh: boolean): string {
  const negative = lower.startsWith('−') || upper.startsWith('−');
  return negative ? `${lower}${zh ? ' 至 ' : ' to '}${upper}` : `${lower}–${upper}`;
}

interface Formatter {
  value(x: number): string;
  /** A difference of values: en and zh (e.g. "2.5 points" / "2.5 个百分点"). */
  diff(x: number): Bilingual;
  interval(ci: Interval): Bilingual;
}

function formatterFor(kind: 'proportion' | 'mean', unit: string | null): Formatter {
  if (kind === 'proportion')
    return {
      value: percent,
      diff: (x) => ({ en: `${minus(points(x))} points`, zh: `${minus(points(x))} 个百分点` }),
      interval: (ci) => {
        const l = minus(points(ci.lower));
        const u = minus(points(ci.upper));
        return { en: `${range(l, u, false)} points`, zh: `${range(l, u, true)} 个百分点` };
      },
    };
  const suffix = unit ? ` ${unit}` : '';
  return {
    value: (x) => `${amount(x)}${suffix}`,
    diff: (x) => ({ en: `${amount(x)}${suffix}`, zh: `${amount(x)}${suffix}` }),
    interval: (ci) => ({
      en: `${range(amount(ci.lower), amount(ci.upper), false)}${suffix}`,
      zh: `${range(amount(ci.lower), amount(ci.upper), true)}${suffix}`,
    }),
  };
}

// ------------------------------------------------------------------------------------------- validation

function requireFiniteNumber(value: number, what: string): void {
  if (!Number.isFinite(value))
    throw new InputError(
      'invalid_argument',
      `analyzeExperiment: ${what} must be a finite number, got ${value}`,
    );
}

interface ResolvedVariants {
  readonly order: readonly string[];
  readonly control: string;
}

function resolveVariants(input: ExperimentAnalysisInput): ResolvedVariants {
  const names = input.variants.map((v) => v.name);
  if (names.length < 2)
    throw new InputError(
      'insufficient_data',
      `analyzeExperiment: experiment "${input.experiment.id}" needs at least two variants, got ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`,
      { hint: 'check the assignments: every variant needs exposed users' },
    );
  if (new Set(names).size !== names.length)
    throw new InputError('invalid_argument', `analyzeExperiment: variant names repeat: ${names.join(', ')}`);
  for (const v of input.variants)
    if (!(Number.isInteger(v.users) && v.users > 0))
      throw new InputError(
        'insufficient_data',
        `analyzeExperiment: variant "${v.name}" has ${v.users} users; a variant with no users cannot be compared`,
        { hint: 'drop the variant, or check the assignment and exposure logging' },
      );
  const control = input.controlVariant ?? (names.includes('control') ? 'control' : (names[0] as string));
  if (!names.includes(control))
    throw new InputError(
      'invalid_argument',
      `analyzeExperiment: the control variant "${control}" is not among the variants (${names.join(', ')})`,
    );
  return { order: [control, ...names.filter((n) => n !== control)], control };
}

// ------------------------------------------------------------------------------------------- per metric

interface RawComparison {
  readonly variant: string;
  readonly controlMean: number;
  readonly treatmentMean: number;
  readonly problem: Bilingual | null;
  readonly frequentist: Omit<
    NonNullable<Comparison['frequentist']>,
    'pValueHolm' | 'pValueBenjaminiHochberg' | 'significant'
  > | null;
  readonly bayesian: Comparison['bayesian'];
  readonly sequential: Comparison['sequential'];
  readonly cuped: Comparison['cuped'];
  readonly minimumDetectableEffect: Comparison['minimumDetectableEffect'];
}

interface RawMetric {
  readonly input: MetricInput;
  readonly arms: ArmSummary[];
  readonly comparisons: RawComparison[];
}

interface Settings {
  readonly alpha: number;
  readonly power: number;
  readonly sequentialTuning: number;
  readonly seed: number;
}

/** Runs `f`; an InputError (a degenerate but valid case) becomes null and its message is kept. */
function attempt<T>(f: () => T, problems: string[]): T | null {
  try {
    return f();
  } catch (error) {
    if (error instanceof InputError) {
      problems.push(error.message);
      return null;
    }
    throw error;
  }
}

function notTestableReason(problems: readonly string[], kind: 'proportion' | 'mean'): Bilingual {
  const first = problems[0] ?? 'the test is undefined';
  if (/rate of|zero variance|no variation|no error/.test(first))
    return kind === 'proportion'
      ? {
          en: 'both arms have the same all-or-nothing conversion rate (e.g. no conversions yet), so there is nothing to test',
          zh: '两组转化率同为 0（或同为 100%），无法检验',
        }
      : {
          en: 'the metric is constant in both arms, so there is nothing to test',
          zh: '该指标在两组中均为常数，无法检验',
        };
  if (/at least 2|n ≥ 2|n = 1|needs at least 2/.test(first))
    return { en: 'an arm has fewer than 2 users', zh: '某一组用户少于 2 人' };
  return { en: first, zh: `无法检验：${first}` };
}

function analyzeProportionMetric(
  metric: ProportionMetricInput,
  order: readonly string[],
  settings: Settings,
): RawMetric {
  const byVariant = new Map(metric.variants.map((v) => [v.variant, v]));
  const arms = order.map((name) => {
    const v = byVariant.get(name);
    if (!v)
      throw new InputError(
        'invalid_argument',
        `analyzeExperiment: metric "${metric.key}" has no data for variant "${name}"`,
      );
    if (!(Number.isInteger(v.users) && v.users > 0))
      throw new InputError(
        'insufficient_data',
        `analyzeExperiment: metric "${metric.key}", variant "${name}" has ${v.users} users; a variant with no users cannot be compared`,
      );
    if (!(Number.isInteger(v.conversions) && v.conversions >= 0 && v.conversions <= v.users))
      throw new InputError(
        'invalid_argument',
        `analyzeExperiment: metric "${metric.key}", variant "${name}": conversions must be a whole number in [0, ${v.users}], got ${v.conversions}`,
      );
    return v;
  });
  const level = 1 - settings.alpha;
  const bayes = betaBinomialTest(
    arms.map((a) => ({ name: a.variant, users: a.users, conversions: a.conversions })),
    { credibleLevel: level, seed: settings.seed },
  );
  const control = arms[0] as (typeof arms)[number];
  const summaries: ArmSummary[] = arms.map((a, i) => ({
    variant: a.variant,
    n: a.users,
    conversions: a.conversions,
    mean: a.conversions / a.users,
    ci: wilsonInterval(a, level),
    adjustedMean: null,
    probabilityBest: bayes.variants[i]?.probabilityBest ?? null,
    expectedLoss: bayes.variants[i]?.expectedLoss ?? null,
  }));
  const comparisons = arms.slice(1).map((arm, index): RawComparison => {
    const problems: string[] = [];
    const controlMean = control.conversions / control.users;
    const treatmentMean = arm.conversions / arm.users;
    const z = attempt(() => twoProportionZTest(control, arm, { confidenceLevel: level }), problems);
    const effect = attempt(
      () =>
        estimateEffect(
          proportionMoments(control.conversions, control.users),
          proportionMoments(arm.conversions, arm.users),
          'absolute',
        ),
      problems,
    );
    const sequential = effect
      ? attempt(() => sequentialTestFromEffect(effect, sequentialOptions(settings)), problems)
      : null;
    const posterior = bayes.variants[index + 1];
    const mde =
      controlMean > 0 && controlMean < 1
        ? attempt(
            () =>
              proportionsMinimumDetectableEffect(controlMean, arm.users, settings.power, {
                alpha: settings.alpha,
                ratio: control.users / arm.users,
              }),
            [],
          )
        : null;
    return {
      variant: arm.variant,
      controlMean,
      treatmentMean,
      problem: z ? null : notTestableReason(problems, 'proportion'),
      frequentist: z && {
        test: z.test,
        statistic: z.statistic,
        degreesOfFreedom: null,
        pValue: z.pValue,
        // Both rates 0 or 1 make the Wald interval a point: the Newcombe interval stands in.
        absolute: {
          estimate: z.difference,
          ci: z.standardError > 0 ? z.ci : newcombeInterval(control, arm, level),
        },
        absoluteNewcombe: newcombeInterval(control, arm, level),
        relative: z.relative && {
          estimate: z.relative.estimate,
          ci: z.relative.ci,
          pValue: z.relative.pValue,
        },
      },
      bayesian: posterior?.versusControl
        ? {
            model: 'beta-binomial',
            probabilityBetter: posterior.versusControl.probabilityBetter,
            probabilityBest: posterior.probabilityBest,
            expectedLoss: posterior.expectedLoss,
            difference: posterior.versusControl.difference,
          }
        : null,
      sequential: sequential && {
        estimate: sequential.pointEstimate,
        ci: { lower: sequential.lower, upper: sequential.upper },
        pValue: sequential.pValue,
        significant: sequential.significant,
        tuningParameter: sequential.tuningParameter,
      },
      cuped: null,
      minimumDetectableEffect:
        mde === null ? null : { absolute: mde, relative: controlMean > 0 ? mde / controlMean : null },
    };
  });
  return { input: metric, arms: summaries, comparisons };
}

function sequentialOptions(settings: Settings) {
  return { alpha: settings.alpha, tuningParameter: settings.sequentialTuning };
}

/** P(best) and E[max_j μ_j − μ_i] under independent normal posteriors N(mean_i, se_i²), seeded Monte Carlo. */
function normalProbabilityBest(
  means: readonly number[],
  standardErrors: readonly number[],
  seed: number,
  samples = 20000,
): { best: number[]; loss: number[] } {
  const k = means.length;
  const rng = createRng(seed);
  const wins = new Array<number>(k).fill(0);
  const loss = new Array<number>(k).fill(0);
  const draw = new Array<number>(k).fill(0);
  for (let s = 0; s < samples; s++) {
    let top = 0;
    for (let i = 0; i < k; i++) {
      draw[i] = normal(rng, means[i] as number, standardErrors[i] as number);
      if ((draw[i] as number) > (draw[top] as number)) top = i;
    }
    wins[top] = (wins[top] as number) + 1;
    for (let i = 0; i < k; i++) loss[i] = (loss[i] as number) + (draw[top] as number) - (draw[i] as number);
  }
  return { best: wins.map((w) => w / samples), loss: loss.map((l) => l / samples) };
}

function analyzeMeanMetric(metric: MeanMetricInput, order: readonly string[], settings: Settings): RawMetric {
  const byVariant = new Map(metric.variants.map((v) => [v.variant, v]));
  const arms = order.map((name) => {
    const v = byVariant.get(name);
    if (!v)
      throw new InputError(
        'invalid_argument',
        `analyzeExperiment: metric "${metric.key}" has no data for variant "${name}"`,
      );
    if (!(Number.isInteger(v.n) && v.n > 0))
      throw new InputError(
        'insufficient_data',
        `analyzeExperiment: metric "${metric.key}", variant "${name}" has n = ${v.n}; a variant with no users cannot be compared`,
      );
    requireFiniteNumber(v.sum, `metric "${metric.key}", variant "${name}" sum`);
    requireFiniteNumber(v.sumSquares, `metric "${metric.key}", variant "${name}" sumSquares`);
    if (v.pre) {
      requireFiniteNumber(v.pre.sum, `metric "${metric.key}", variant "${name}" pre.sum`);
      requireFiniteNumber(v.pre.sumSquares, `metric "${metric.key}", variant "${name}" pre.sumSquares`);
      requireFiniteNumber(v.pre.sumOfProducts, `metric "${metric.key}", variant "${name}" pre.sumOfProducts`);
    }
    return v;
  });
  const useCuped = arms.every((a) => a.pre !== undefined);
  const level = 1 - settings.alpha;
  const moments = arms.map((a) => meanMoments({ n: a.n, sum: a.sum, sumSquares: a.sumSquares }));
  const control = arms[0] as (typeof arms)[number];
  const controlMoments = moments[0] as ArmMoments;
  const cupedSums = (a: (typeof arms)[number]) => ({
    post: { n: a.n, sum: a.sum, sumSquares: a.sumSquares },
    pre: { n: a.n, sum: a.pre?.sum ?? 0, sumSquares: a.pre?.sumSquares ?? 0 },
    sumOfProducts: a.pre?.sumOfProducts ?? 0,
  });

  const comparisons = arms
    .slice(1)
    .map(
      (arm, index): RawComparison & { adjustedMean: number | null; controlAdjustedMean: number | null } => {
        const problems: string[] = [];
        const treatmentMoments = moments[index + 1] as ArmMoments;
        const cuped = useCuped
          ? attempt(() => cupedFromSums(cupedSums(control), cupedSums(arm)), problems)
          : null;
        const c: ArmMoments = cuped ? cuped.control : controlMoments;
        const t: ArmMoments = cuped ? cuped.treatment : treatmentMoments;
        const welch = attempt(() => welchTTest(c, t, { confidenceLevel: level }), problems);
        const absoluteEffect: EffectEstimate | null = cuped
          ? attempt(() => cupedEffect(cuped, 'absolute'), problems)
          : attempt(() => estimateEffect(c, t, 'absolute'), problems);
        const relativeEffect: EffectEstimate | null = cuped
          ? attempt(() => cupedEffect(cuped, 'relative'), [])
          : attempt(() => estimateEffect(c, t, 'relative'), []);
        let relative: NonNullable<RawComparison['frequentist']>['relative'] = welch?.relative ?? null;
        if (cuped && welch && relativeEffect && relativeEffect.standardError > 0) {
          const q = studentTQuantile(1 - settings.alpha / 2, welch.degreesOfFreedom as number);
          const half = q * relativeEffect.standardError;
          const zRelative = Math.abs(relativeEffect.pointEstimate / relativeEffect.standardError);
          relative = {
            estimate: relativeEffect.pointEstimate,
            ci: { lower: relativeEffect.pointEstimate - half, upper: relativeEffect.pointEstimate + half },
            pValue: Math.min(1, 2 * standardNormalSurvival(zRelative)),
          };
        }
        const sequential = absoluteEffect
          ? attempt(() => sequentialTestFromEffect(absoluteEffect, sequentialOptions(settings)), problems)
          : null;
        const bayes = absoluteEffect
          ? attempt(() => bayesianEffectFromEstimate(absoluteEffect, { alpha: settings.alpha }), problems)
          : null;
        const pooledVariance = (c.variance * (c.n - 1) + t.variance * (t.n - 1)) / Math.max(1, c.n + t.n - 2);
        const mde =
          pooledVariance > 0
            ? attempt(
                () =>
                  meansMinimumDetectableEffect(Math.sqrt(pooledVariance), arm.n, settings.power, {
                    alpha: settings.alpha,
                    ratio: control.n / arm.n,
                  }),
                [],
              )
            : null;
        const baseline = controlMoments.mean;
        return {
          variant: arm.variant,
          controlMean: controlMoments.mean,
          treatmentMean: treatmentMoments.mean,
          adjustedMean: cuped ? cuped.treatment.mean : null,
          controlAdjustedMean: cuped ? cuped.control.mean : null,
          problem: welch && bayes ? null : notTestableReason(problems, 'mean'),
          frequentist: welch && {
            test: cuped ? 'Welch t-test (CUPED)' : 'Welch t-test',
            statistic: welch.statistic,
            degreesOfFreedom: welch.degreesOfFreedom,
            pValue: welch.pValue,
            absolute: { estimate: welch.difference, ci: welch.ci },
            absoluteNewcombe: null,
            relative: relative && { estimate: relative.estimate, ci: relative.ci, pValue: relative.pValue },
          },
          bayesian: bayes && {
            model: 'normal',
            probabilityBetter: bayes.chanceToWin,
            probabilityBest: bayes.chanceToWin,
            expectedLoss: bayes.risk.treatment,
            difference: { lower: bayes.lower, upper: bayes.upper },
          },
          sequential: sequential && {
            estimate: sequential.pointEstimate,
            ci: { lower: sequential.lower, upper: sequential.upper },
            pValue: sequential.pValue,
            significant: sequential.significant,
            tuningParameter: sequential.tuningParameter,
          },
          cuped: cuped && { theta: cuped.theta, varianceReduction: cuped.varianceReduction },
          minimumDetectableEffect:
            mde === null
              ? null
              : { absolute: mde, relative: baseline !== 0 ? mde / Math.abs(baseline) : null },
        };
      },
    );

  // P(best) and loss over all arms: closed form for two arms, Monte Carlo beyond.
  const standardErrors = moments.map((m) => Math.sqrt(m.variance / m.n));
  const canRank = standardErrors.every((s) => s > 0);
  let best: number[] | null = null;
  let loss: number[] | null = null;
  if (arms.length === 2) {
    const b = comparisons[0]?.bayesian;
    if (b) {
      best = [1 - b.probabilityBest, b.probabilityBest];
      // Normal posterior: E[(Δ)⁺] = E[(−Δ)⁺] + E[Δ], and the interval is centred on E[Δ].
      loss = [b.expectedLoss + (b.difference.lower + b.difference.upper) / 2, b.expectedLoss];
    }
  } else if (canRank) {
    // Unadjusted means and standard errors (a CUPED θ is pooled per pair, not over all arms).
    const mc = normalProbabilityBest(
      moments.map((m) => m.mean),
      standardErrors,
      settings.seed,
    );
    best = mc.best;
    loss = mc.loss;
  }
  const summaries: ArmSummary[] = arms.map((a, i) => {
    const m = moments[i] as ArmMoments;
    const halfWidth =
      m.n >= 2 && m.variance > 0
        ? studentTQuantile(1 - settings.alpha / 2, m.n - 1) * Math.sqrt(m.variance / m.n)
        : null;
    return {
      variant: a.variant,
      n: a.n,
      conversions: null,
      mean: m.mean,
      ci: halfWidth === null ? null : { lower: m.mean - halfWidth, upper: m.mean + halfWidth },
      adjustedMean:
        i === 0 ? (comparisons[0]?.controlAdjustedMean ?? null) : (comparisons[i - 1]?.adjustedMean ?? null),
      probabilityBest: best?.[i] ?? null,
      expectedLoss: loss?.[i] ?? null,
    };
  });
  const ranked = comparisons.map((c, i) =>
    arms.length > 2 && c.bayesian && best && loss
      ? {
          ...c,
          bayesian: {
            ...c.bayesian,
            probabilityBest: best[i + 1] as number,
            expectedLoss: loss[i + 1] as number,
          },
        }
      : c,
  );
  return { input: metric, arms: summaries, comparisons: ranked };
}

// ------------------------------------------------------------------------------------------- verdicts

function comparisonVerdict(
  c: RawComparison,
  holm: number | null,
  metric: { label: Bilingual; kind: 'proportion' | 'mean'; unit: string | null },
  alpha: number,
  power: number,
  srmVerdict: Bilingual | null,
): Verdict {
  if (srmVerdict) return { decision: 'untrustworthy', ...srmVerdict };
  const format = formatterFor(metric.kind, metric.unit);
  const labelEn = metric.label.en;
  // Chinese text puts a space between CJK and Latin letters or digits.
  const labelZh = metric.label.zh.replace(/^(?=[\x21-\x7e])/, ' ').replace(/(?<=[\x21-\x7e])$/, ' ');
  if (!c.frequentist || holm === null)
    return {
      decision: 'not_testable',
      en: `${c.variant} vs control on the ${labelEn}: cannot be tested — ${c.problem?.en ?? 'the test is undefined'}.`,
      zh: `${c.variant} 与对照组的${labelZh}无法检验：${c.problem?.zh ?? '检验无定义'}。`,
    };
  const f = c.frequentist;
  const level = `${Math.round((1 - alpha) * 100)}%`;
  const ci = format.interval(f.absolute.ci);
  const from = format.value(c.controlMean);
  const to = format.value(c.treatmentMean);
  const rel = f.relative ? `${signed(f.relative.estimate)}; ` : '';
  const relZh = f.relative ? `${signed(f.relative.estimate)}；` : '';
  const p = formatPValue(holm);
  if (holm < alpha) {
    const up = f.absolute.estimate > 0;
    const size = format.diff(Math.abs(f.absolute.estimate));
    return up
      ? {
          decision: 'ship',
          en: `${c.variant} raises the ${labelEn} by ${size.en} (${rel}${from} → ${to}, ${level} CI ${ci.en}; p ${p} after Holm). Ship it.`,
          zh: `${c.variant} 使${labelZh}提高 ${size.zh}（${relZh}${from} → ${to}，${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。建议上线。`,
        }
      : {
          decision: 'do_not_ship',
          en: `${c.variant} lowers the ${labelEn} by ${size.en} (${rel}${from} → ${to}, ${level} CI ${ci.en}; p ${p} after Holm). Don't ship it.`,
          zh: `${c.variant} 使${labelZh}降低 ${size.zh}（${relZh}${from} → ${to}，${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。不建议上线。`,
        };
  }
  const mde = c.minimumDetectableEffect;
  const mdeText: Bilingual = mde
    ? {
        en: ` The MDE at this sample size is ${format.diff(mde.absolute).en}${mde.relative !== null ? ` (${signed(mde.relative).slice(1)} relative)` : ''} at ${Math.round(power * 100)}% power.`,
        zh: `按当前样本量，最小可检测效应为 ${format.diff(mde.absolute).zh}${mde.relative !== null ? `（相对 ${signed(mde.relative).slice(1)}）` : ''}（检验功效 ${Math.round(power * 100)}%）。`,
      }
    : { en: '', zh: '' };
  const raw =
    f.pValue < alpha
      ? {
          en: ` (Significant before the correction for multiple comparisons only: raw p ${formatPValue(f.pValue)}.)`,
          zh: `（仅在多重比较校正前显著：原始 p ${formatPValue(f.pValue)}。）`,
        }
      : { en: '', zh: '' };
  return {
    decision: 'no_detectable_difference',
    en: `No detectable difference in the ${labelEn} between ${c.variant} and control (${from} vs ${to}, ${level} CI of the difference ${ci.en}; p ${p} after Holm).${raw.en}${mdeText.en}`,
    zh: `${c.variant} 与对照组的${labelZh}没有可检测的差异（${from} 对 ${to}，差异的 ${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。${raw.zh}${mdeText.zh}`,
  };
}

function metricVerdict(comparisons: readonly Comparison[]): Verdict {
  const first = comparisons[0] as Comparison;
  if (comparisons.length === 1) return first.verdict;
  const join = (decisions: readonly Comparison[]): Bilingual => ({
    en: decisions.map((c) => c.verdict.en).join(' '),
    zh: decisions.map((c) => c.verdict.zh).join(''),
  });
  if (first.verdict.decision === 'untrustworthy') return first.verdict;
  const ships = comparisons
    .filter((c) => c.verdict.decision === 'ship')
    .sort((a, b) => (b.frequentist?.absolute.estimate ?? 0) - (a.frequentist?.absolute.estimate ?? 0));
  if (ships.length > 0) return { decision: 'ship', ...join(ships) };
  const worse = comparisons.filter((c) => c.verdict.decision === 'do_not_ship');
  if (worse.length > 0) return { decision: 'do_not_ship', ...join(worse) };
  const decision = comparisons.every((c) => c.verdict.decision === 'not_testable')
    ? 'not_testable'
    : 'no_detectable_difference';
  return { decision, ...join(comparisons) };
}

function overallVerdict(metrics: readonly MetricAnalysis[], primary: MetricAnalysis): Verdict {
  const v = primary.verdict;
  if (v.decision === 'untrustworthy' || metrics.length === 1) return v;
  const warnings = metrics
    .filter((m) => m !== primary)
    .flatMap((m) => m.comparisons.filter((c) => c.verdict.decision === 'do_not_ship'));
  const prefix: Bilingual = {
    en: `Primary metric, ${primary.label.en}: `,
    zh: `主要指标（${primary.label.zh}）：`,
  };
  const warning: Bilingual =
    warnings.length > 0
      ? {
          en: ` But watch the guardrails: ${warnings.map((c) => c.verdict.en.replace(/ Don't ship it\.$/, '.')).join(' ')}`,
          zh: `但请注意护栏指标：${warnings.map((c) => c.verdict.zh.replace(/不建议上线。$/, '')).join('')}`,
        }
      : { en: '', zh: '' };
  return {
    decision: v.decision,
    en: `${prefix.en}${v.en}${warning.en}`,
    zh: `${prefix.zh}${v.zh}${warning.zh}`,
  };
}

// ------------------------------------------------------------------------------------------- entry

/** See the file comment: one results object per experiment, with verdicts in en and zh. */
export function analyzeExperiment(input: ExperimentAnalysisInput): ExperimentAnalysis {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  if (!(alpha > 0 && alpha < 0.5))
    throw new InputError('invalid_argument', `analyzeExperiment: alpha must be in (0, 0.5), got ${alpha}`);
  if (!(power > alpha && power < 1))
    throw new InputError('invalid_argument', `analyzeExperiment: power must be in (alpha, 1), got ${power}`);
  if (input.metrics.length === 0)
    throw new InputError('invalid_argument', 'analyzeExperiment: give at least one metric');
  const keys = input.metrics.map((m) => m.key);
  if (new Set(keys).size !== keys.length)
    throw new InputError('invalid_argument', `analyzeExperiment: metric keys repeat: ${keys.join(', ')}`);
  const { order, control } = resolveVariants(input);
  const settings: Settings = {
    alpha,
    power,
    sequentialTuning: input.sequentialTuning ?? 5000,
    seed: input.seed ?? 1,
  };

  // SRM against the planned weights (declared ones must name every variant).
  const planned = input.plannedWeights ?? null;
  const declared = planned !== null && order.every((name) => Number(planned[name]) > 0);
  const users = order.map((name) => input.variants.find((v) => v.name === name)?.users as number);
  const weights = declared ? order.map((name) => Number(planned[name])) : order.map(() => 1);
  const srm = sampleRatioMismatchTest(users, { expectedWeights: weights, threshold: input.srmThreshold });
  const weightTotal = weights.reduce((s, w) => s + w, 0);
  const share = (xs: readonly number[]) => xs.map((x) => percent(x)).join(' / ');
  const plannedShares = weights.map((w) => w / weightTotal);
  const srmVerdict: Bilingual = srm.mismatch
    ? {
        en: `Don't trust this result: the users split ${share(srm.observedShares)} (${order.join(' / ')}) where ${share(plannedShares)} was planned (sample-ratio mismatch, chi-square p ${formatPValue(srm.pValue)}). Fix the assignment or exposure logging before reading any metric.`,
        zh: `不要相信这个结果：实际分流为 ${share(srm.observedShares)}（${order.join(' / ')}），计划为 ${share(plannedShares)}（样本比例失衡，卡方检验 p ${formatPValue(srm.pValue)}）。请先修复分流或曝光记录，再解读任何指标。`,
      }
    : {
        en: `The split matches the plan: ${share(srm.observedShares)} observed vs ${share(plannedShares)} planned (SRM chi-square p ${formatPValue(srm.pValue)}).`,
        zh: `分流符合计划：实际 ${share(srm.observedShares)}，计划 ${share(plannedShares)}（样本比例检验 p ${formatPValue(srm.pValue)}）。`,
      };

  const raw = input.metrics.map((m) =>
    m.kind === 'proportion'
      ? analyzeProportionMetric(m, order, settings)
      : m.kind === 'mean'
        ? analyzeMeanMetric(m, order, settings)
        : (() => {
            throw new InputError(
              'invalid_argument',
              `analyzeExperiment: metric kind must be proportion or mean, got ${(m as { kind: string }).kind}`,
            );
          })(),
  );

  // Holm and BH over every testable comparison (metrics × treatment variants).
  const family: { metric: number; comparison: number; p: number }[] = [];
  raw.forEach((m, i) => {
    m.comparisons.forEach((c, j) => {
      if (c.frequentist) family.push({ metric: i, comparison: j, p: c.frequentist.pValue });
    });
  });
  const holm = holmAdjust(family.map((f) => f.p));
  const bh = benjaminiHochbergAdjust(family.map((f) => f.p));
  const adjusted = new Map(
    family.map((f, i) => [`${f.metric}:${f.comparison}`, { holm: holm[i] as number, bh: bh[i] as number }]),
  );

  const primaryKey = keys.includes(input.primaryMetric ?? '')
    ? (input.primaryMetric as string)
    : (keys[0] as string);
  const metrics: MetricAnalysis[] = raw.map((m, i) => {
    const label = m.input.label ?? defaultLabels[m.input.key] ?? { en: m.input.key, zh: m.input.key };
    const unit = m.input.kind === 'mean' ? (m.input.unit ?? null) : null;
    const comparisons: Comparison[] = m.comparisons.map((c, j) => {
      const p = adjusted.get(`${i}:${j}`) ?? null;
      return {
        metric: m.input.key,
        variant: c.variant,
        control,
        testable: c.frequentist !== null,
        problem: c.problem,
        controlMean: c.controlMean,
        treatmentMean: c.treatmentMean,
        frequentist: c.frequentist &&
          p && {
            ...c.frequentist,
            pValueHolm: p.holm,
            pValueBenjaminiHochberg: p.bh,
            significant: p.holm < alpha,
          },
        bayesian: c.bayesian,
        sequential: c.sequential,
        cuped: c.cuped,
        minimumDetectableEffect: c.minimumDetectableEffect,
        verdict: comparisonVerdict(
          c,
          p?.holm ?? null,
          { label, kind: m.input.kind, unit },
          alpha,
          power,
          srm.mismatch ? srmVerdict : null,
        ),
      };
    });
    return {
      key: m.input.key,
      kind: m.input.kind,
      label,
      unit,
      primary: m.input.key === primaryKey,
      arms: m.arms,
      comparisons,
      verdict: metricVerdict(comparisons),
    };
  });
  const primary = metrics.find((m) => m.primary) as MetricAnalysis;
  return {
    experiment: {
      id: input.experiment.id,
      name: input.experiment.name,
      hypothesis: input.experiment.hypothesis ?? null,
    },
    alpha,
    power,
    control,
    variants: order.map((name, i) => ({
      name,
      users: users[i] as number,
      plannedShare: plannedShares[i] as number,
      observedShare: srm.observedShares[i] as number,
    })),
    srm: {
      statistic: srm.statistic,
      degreesOfFreedom: srm.degreesOfFreedom,
      pValue: srm.pValue,
      threshold: srm.threshold,
      mismatch: srm.mismatch,
      plannedWeights: declared ? 'declared' : 'equal',
      verdict: srmVerdict,
    },
    primaryMetric: primaryKey,
    corrections: { method: 'holm', reported: 'benjamini-hochberg', family: family.length },
    metrics,
    verdict: overallVerdict(metrics, primary),
  };
}
