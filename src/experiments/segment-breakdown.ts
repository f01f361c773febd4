import { InputError } from '../core/errors.js';
import { chiSquareSurvival } from '../stats/distributions.js';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections.js';
import type { Bilingual, MetricInput } from './experiment-analysis-types.js';
import { formatPValue, signed } from './experiment-verdicts.js';
import type { Interval, TwoSampleTestResult } from './frequentist.js';
import { twoProportionZTest, welchTTest } from './frequentist.js';
import { meanMoments } from './sequential.js';

/**
 * Segment breakdown of an experiment metric (device, country, new vs returning …), corrected for the
 * many looks it implies.
 *
 * Per segment s and treatment variant v: the same test as the overall analysis (two-proportion z-test
 * or Welch t-test of treatment − control within the segment), its interval and relative lift. All
 * segment × variant p-values form one family, adjusted by Holm (significance decided on it) and
 * Benjamini–Hochberg (reported). Per variant, Cochran's Q tests whether the effect differs between
 * segments: Q = Σ w_s (d_s − d̄)², w_s = 1/se_s², d̄ = Σ w_s d_s / Σ w_s, Q ~ χ²(k − 1) under equal
 * effects, I² = max(0, (Q − (k − 1))/Q). A segment that is "significant" while Q is not is most likely
 * the noise of many comparisons (Kohavi, Tang & Xu 2020, ch. 3 and 17); the verdict says so.
 * Segments with fewer than `minUsersPerArm` users in an arm, or where the test is undefined, are shown
 * as not testable and left out of the family and of Q.
 * Cost O(S·V). References: Holm (1979); Cochran (1954); statsmodels `combine_effects` gives the same Q
 * and I² (checked in the test).
 * @example
 * analyzeSegments({ dimension: 'device', control: 'control', segments: [
 *   { segment: 'mobile', metric: { key: 'cr', kind: 'proportion', variants: [...] } }, …] }).verdict.en
 */

export interface SegmentInput {
  readonly segment: string;
  /** The metric's per-variant data within this segment (same key in every segment). */
  readonly metric: MetricInput;
}

export interface SegmentBreakdownInput {
  /** What the segments split by, e.g. 'device'. */
  readonly dimension: string;
  readonly control: string;
  readonly segments: readonly SegmentInput[];
  /** Default 0.05. */
  readonly alpha?: number;
  /** Segments with fewer users in an arm are not tested (default 30). */
  readonly minUsersPerArm?: number;
}

export interface SegmentComparison {
  readonly segment: string;
  readonly variant: string;
  readonly controlUsers: number;
  readonly treatmentUsers: number;
  readonly controlMean: number;
  readonly treatmentMean: number;
  readonly testable: boolean;
  /** Why not testable; null when testable. */
  readonly problem: Bilingual | null;
  readonly difference: {
    readonly estimate: number;
    readonly ci: Interval;
    readonly standardError: number;
  } | null;
  readonly relativeLift: number | null;
  readonly pValue: number | null;
  readonly pValueHolm: number | null;
  readonly pValueBenjaminiHochberg: number | null;
  readonly significant: boolean;
}

export interface SegmentHeterogeneity {
  readonly variant: string;
  /** Cochran's Q over the testable segments. */
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Share of the variation in effects beyond chance (Higgins & Thompson 2002). */
  readonly iSquared: number;
  readonly pooledEffect: number;
}

export interface SegmentBreakdown {
  readonly dimension: string;
  readonly metric: string;
  readonly kind: 'proportion' | 'mean';
  readonly alpha: number;
  readonly correction: {
    readonly method: 'holm';
    readonly reported: 'benjamini-hochberg';
    readonly family: number;
  };
  readonly comparisons: readonly SegmentComparison[];
  /** Per treatment variant; null when fewer than two segments are testable. */
  readonly heterogeneity: readonly (SegmentHeterogeneity | null)[];
  readonly verdict: Bilingual;
}

interface ArmData {
  readonly users: number;
  readonly test: { conversions: number; users: number } | { n: number; mean: number; variance: number };
  readonly mean: number;
}

