import { InputError } from '../core/errors.js';

export interface Bin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export interface BinValuesOptions {
  /** Number of equal-width bins; default Sturges' rule ⌈log2 n⌉ + 1, capped at 50. */
  readonly binCount?: number;
}

/**
 * Equal-width histogram bins over [min, max] for a histogram chart. Each bin is [from, to) except the
 * last, which includes max. A constant sample gives one bin [v, v]; an empty sample gives no bins.
 * For large data, bin in SQL instead (`width_bucket`) and pass the counts.
 *
 * Sturges, H. A. (1926). The choice of a class interval. JASA 21(153), 65–66.
 * Cost: O(n).
 *
 * @example binValues([1, 2, 2, 3], { binCount: 2 }) // [{from:1,to:2,count:1},{from:2,to:3,count:3}]
 */
export function binValues(values: readonly number[], options: BinValuesOptions = {}): Bin[] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) {
      throw new InputError(
        'invalid_value',
        `binValues: values[${index}] must be a finite number, got ${value}`,
      );
    }
    min = Math.min(min, value);
    max = Math.max(max, value);
  });
  const { binCount } = options;
  if (binCount !== undefined && (!Number.isInteger(binCount) || binCount < 1)) {
    throw new InputError(
      'invalid_bin_count',
      `binValues: binCount must be a positive integer, got ${binCount}`,
    );
  }
  if (values.length === 0) return [];
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const count = binCount ?? Math.min(50, Math.ceil(Math.log2(values.length)) + 1);
  const width = (max - min) / count;
  const counts = new Array<number>(count).fill(0);
  for (const value of values) {
    const index = Math.min(count - 1, Math.floor((value - min) / width));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((binTotal, index) => ({
    from: min + index * width,
    to: index === count - 1 ? max : min + (index + 1) * width,
    count: binTotal,
  }));
}
