import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  mean,
  median,
  medianAbsoluteDeviation,
  quantile,
  quantiles,
  standardDeviation,
  sum,
  variance,
} from './descriptive.js';

// Reference values from R 4.x: quantile(c(...), p) (type 7), var(), mad(constant = 1).
describe('descriptive statistics', () => {
  const x = [2, 4, 4, 4, 5, 5, 7, 9];

  it('matches R for mean, variance, sd, quantiles, median, mad', () => {
    expect(mean(x)).toBe(5);
    expect(variance(x)).toBeCloseTo(4.571428571428571, 14); // var(x)
    expect(standardDeviation(x)).toBeCloseTo(2.138089935299395, 14);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14);
    const q = quantiles(x, [0, 0.1, 0.5, 0.9, 1]);
    [2, 3.4, 4.5, 7.6, 9].forEach((v, i) => {
      expect(q[i]).toBeCloseTo(v, 12);
    });
    expect(median([3, 1, 2])).toBe(2);
    expect(medianAbsoluteDeviation(x)).toBe(0.5); // mad(x, constant = 1)
  });

  it('sums with compensation', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
    expect(sum([])).toBe(0);
  });

  it('handles n = 1 and constant input', () => {
    expect(variance([3])).toBe(0);
    expect(quantile([7], 0.3)).toBe(7);
    expect(medianAbsoluteDeviation([2, 2, 2])).toBe(0);
  });

  it('rejects empty input, NaN and bad probabilities with an InputError', () => {
    expect(() => mean([])).toThrow(InputError);
    expect(() => median([1, Number.NaN])).toThrow(/index 1 is not a finite number/);
    expect(() => quantile([1, 2], 1.5)).toThrow(/\[0, 1\]/);
  });

  it('does not mutate its input', () => {
    const input = [3, 1, 2];
    quantile(input, 0.5);
    expect(input).toEqual([3, 1, 2]);
  });
});
