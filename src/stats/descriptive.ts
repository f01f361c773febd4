import { InputError } from '../core/errors.js';

/**
 * Descriptive statistics over numeric arrays: sum (Neumaier-compensated), mean, variance and
 * standard deviation (Welford), quantile (linear interpolation between order statistics, R's
 * type 7 = numpy's default), median and median absolute deviation. All functions are O(n) but
 * the quantile family, which sorts a copy (O(n log n)); inputs are never mutated.
 *
 * Empty input or a non-finite value is an InputError: a statistic of nothing is not NaN.
 *
 * Example: quantile([1, 2, 3, 4], 0.25) → 1.75 (R: quantile(1:4, 0.25) = 1.75).
 */

export type Numbers = ArrayLike<number>;

function checked(values: Numbers, what: string): void {
  if (values.length === 0) throw new InputError('invalid_argument', `${what} needs at least one value`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number))
      throw new InputError(
        'invalid_argument',
        `${what}: value at index ${i} is not a finite number (${values[i]})`,
      );
  }
}

/** Σ values with Neumaier's compensation (exact to ~1 ulp for sums of mixed magnitude). */
export function sum(values: Numbers): number {
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + compensation;
}

export function mean(values: Numbers): number {
  checked(values, 'mean');
  return sum(values) / values.length;
}

/** Sample variance (denominator n − 1; 0 for n = 1), by Welford's one-pass update. */
export function variance(values: Numbers): number {
  checked(values, 'variance');
  let m = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const delta = v - m;
    m += delta / (i + 1);
    m2 += delta * (v - m);
  }
  return values.length > 1 ? m2 / (values.length - 1) : 0;
}

export function standardDeviation(values: Numbers): number {
  return Math.sqrt(variance(values));
}

/** Sorted copy as a Float64Array (ascending). */
export function sortedCopy(values: Numbers): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

/** Quantile of already-sorted values (type 7); p in [0, 1]. */
export function quantileSorted(sorted: Numbers, p: number): number {
  if (sorted.length === 0) throw new InputError('invalid_argument', 'quantile needs at least one value');
  if (!(p >= 0 && p <= 1))
    throw new InputError('invalid_argument', `quantile probability must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

export function quantile(values: Numbers, p: number): number {
  checked(values, 'quantile');
  return quantileSorted(sortedCopy(values), p);
}

/** Several quantiles with one sort. */
export function quantiles(values: Numbers, ps: readonly number[]): number[] {
  checked(values, 'quantiles');
  const sorted = sortedCopy(values);
  return ps.map((p) => quantileSorted(sorted, p));
}

export function median(values: Numbers): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (unscaled; multiply by 1.4826 for a normal σ). */
export function medianAbsoluteDeviation(values: Numbers): number {
  const center = median(values);
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs((values[i] as number) - center);
  return median(deviations);
}
