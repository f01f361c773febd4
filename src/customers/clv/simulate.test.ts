import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { expectedPurchases, probabilityOfPurchases } from './bg-nbd-predict.js';
import { simulateBgNbdGammaGamma } from './simulate.js';

describe('simulateBgNbdGammaGamma', () => {
  const params = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 };

  it('is reproducible per seed and consistent with E[X(T)] and P(X(T) = 0)', () => {
    const ages = new Float64Array(40_000).fill(52);
    const one = simulateBgNbdGammaGamma(createRng(1), ages, params, { p: 6, q: 4, v: 15 });
    const two = simulateBgNbdGammaGamma(createRng(1), ages.subarray(0, 500), params, { p: 6, q: 4, v: 15 });
    expect([...two.frequency, ...two.recency, ...two.monetary]).toEqual([
      ...one.frequency.subarray(0, 500),
      ...one.recency.subarray(0, 500),
      ...one.monetary.subarray(0, 500),
    ]);
    const n = ages.length;
    const meanX = one.frequency.reduce((s, x) => s + x, 0) / n;
    const zeroShare = one.frequency.filter((x) => x === 0).length / n;
    // E[X(52)] = 2.04…, sd of X(52) ≈ 3 → standard error of the mean ≈ 0.015
    expect(Math.abs(meanX - expectedPurchases(params, 52))).toBeLessThan(0.06);
    expect(Math.abs(zeroShare - probabilityOfPurchases(params, 52, 0))).toBeLessThan(0.01);
    for (let i = 0; i < 1000; i++) {
      const x = one.frequency[i] as number;
      expect(one.recency[i]).toBeLessThanOrEqual(52);
      expect(x === 0 ? one.recency[i] === 0 && one.monetary[i] === 0 : (one.monetary[i] as number) > 0).toBe(
        true,
      );
      if (one.alive[i] === 0) expect(x).toBeGreaterThan(0);
    }
  });

  it('validates its input', () => {
    expect(() => simulateBgNbdGammaGamma(createRng(1), [5], { ...params, a: 0 })).toThrow(InputError);
    expect(() => simulateBgNbdGammaGamma(createRng(1), [-1], params)).toThrow(/age 0/);
    expect(() => simulateBgNbdGammaGamma(createRng(1), [1], params, { p: 1, q: 0, v: 1 })).toThrow(
      InputError,
    );
  });
});
