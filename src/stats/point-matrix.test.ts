import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  checkPointMatrix,
  countDistinctRows,
  meanColumnVariance,
  nearestCenters,
  nearestTwo,
} from './point-matrix.js';

describe('point matrix helpers', () => {
  it('validates shape and values', () => {
    expect(checkPointMatrix(Float64Array.of(1, 2, 3, 4), 2, 'f')).toBe(2);
    expect(() => checkPointMatrix(Float64Array.of(1, 2, 3), 2, 'f')).toThrow(
      'f: 3 values do not form rows of 2 features',
    );
    expect(() => checkPointMatrix(Float64Array.of(1, 2), 0, 'f')).toThrow(InputError);
    expect(() => checkPointMatrix(Float64Array.of(1, 2), 1.5, 'f')).toThrow(/positive integer/);
    expect(() => checkPointMatrix(new Float64Array(0), 2, 'f')).toThrow('f needs at least one point');
    expect(() => checkPointMatrix(Float64Array.of(1, 2, 3, Number.POSITIVE_INFINITY), 2, 'f')).toThrow(
      'f: point 1, feature 1 is not a finite number (Infinity)',
    );
  });

  it('counts distinct rows up to a limit (0 and −0 are equal)', () => {
    const points = Float64Array.of(1, 2, 1, 2, 0, 0, -0, 0, 3, 4);
    expect(countDistinctRows(points, 2)).toBe(3);
    expect(countDistinctRows(points, 2, 2)).toBe(2);
    expect(countDistinctRows(Float64Array.of(7, 7, 7), 1)).toBe(1);
  });

  it('assigns to the nearest centre, lowest index on ties, with the second-nearest distance', () => {
    const centers = Float64Array.of(0, 0, 2, 0, 0, 0, 10, 10, 1, 5);
    const out = new Float64Array(2);
    // (1, 0) is 1 from centres 0, 1 and 2 (centre 2 duplicates centre 0): the lowest index wins
    expect(nearestTwo(Float64Array.of(1, 0), 0, centers, 5, 2, out)).toBe(0);
    expect(Array.from(out)).toEqual([1, 1]);
    expect(nearestTwo(Float64Array.of(9, 9), 0, centers, 5, 2, out)).toBe(3);
    expect(Array.from(out)).toEqual([2, 80]);
    expect(nearestTwo(Float64Array.of(3), 0, Float64Array.of(1), 1, 1, out)).toBe(0);
    expect(out[1]).toBe(Number.POSITIVE_INFINITY);
    const { labels, inertia } = nearestCenters(Float64Array.of(1, 0, 9, 9, 1, 4), 2, centers);
    expect(Array.from(labels)).toEqual([0, 3, 4]);
    expect(inertia).toBe(1 + 2 + 1);
  });

  it('gives the mean population variance of the columns (numpy: np.var(X, axis=0).mean())', () => {
    // np.var([[1, 10], [2, 20], [3, 60]], axis=0).mean() = (0.6666… + 466.666…) / 2 = 233.6666…
    expect(meanColumnVariance(Float64Array.of(1, 10, 2, 20, 3, 60), 2)).toBeCloseTo(233.66666666666666, 10);
  });
});