function armsOf(metric: MetricInput): Map<string, ArmData> {
  const arms = new Map<string, ArmData>();
  if (metric.kind === 'proportion') {
    for (const v of metric.variants)
      arms.set(v.variant, {
        users: v.users,
        test: { conversions: v.conversions, users: v.users },
        mean: v.users > 0 ? v.conversions / v.users : 0,
      });
  } else {
    for (const v of metric.variants) {
      const moments =
        v.n > 0
          ? meanMoments({ n: v.n, sum: v.sum, sumSquares: v.sumSquares })
          : { n: 0, mean: 0, variance: 0 };
      arms.set(v.variant, { users: v.n, test: moments, mean: moments.mean });
    }
  }
  return arms;
}

export function analyzeSegments(input: SegmentBreakdownInput): SegmentBreakdown {
  const alpha = input.alpha ?? 0.05;
  const minUsers = input.minUsersPerArm ?? 30;
  if (!(alpha > 0 && alpha < 0.5))
    throw new InputError('invalid_argument', `analyzeSegments: alpha must be in (0, 0.5), got ${alpha}`);
  if (input.segments.length === 0)
    throw new InputError(
      'insufficient_data',
      `analyzeSegments: no segments of "${input.dimension}" to break down`,
    );
  const first = input.segments[0] as SegmentInput;
  const key = first.metric.key;
  const kind = first.metric.kind;
  const names = input.segments.map((s) => s.segment);
  if (new Set(names).size !== names.length)
    throw new InputError('invalid_argument', `analyzeSegments: segments repeat: ${names.join(', ')}`);
  for (const s of input.segments)
    if (s.metric.key !== key || s.metric.kind !== kind)
      throw new InputError(
        'invalid_argument',
        `analyzeSegments: segment "${s.segment}" has metric ${s.metric.key} (${s.metric.kind}), expected ${key} (${kind})`,
      );
  const variants = [
    ...new Set(input.segments.flatMap((s) => s.metric.variants.map((v) => v.variant))),
  ].filter((v) => v !== input.control);
  if (!input.segments.some((s) => s.metric.variants.some((v) => v.variant === input.control)))
    throw new InputError(
      'invalid_argument',
      `analyzeSegments: no segment has the control "${input.control}"`,
    );
  const level = 1 - alpha;

  interface RawRow {
    readonly segment: string;
    readonly variant: string;
    readonly controlUsers: number;
    readonly treatmentUsers: number;
    readonly controlMean: number;
    readonly treatmentMean: number;
    readonly problem: Bilingual | null;
    readonly test: TwoSampleTestResult | null;
  }
  const raw = input.segments.flatMap((s) => {
    const arms = armsOf(s.metric);
    const control = arms.get(input.control);
    return variants.map((variant): RawRow => {
      const treatment = arms.get(variant);
      const base = {
        segment: s.segment,
        variant,
        controlUsers: control?.users ?? 0,
        treatmentUsers: treatment?.users ?? 0,
        controlMean: control?.mean ?? 0,
        treatmentMean: treatment?.mean ?? 0,
      };
      const notTestable = (problem: Bilingual): RawRow => ({ ...base, problem, test: null });
      if (!control || !treatment || control.users < minUsers || treatment.users < minUsers)
        return notTestable({
          en: `fewer than ${minUsers} users in an arm`,
          zh: `某一组用户少于 ${minUsers} 人`,
        });
      try {
        const test: TwoSampleTestResult =
          kind === 'proportion'
            ? twoProportionZTest(
                control.test as { conversions: number; users: number },
                treatment.test as { conversions: number; users: number },
                { confidenceLevel: level },
              )
            : welchTTest(
                control.test as { n: number; mean: number; variance: number },
                treatment.test as { n: number; mean: number; variance: number },
                { confidenceLevel: level },
              );
        return { ...base, problem: null, test };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return notTestable({
          en: 'the test is undefined (no variation in either arm)',
          zh: '检验无定义（两组均无变化）',
        });
      }
    });
  });

  const family = raw.filter((r) => r.test !== null);
  const holm = holmAdjust(family.map((r) => r.test?.pValue as number));
  const bh = benjaminiHochbergAdjust(family.map((r) => r.test?.pValue as number));
  const comparisons: SegmentComparison[] = raw.map((r) => {
    const i = family.indexOf(r);
    const t = r.test;
    return {
      segment: r.segment,
      variant: r.variant,
      controlUsers: r.controlUsers,
      treatmentUsers: r.treatmentUsers,
      controlMean: r.controlMean,
      treatmentMean: r.treatmentMean,
      testable: t !== null,
      problem: r.problem,
      difference: t ? { estimate: t.difference, ci: t.ci, standardError: t.standardError } : null,
      relativeLift: t?.relative?.estimate ?? null,
      pValue: t?.pValue ?? null,
      pValueHolm: i >= 0 ? (holm[i] as number) : null,
      pValueBenjaminiHochberg: i >= 0 ? (bh[i] as number) : null,
      significant: i >= 0 && (holm[i] as number) < alpha,
    };
  });

  const heterogeneity = variants.map((variant) => {
    const rows = comparisons.filter(
      (c) => c.variant === variant && c.difference !== null && c.difference.standardError > 0,
    );
    if (rows.length < 2) return null;
    let sw = 0;
    let swd = 0;
    for (const r of rows) {
      const d = r.difference as NonNullable<SegmentComparison['difference']>;
      const w = 1 / (d.standardError * d.standardError);
      sw += w;
      swd += w * d.estimate;
    }
    const pooled = swd / sw;
    let q = 0;
    for (const r of rows) {
      const d = r.difference as NonNullable<SegmentComparison['difference']>;
      q += (d.estimate - pooled) ** 2 / (d.standardError * d.standardError);
    }
    const df = rows.length - 1;
    return {
      variant,
      statistic: q,
      degreesOfFreedom: df,
      pValue: chiSquareSurvival(q, df),
      iSquared: q > 0 ? Math.max(0, (q - df) / q) : 0,
      pooledEffect: pooled,
    };
  });

  return {
    dimension: input.dimension,
    metric: key,
    kind,
    alpha,
    correction: { method: 'holm', reported: 'benjamini-hochberg', family: family.length },
    comparisons,
    heterogeneity,
    verdict: segmentVerdict(input.dimension, comparisons, heterogeneity, variants, alpha),
  };
}

