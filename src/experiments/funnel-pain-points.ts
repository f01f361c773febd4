import { InputError } from '../core/errors.js';
import { holmAdjust } from './corrections.js';
import { twoProportionZTest } from './frequentist.js';

/**
 * Funnel pain points: the steps at which a segment (a device, a channel, a customer segment) loses
 * significantly more of its units than the baseline does. Pure: counts in, verdicts out.
 *
 * For step k → k+1 of segment g the data are the units that reached step k (entered) and those
 * that went on (converted = entered at step k+1). Each (step, segment) pair is one one-sided
 * two-proportion z-test (pooled standard error, as statsmodels `proportions_ztest(…,
 * alternative='smaller')` with the segment first) of H0: the segment's step conversion rate ≥ the
 * baseline's, against H1: it is lower (its drop-off is worse). The p-values of all testable pairs
 * (steps × segments) are Holm-adjusted together, and a pair is a pain point when its adjusted
 * p-value is ≤ alpha.
 *
 * The two samples of a z-test must be independent: pass as baseline another segment or the rest
 * of the population, or pass the total with `baselineIncludesSegments: true`, which compares each
 * segment with the total minus that segment (its complement).
 */

/** Units that reached each step of a funnel, in step order (non-increasing). */
export interface FunnelStepCounts {
  readonly entered: readonly number[];
}

export interface FunnelSegmentCounts extends FunnelStepCounts {
  readonly segment: string;
}

export interface PainPointOptions {
  /** Family-wise error rate for the Holm procedure; default 0.05. */
  readonly alpha?: number;
  /** The baseline is the total and contains every segment: compare each segment with its complement. */
  readonly baselineIncludesSegments?: boolean;
  /** Names of the steps (same length as the counts), used in the output; default 'step 1' …. */
  readonly stepNames?: readonly string[];
}

export interface PainPointTest {
  readonly segment: string;
  /** 1-based index of the step the units leave from (the transition step → step + 1). */
  readonly step: number;
  readonly fromStep: string;
  readonly toStep: string;
  readonly segmentEntered: number;
  readonly segmentConverted: number;
  /** 1 − converted / entered of the segment (0 when nobody entered). */
  readonly segmentDropOffRate: number;
  readonly baselineEntered: number;
  readonly baselineConverted: number;
  readonly baselineDropOffRate: number;
  /** segmentDropOffRate − baselineDropOffRate (positive: the segment loses more). */
  readonly difference: number;
  /** z statistic (segment rate − baseline rate over the pooled standard error); null when not testable. */
  readonly statistic: number | null;
  /** One-sided p-value; 1 when not testable. */
  readonly pValue: number;
  /** Holm-adjusted p-value over the testable pairs; 1 when not testable. */
  readonly adjustedPValue: number;
  readonly painPoint: boolean;
  /** Why the pair was not tested (no units, or no variation in either sample); null when tested. */
  readonly note: string | null;
}

export interface PainPointResult {
  readonly test: string;
  readonly correction: 'Holm';
  readonly alpha: number;
  readonly baseline: 'given' | 'complement of each segment';
  /** Number of tested (step, segment) pairs: the size of the Holm family. */
  readonly comparisons: number;
  /** Every (segment, step) pair, segments in input order, steps in order. */
  readonly tests: readonly PainPointTest[];
  /** The pain points, most significant first (adjusted p-value, then larger difference). */
  readonly painPoints: readonly PainPointTest[];
}

const testName =
  "two-proportion z-test (pooled SE), one-sided H1: segment step conversion < baseline (statsmodels proportions_ztest alternative='smaller')";

function checkCounts(entered: unknown, what: string, length: number | null): readonly number[] {
  if (!Array.isArray(entered) || entered.length < 2) {
    throw new InputError(
      'invalid_argument',
      `findFunnelPainPoints: ${what} needs counts for at least 2 steps`,
    );
  }
  if (length !== null && entered.length !== length) {
    throw new InputError(
      'invalid_argument',
      `findFunnelPainPoints: ${what} has ${entered.length} steps, the baseline has ${length}`,
    );
  }
  entered.forEach((n, k) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new InputError(
        'invalid_argument',
        `findFunnelPainPoints: ${what} step ${k + 1} count must be an integer ≥ 0, got ${String(n)}`,
      );
    }
    if (k > 0 && n > (entered[k - 1] as number)) {
      throw new InputError(
        'invalid_argument',
        `findFunnelPainPoints: ${what} step ${k + 1} has ${n} units, more than step ${k} (${String(entered[k - 1])}); funnel counts never grow`,
      );
    }
  });
  return entered as number[];
}

const dropOffRate = (entered: number, converted: number) => (entered > 0 ? 1 - converted / entered : 0);

