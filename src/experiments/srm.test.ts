import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { sampleRatioMismatchTest } from './srm.js';

describe('sampleRatioMismatchTest', () => {
  it('matches scipy.stats.chisquare', () => {
    // python3 -c "from scipy import stats; print(stats.chisquare([10000, 10400, 9800]))"
    const r = sampleRatioMismatchTest([10000, 10400, 9800]);
    expect(r.statistic).toBeCloseTo(18.543046357615893, 12);
    expect(r.pValue).toBeCloseTo(9.406512665797132e-5, 17);
    expect(r.degreesOfFreedom).toBe(2);
    expect(r.mismatch).toBe(true);
    // python3 -c "from scipy import stats; print(stats.chisquare([20210, 79790], [20000, 80000]))"
    const weighted = sampleRatioMismatchTest([20210, 79790], { expectedWeights: [0.2, 0.8] });
    expect(weighted.statistic).toBeCloseTo(2.75625, 12);
    expect(weighted.pValue).toBeCloseTo(0.09687507502627439, 13);
    expect(weighted.expected).toEqual([20000, 80000]);
    expect(weighted.mismatch).toBe(false);
  });

  it('perfect split has statistic 0 and p 1; an empty arm is a huge mismatch', () => {
    expect(sampleRatioMismatchTest([500, 500]).pValue).toBe(1);
    const empty = sampleRatioMismatchTest([1000, 0]);
    expect(empty.mismatch).toBe(true);
    expect(empty.pValue).toBeLessThan(1e-200);
  });

  it('bad input throws InputError', () => {
    expect(() => sampleRatioMismatchTest([100])).toThrow(/at least 2 arms/);
    expect(() => sampleRatioMismatchTest([0, 0])).toThrow(/no users/);
    expect(() => sampleRatioMismatchTest([1, -1])).toThrow(InputError);
    expect(() => sampleRatioMismatchTest([1.5, 2])).toThrow(InputError);
    expect(() => sampleRatioMismatchTest([1, 2], { expectedWeights: [1] })).toThrow(InputError);
    expect(() => sampleRatioMismatchTest([1, 2], { expectedWeights: [1, 0] })).toThrow(InputError);
    expect(() => sampleRatioMismatchTest([1, 2], { threshold: 0 })).toThrow(InputError);
  });
});
