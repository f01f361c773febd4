import { InputError } from '../../core/errors.js';
import { regularizedLowerGamma, standardNormalQuantile } from '../../stats/distributions.js';

export interface DetectBurstsOptions {
  /** Length of the trailing baseline window, in buckets. Default 14. */
  readonly baseline?: number;
  /** z-score threshold. Default 3. */
  readonly z?: number;
  /** A bucket must hold at least this many to count as a burst. Default 3. */
  readonly minCount?: number;
  /** Buckets of history needed before the first test. Default min(baseline, 7). */
  readonly minHistory?: number;
}

export interface Burst {
  /** Position in the series. */
  readonly index: number;
  readonly count: number;
  /** Mean of the trailing baseline window. */
  readonly expected: number;
  /** min((count − expected) / max(sd, √max(expected, 1)), Poisson-tail z). */
  readonly z: number;
}

/**
 * Bursts in a count series by a trailing-window z-score (a moving control chart, Shewhart style):
 * bucket i is a burst when z_i ≥ z and x_i ≥ minCount, where μ_i and s_i are the mean and sample
 * standard deviation of the `baseline` buckets before i (fewer at the start, at least
 * `minHistory`) and z_i is the smaller of
 * - the moment score (x_i − μ_i) / max(s_i, √max(μ_i, 1)): the floor is the Poisson standard
 *   deviation √μ, so a term seen 0, 0, 1, 0 … (s ≈ 0.3) does not score z > 5 on one more mention;
 * - the Poisson-tail score Φ⁻¹(1 − P(X ≥ x_i | X ~ Poisson(μ_i))): the normal approximation is
 *   too liberal for small means (at μ = 1, x = 4 has z = 3 but a tail of 1.9 % rather than
 *   0.13 %); this keeps the false-alarm rate near the nominal one for quiet terms too.
 * A term never seen before (μ = 0) scores z = x. Bursts stay in later baselines (no masking), so a
 * sustained level shift alarms at its start and then fades. Cost O(n·baseline) at worst (only
 * buckets reaching minCount are scored).
 *
 * Example: detectBursts([10, 12, 9, 11, 10, 8, 12, 11, 50]) → [{ index: 8, count: 50,
 * expected: 10.375, z: 8.7809… }]: the moment score is 39.625/√10.375 = 12.30 (the sample sd 1.41
 * being below the Poisson floor), the Poisson tail P(X ≥ 50 | 10.375) = 8.1e−19 gives 8.78.
 */
export function detectBursts(counts: readonly number[], options: DetectBurstsOptions = {}): Burst[] {
  const baseline = options.baseline ?? 14;
  const threshold = options.z ?? 3;
  const minCount = options.minCount ?? 3;
  const minHistory = options.minHistory ?? Math.min(baseline, 7);
  if (!Number.isInteger(baseline) || baseline < 2)
    throw new InputError(
      'invalid_argument',
      `detectBursts: baseline must be an integer ≥ 2, got ${baseline}`,
    );
  if (!Number.isInteger(minHistory) || minHistory < 2 || minHistory > baseline)
    throw new InputError(
      'invalid_argument',
      `detectBursts: minHistory must be an integer in [2, baseline = ${baseline}], got ${minHistory}`,
    );
  if (!Number.isFinite(threshold)) throw new InputError('invalid_argument', 'detectBursts: z must be finite');
  if (!Number.isFinite(minCount))
    throw new InputError('invalid_argument', 'detectBursts: minCount must be finite');
  counts.forEach((count, index) => {
    if (!Number.isFinite(count) || count < 0)
      throw new InputError(
        'invalid_argument',
        `detectBursts: count ${index} must be finite and ≥ 0, got ${count}`,
      );
  });

  const bursts: Burst[] = [];
  for (let i = minHistory; i < counts.length; i++) {
    const count = counts[i] as number;
    if (count < minCount) continue;
    const { mean, sd } = windowStats(counts, Math.max(0, i - baseline), i);
    const moment = (count - mean) / Math.max(sd, Math.sqrt(Math.max(mean, 1)));
    if (moment < threshold) continue;
    const score = Math.min(moment, poissonTailZ(count, mean));
    if (score >= threshold) bursts.push({ index: i, count, expected: mean, z: score });
  }
  return bursts;
}

/** −Φ⁻¹(P(X ≥ x)) for X ~ Poisson(mean), with P(X ≥ k) = P(k, mean) (regularised lower gamma); ∞ when the tail underflows. */
function poissonTailZ(count: number, mean: number): number {
  const k = Math.ceil(count);
  if (k <= 0) return -Infinity;
  if (mean <= 0) return Infinity;
  const tail = regularizedLowerGamma(k, mean);
  if (tail <= 0) return Infinity;
  if (tail >= 1) return -Infinity;
  return -standardNormalQuantile(tail);
}

/**
 * Mean and sample standard deviation of counts[from … to − 1] by Welford's update (stable for
 * large counts). The window is at most `baseline` long, so this is O(baseline) per tested bucket
 * and only buckets reaching minCount are tested.
 */
export function windowStats(
  counts: readonly number[],
  from: number,
  to: number,
): { mean: number; sd: number } {
  let mean = 0;
  let squares = 0;
  let n = 0;
  for (let j = from; j < to; j++) {
    const value = counts[j] as number;
    n++;
    const delta = value - mean;
    mean += delta / n;
    squares += delta * (value - mean);
  }
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}