function segmentVerdict(
  dimension: string,
  comparisons: readonly SegmentComparison[],
  heterogeneity: readonly (SegmentHeterogeneity | null)[],
  variants: readonly string[],
  alpha: number,
): Bilingual {
  const parts = variants.map((variant, i) => {
    const h = heterogeneity[i] ?? null;
    const significant = comparisons.filter((c) => c.variant === variant && c.significant);
    const list = significant
      .map((c) => `${c.segment} ${c.relativeLift === null ? '' : signed(c.relativeLift)}`.trim())
      .join(', ');
    if (h === null)
      return {
        en: `${variant}: fewer than two ${dimension} segments can be tested, so differences between them cannot be judged.`,
        zh: `${variant}：可检验的${dimension}细分少于两个，无法判断细分之间的差异。`,
      };
    const q = `Cochran's Q p ${formatPValue(h.pValue)}, I² ${Math.round(h.iSquared * 100)}%`;
    const qZh = `Cochran Q 检验 p ${formatPValue(h.pValue)}，I² ${Math.round(h.iSquared * 100)}%`;
    if (h.pValue < alpha)
      return {
        en: `${variant}: the effect differs by ${dimension} (${q})${list ? `; significant after Holm in ${list}` : ''}.`,
        zh: `${variant}：效果因${dimension}而异（${qZh}）${list ? `；Holm 校正后显著的细分：${list}` : ''}。`,
      };
    return {
      en: `${variant}: no evidence that the effect differs by ${dimension} (${q})${list ? `; ${list} ${significant.length === 1 ? 'is' : 'are'} significant after Holm, but read the pooled effect, not the segment` : ''}.`,
      zh: `${variant}：没有证据表明效果因${dimension}而异（${qZh}）${list ? `；${list} 在 Holm 校正后显著，但应以整体效果为准，而非单个细分` : ''}。`,
    };
  });
  return { en: parts.map((p) => p.en).join(' '), zh: parts.map((p) => p.zh).join('') };
}
