import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  meansMinimumDetectableEffect,
  meansPower,
  meansSampleSize,
  proportionsMinimumDetectableEffect,
  proportionsPower,
  proportionsSampleSize,
} from './power.js';

// python3 -c "from statsmodels.stats.proportion import power_proportions_2indep as p, samplesize_proportions_2indep_onetail as s;
//   print(p(0.005, 0.05, 20000, return_results=False), s(0.005, 0.05, 0.8))"
describe('proportions', () => {
  it('power and sample size match statsmodels', () => {
    expect(proportionsPower(0.05, 0.005, 20000)).toBeCloseTo(0.6109930643284963, 14);
    const size = proportionsSampleSize(0.05, 0.005, 0.8);
    expect(size.treatmentUsers).toBeCloseTo(31233.43794013002, 8);
    expect(size.requiredTreatmentUsers).toBe(31234);
    expect(size.requiredControlUsers).toBe(31234);
  });

  it('the MDE reaches the requested power, both directions', () => {
    const up = proportionsMinimumDetectableEffect(0.05, 20000, 0.8);
    expect(proportionsPower(0.05, up, 20000)).toBeCloseTo(0.8, 12);
    const down = proportionsMinimumDetectableEffect(0.2, 5000, 0.9, { direction: 'decrease' });
    expect(down).toBeCloseTo(-0.025291253061021327, 12);
    expect(() =>
      proportionsMinimumDetectableEffect(0.2, 5000, 0.9, { alternative: 'greater', direction: 'decrease' }),
    ).toThrow(InputError);
  });

  it('one-sided tests need fewer users', () => {
    expect(proportionsSampleSize(0.05, 0.005, 0.8, { alternative: 'greater' }).treatmentUsers).toBeLessThan(
      proportionsSampleSize(0.05, 0.005, 0.8).treatmentUsers,
    );
  });

  it('bad input throws: rates at 0 or 1, zero effect, effect past 1, unreachable power', () => {
    expect(() => proportionsPower(0, 0.01, 100)).toThrow(InputError);
    expect(() => proportionsPower(1, -0.01, 100)).toThrow(InputError);
    expect(() => proportionsPower(0.5, 0, 100)).toThrow(InputError);
    expect(() => proportionsPower(0.95, 0.1, 100)).toThrow(InputError);
    expect(() => proportionsPower(0.5, 0.1, 0)).toThrow(InputError);
    expect(() => proportionsSampleSize(0.5, 0.1, 1)).toThrow(InputError);
    expect(() => proportionsMinimumDetectableEffect(0.5, 1, 0.99999)).toThrow(/does not reach/);
  });
});

// python3 -c "from statsmodels.stats.power import NormalIndPower as N; a=N(); print(a.power(0.1, 1000, 0.05),
//   a.solve_power(effect_size=0.1, nobs1=None, alpha=0.05, power=0.8))"
describe('means (NormalIndPower)', () => {
  it('power and sample size match statsmodels', () => {
    expect(meansPower(1, 10, 1000)).toBeCloseTo(0.6087794846454566, 14);
    expect(meansSampleSize(1, 10, 0.8).treatmentUsers).toBeCloseTo(1569.7721019023288, 6);
    expect(meansSampleSize(0.5, 3, 0.9, { ratio: 1.5 }).controlUsers).toBeCloseTo(1.5 * 630.4451645841887, 6);
  });

  it('MDE is the exact root of the power function (statsmodels solve_power stops ~1e-6 short)', () => {
    const mde = meansMinimumDetectableEffect(10, 1000, 0.8);
    expect(mde).toBeCloseTo(1.25290546405754, 12);
    expect(meansPower(mde, 10, 1000)).toBeCloseTo(0.8, 14);
    expect(meansMinimumDetectableEffect(10, 1000, 0.8, { alternative: 'less' })).toBeLessThan(0);
  });

  it('bad input throws', () => {
    expect(() => meansPower(1, 0, 10)).toThrow(InputError);
    expect(() => meansSampleSize(0, 1, 0.8)).toThrow(InputError);
    expect(() => meansSampleSize(1, 1, 0.01)).toThrow(/not above alpha/);
    expect(() => meansSampleSize(-1, 1, 0.8, { alternative: 'greater' })).toThrow(InputError);
    expect(() => meansMinimumDetectableEffect(1, 100, 0.8, { alpha: 1 })).toThrow(InputError);
  });
});