/**
 * Funnel pain points (findFunnelPainPoints): the steps whose drop-off in a segment is
 * significantly worse than in the baseline, with the test used and Holm correction.
 *
 * Formulas, for segment g and step k (n = entered_k, x = entered_{k+1}; b the baseline, or the
 * total minus g with `baselineIncludesSegments`):
 *   p̂_g = x_g / n_g,  p̂_b = x_b / n_b,  p̂ = (x_g + x_b) / (n_g + n_b)
 *   z = (p̂_g − p̂_b) / √(p̂(1 − p̂)(1/n_g + 1/n_b)),  p = Φ(z)  (one-sided, lower conversion)
 *   Holm over the m testable pairs: p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎);  pain point ⇔ p̃ ≤ alpha.
 * A pair is not testable (p = 1, note set) when n_g = 0 or n_b = 0, or when p̂ is 0 or 1.
 *
 * Cost O(S·K log(S·K)) for S segments and K steps. Reference: statsmodels
 * `proportions_ztest`; Holm (1979), "A simple sequentially rejective multiple test procedure".
 *
 * @example
 *   findFunnelPainPoints(
 *     { entered: [1000, 500, 300, 200] },
 *     [{ segment: 'mobile', entered: [1000, 480, 290, 100] }],
 *     { stepNames: ['view', 'cart', 'checkout', 'purchase'] },
 *   ).painPoints[0]; // { segment: 'mobile', step: 3, fromStep: 'checkout', toStep: 'purchase', … }
 */
export function findFunnelPainPoints(
  baseline: FunnelStepCounts,
  segments: readonly FunnelSegmentCounts[],
  options: PainPointOptions = {},
): PainPointResult {
  const alpha = options.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new InputError(
      'invalid_argument',
      `findFunnelPainPoints: alpha must be in (0, 1), got ${String(alpha)}`,
    );
  }
  const base = checkCounts(baseline?.entered, 'baseline', null);
  const steps = base.length;
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new InputError(
      'invalid_argument',
      'findFunnelPainPoints: give at least one segment to compare with the baseline',
    );
  }
  const names = options.stepNames ?? base.map((_, k) => `step ${k + 1}`);
  if (!Array.isArray(names) || names.length !== steps || names.some((n) => typeof n !== 'string')) {
    throw new InputError(
      'invalid_argument',
      `findFunnelPainPoints: stepNames must list ${steps} names, one per step`,
    );
  }
  const complement = options.baselineIncludesSegments ?? false;
  const seen = new Set<string>();
  const checked = segments.map((segment, i) => {
    const name = segment?.segment;
    if (typeof name !== 'string' || name === '' || seen.has(name)) {
      throw new InputError(
        'invalid_argument',
        `findFunnelPainPoints: segment ${i + 1} needs a unique non-empty name, got ${JSON.stringify(name)}`,
      );
    }
    seen.add(name);
    const entered = checkCounts(segment.entered, `segment "${name}"`, steps);
    if (complement && entered.some((n, k) => n > (base[k] as number))) {
      throw new InputError(
        'invalid_argument',
        `findFunnelPainPoints: segment "${name}" has more units than the baseline at some step, so the baseline cannot include it`,
        { hint: 'pass baselineIncludesSegments: false when the baseline is another segment' },
      );
    }
    return { name, entered };
  });

  interface Draft extends Omit<PainPointTest, 'adjustedPValue' | 'painPoint'> {}
  const drafts: Draft[] = [];
  for (const { name, entered } of checked) {
    for (let k = 0; k < steps - 1; k++) {
      const ng = entered[k] as number;
      const xg = entered[k + 1] as number;
      const nb = complement ? (base[k] as number) - ng : (base[k] as number);
      const xb = complement ? (base[k + 1] as number) - xg : (base[k + 1] as number);
      if (xb > nb) {
        throw new InputError(
          'invalid_argument',
          `findFunnelPainPoints: the baseline without segment "${name}" grows from step ${k + 1} to ${k + 2}; the segment counts do not fit inside the baseline`,
        );
      }
      let statistic: number | null = null;
      let pValue = 1;
      let note: string | null = null;
      if (ng === 0 || nb === 0) {
        note = ng === 0 ? 'no segment units reached this step' : 'no baseline units reached this step';
      } else {
        const pooled = (xg + xb) / (ng + nb);
        if (pooled === 0 || pooled === 1) {
          note = `every unit ${pooled === 0 ? 'dropped off' : 'converted'} in both samples: no variation to test`;
        } else {
          const result = twoProportionZTest(
            { conversions: xb, users: nb },
            { conversions: xg, users: ng },
            { alternative: 'less' },
          );
          statistic = result.statistic;
          pValue = result.pValue;
        }
      }
      drafts.push({
        segment: name,
        step: k + 1,
        fromStep: names[k] as string,
        toStep: names[k + 1] as string,
        segmentEntered: ng,
        segmentConverted: xg,
        segmentDropOffRate: dropOffRate(ng, xg),
        baselineEntered: nb,
        baselineConverted: xb,
        baselineDropOffRate: dropOffRate(nb, xb),
        difference: dropOffRate(ng, xg) - dropOffRate(nb, xb),
        statistic,
        pValue,
        note,
      });
    }
  }
  const testedIndex = drafts.flatMap((d, i) => (d.note === null ? [i] : []));
  const adjusted = holmAdjust(testedIndex.map((i) => (drafts[i] as Draft).pValue));
  const adjustedByIndex = new Map(testedIndex.map((i, j) => [i, adjusted[j] as number]));
  const tests: PainPointTest[] = drafts.map((d, i) => {
    const adjustedPValue = adjustedByIndex.get(i) ?? 1;
    return { ...d, adjustedPValue, painPoint: d.note === null && adjustedPValue <= alpha };
  });
  const painPoints = tests
    .filter((t) => t.painPoint)
    .sort((a, b) => a.adjustedPValue - b.adjustedPValue || b.difference - a.difference);
  return {
    test: testName,
    correction: 'Holm',
    alpha,
    baseline: complement ? 'complement of each segment' : 'given',
    comparisons: testedIndex.length,
    tests,
    painPoints,
  };
}
