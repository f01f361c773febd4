import { InputError } from '../core/errors.js';
import { createRng, normal } from '../core/random.js';
import { standardNormalSurvival, studentTQuantile } from '../stats/distributions.js';
import { bayesianEffectFromEstimate } from './bayesian.js';
import { betaBinomialTest } from './beta-binomial.js';
import { cupedEffect, cupedFromSums } from './cuped.js';
import type {
  ArmSummary,
  Bilingual,
  Comparison,
  ExperimentAnalysisInput,
  MeanMetricInput,
  MetricInput,
  ProportionMetricInput,
} from './experiment-analysis-types.js';
import { newcombeInterval, twoProportionZTest, welchTTest, wilsonInterval } from './frequentist.js';
import { meansMinimumDetectableEffect, proportionsMinimumDetectableEffect } from './power.js';
import {
  type ArmMoments,
  type EffectEstimate,
  estimateEffect,
  meanMoments,
  proportionMoments,
  sequentialTestFromEffect,
} from './sequential.js';

/** Per-metric analysis of an experiment: the statistics of every treatment against the control. */

function requireFiniteNumber(value: number, what: string): void {
  if (!Number.isFinite(value))
    throw new InputError(
      'invalid_argument',
      `analyzeExperiment: ${what} must be a finite number, got ${value}`,
    );
}

export interface ResolvedVariants {
  readonly order: readonly string[];
  readonly control: string;
}

export function resolveVariants(input: ExperimentAnalysisInput): ResolvedVariants {
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

export interface RawComparison {
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

export interface RawMetric {
  readonly input: MetricInput;
  readonly arms: ArmSummary[];
  readonly comparisons: RawComparison[];
}

export interface Settings {
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

/** The metric's data per variant in analysis order; a missing variant or one without users is an error. */
function variantsInOrder<V extends { readonly variant: string }>(
  metric: { readonly key: string; readonly variants: readonly V[] },
  order: readonly string[],
  users: (v: V) => number,
): V[] {
  const byVariant = new Map(metric.variants.map((v) => [v.variant, v]));
  return order.map((name) => {
    const v = byVariant.get(name);
    if (!v)
      throw new InputError(
        'invalid_argument',
        `analyzeExperiment: metric "${metric.key}" has no data for variant "${name}"`,
      );
    const n = users(v);
    if (!(Number.isInteger(n) && n > 0))
      throw new InputError(
        'insufficient_data',
        `analyzeExperiment: metric "${metric.key}", variant "${name}" has ${n} users; a variant with no users cannot be compared`,
      );
    return v;
  });
}

export function analyzeProportionMetric(
  metric: ProportionMetricInput,
  order: readonly string[],
  settings: Settings,
): RawMetric {
  const arms = variantsInOrder(metric, order, (v) => v.users).map((v) => {
    const name = v.variant;
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

export function analyzeMeanMetric(
  metric: MeanMetricInput,
  order: readonly string[],
  settings: Settings,
): RawMetric {
  const arms = variantsInOrder(metric, order, (v) => v.n).map((v) => {
    const name = v.variant;
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
