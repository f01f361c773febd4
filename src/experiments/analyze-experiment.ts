import { InputError } from '../core/errors.js';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections.js';
import type {
  Bilingual,
  Comparison,
  ExperimentAnalysis,
  ExperimentAnalysisInput,
  MetricAnalysis,
} from './experiment-analysis-types.js';
import type { Settings } from './experiment-metrics.js';
import { analyzeMeanMetric, analyzeProportionMetric, resolveVariants } from './experiment-metrics.js';
import {
  comparisonVerdict,
  defaultLabels,
  formatPValue,
  metricVerdict,
  overallVerdict,
  percent,
} from './experiment-verdicts.js';
import { checkGuardrails, validateGuardrails } from './guardrails.js';
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
 *   Higher is better unless a metric says `higherIsBetter: false` (then 3 and 4 swap). A metric's verdict:
 *   'ship' when some variant ships (the largest significant improvement is named), else 'do_not_ship' when
 *   some variant is significantly worse, else the comparisons' common decision. The overall verdict is the
 *   primary metric's (default: the first metric), SRM first; then the declared guardrails (guardrails.ts):
 *   a failing guardrail stops a 'ship', a warning is appended; significant harm in any other metric is
 *   added as a note.
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

export * from './experiment-analysis-types.js';
export { formatPValue } from './experiment-verdicts.js';

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
  const guardrailSettings = input.guardrails ?? [];
  validateGuardrails(guardrailSettings, keys, primaryKey);
  const guardrailKeys = new Set(guardrailSettings.map((g) => g.metric));
  const metrics: MetricAnalysis[] = raw.map((m, i) => {
    const label = m.input.label ?? defaultLabels[m.input.key] ?? { en: m.input.key, zh: m.input.key };
    const unit = m.input.kind === 'mean' ? (m.input.unit ?? null) : null;
    const higherIsBetter = m.input.higherIsBetter ?? true;
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
          { label, kind: m.input.kind, unit, higherIsBetter },
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
      higherIsBetter,
      guardrail: guardrailKeys.has(m.input.key),
      arms: m.arms,
      comparisons,
      verdict: metricVerdict(comparisons, higherIsBetter),
    };
  });
  const primary = metrics.find((m) => m.primary) as MetricAnalysis;
  const guardrails = srm.mismatch ? [] : checkGuardrails(guardrailSettings, metrics, alpha);
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
    guardrails,
    verdict: overallVerdict(metrics, primary, guardrails),
  };
}
