import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  meanArmFromSums,
  newcombeInterval,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
} from './frequentist.js';

// Values from statsmodels 0.13.5 / scipy 1.10.1 (more cases in golden.test.ts), e.g.
//   python3 -c "from statsmodels.stats.proportion import proportions_ztest; print(proportions_ztest([1100,1000],[20000,20000]))"
describe('twoProportionZTest', () => {
  const control = { conversions: 1000, users: 20000 };
  const treatment = { conversions: 1100, users: 20000 };

  it('pooled z, normal p, unpooled Wald interval, delta-method relative lift', () => {
    const r = twoProportionZTest(control, treatment);
    expect(r.statistic).toBeCloseTo(2.2418200205745373, 14);
    expect(r.pValue).toBeCloseTo(0.024973006760644276, 15);
    expect(r.difference).toBeCloseTo(0.005, 15);
    expect(r.degreesOfFreedom).toBeNull();
    // confint_proportions_2indep(1100, 20000, 1000, 20000, method='wald')
    expect(r.ci.lower).toBeCloseTo(0.0006289067946991297, 15);
    expect(r.ci.upper).toBeCloseTo(0.009371093205300865, 15);
    // relative: 0.055/0.05 − 1 = 0.1; SE² = (p_t(1−p_t)/n)/p_c² + (p_c(1−p_c)/n)·p_t²/p_c⁴
    const se = Math.sqrt(
      (0.055 * 0.945) / 20000 / 0.0025 + (((0.05 * 0.95) / 20000) * (0.055 * 0.055)) / 0.05 ** 4,
    );
    expect(r.relative?.estimate).toBeCloseTo(0.1, 14);
    expect(r.relative?.standardError).toBeCloseTo(se, 15);
    expect(r.relative?.ci.lower).toBeCloseTo(0.1 - 1.959963984540054 * se, 12);
  });

  it('one-sided alternatives halve the p-value and open one end of the interval', () => {
    const two = twoProportionZTest(control, treatment);
    const greater = twoProportionZTest(control, treatment, { alternative: 'greater' });
    const less = twoProportionZTest(control, treatment, { alternative: 'less' });
    expect(greater.pValue).toBeCloseTo(two.pValue / 2, 15);
    expect(less.pValue).toBeCloseTo(1 - two.pValue / 2, 14);
    expect(greater.ci.upper).toBe(Number.POSITIVE_INFINITY);
    expect(less.ci.lower).toBe(Number.NEGATIVE_INFINITY);
  });

  it('zero conversions in the control: test defined, relative lift null', () => {
    const r = twoProportionZTest({ conversions: 0, users: 500 }, { conversions: 4, users: 480 });
    expect(r.statistic).toBeCloseTo(2.045420047178307, 13);
    expect(r.relative).toBeNull();
  });

  it('no variation at all (0 or all conversions in both arms) throws insufficient_data', () => {
    for (const [c, t] of [
      [0, 0],
      [100, 200],
    ] as const) {
      const run = () =>
        twoProportionZTest(
          { conversions: c, users: c === 0 ? 100 : 100 },
          { conversions: t === 0 ? 0 : 200, users: 200 },
        );
      expect(run).toThrow(InputError);
      expect(run).toThrow(/no variation/);
    }
  });

  it('rates of 0 and 1 in different arms: defined test, Wald interval degenerates to a point (documented)', () => {
    const r = twoProportionZTest({ conversions: 0, users: 50 }, { conversions: 50, users: 50 });
    expect(r.statistic).toBeCloseTo(10, 12);
    expect(r.ci).toEqual({ lower: 1, upper: 1 });
    expect(Number.isNaN(r.pValue)).toBe(false);
  });

  it('a variant with no users, or impossible counts, throws InputError', () => {
    expect(() => twoProportionZTest({ conversions: 0, users: 0 }, treatment)).toThrow(
      /no users|positive whole number/,
    );
    expect(() => twoProportionZTest(control, { conversions: 30, users: 20 })).toThrow(InputError);
    expect(() => twoProportionZTest(control, { conversions: -1, users: 20 })).toThrow(InputError);
    expect(() => twoProportionZTest(control, { conversions: 1.5, users: 20 })).toThrow(InputError);
    expect(() => twoProportionZTest(control, treatment, { confidenceLevel: 1 })).toThrow(InputError);
  });
});

describe('welchTTest', () => {
  it('matches scipy ttest_ind_from_stats(equal_var=False) and the Welch–Satterthwaite df', () => {
    // python3 -c "from scipy import stats; print(stats.ttest_ind_from_stats(12.9, 30.25**.5, 45, 10.2, 16.81**.5, 50, equal_var=False))"
    const r = welchTTest({ n: 50, mean: 10.2, variance: 16.81 }, { n: 45, mean: 12.9, variance: 30.25 });
    expect(r.statistic).toBeCloseTo(2.688701320113291, 13);
    expect(r.pValue).toBeCloseTo(0.008708624137399168, 14);
    expect(r.degreesOfFreedom).toBeCloseTo(80.856413515061, 10);
    // statsmodels _tconfint_generic uses scipy 1.10 t.ppf, itself off by ~1e-10 (see distributions.test.ts).
    expect(r.ci.lower).toBeCloseTo(0.7018986654168373, 9);
    expect(r.ci.upper).toBeCloseTo(4.698101334583165, 9);
  });

  it('n = 2 per arm works; one zero variance works; both zero throws', () => {
    expect(welchTTest({ n: 2, mean: 1, variance: 0.5 }, { n: 3, mean: 4, variance: 1 }).pValue).toBeCloseTo(
      0.03157764046254748,
      13,
    );
    const oneConstant = welchTTest({ n: 10, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 1 });
    expect(oneConstant.degreesOfFreedom).toBeCloseTo(4, 12);
    expect(() => welchTTest({ n: 10, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 0 })).toThrow(
      /zero variance/,
    );
  });

  it('n = 1 or 0, NaN mean, negative variance throw InputError', () => {
    const ok = { n: 10, mean: 1, variance: 1 };
    expect(() => welchTTest({ n: 1, mean: 1, variance: 0 }, ok)).toThrow(/at least 2 units/);
    expect(() => welchTTest({ n: 0, mean: 0, variance: 0 }, ok)).toThrow(InputError);
    expect(() => welchTTest({ n: 10, mean: Number.NaN, variance: 1 }, ok)).toThrow(InputError);
    expect(() => welchTTest({ n: 10, mean: 1, variance: -1 }, ok)).toThrow(InputError);
  });

  it('control mean 0 gives a null relative lift', () => {
    expect(welchTTest({ n: 10, mean: 0, variance: 1 }, { n: 10, mean: 1, variance: 1 }).relative).toBeNull();
  });
});

describe('meanArmFromSums', () => {
  it('mean and sample variance from running sums', () => {
    expect(meanArmFromSums({ n: 4, sum: 10, sumOfSquares: 30 })).toEqual({
      n: 4,
      mean: 2.5,
      variance: 5 / 3,
    });
    expect(() => meanArmFromSums({ n: 1, sum: 1, sumOfSquares: 1 })).toThrow(InputError);
  });
});

describe('Wilson and Newcombe intervals', () => {
  it('are defined at 0 and at n conversions', () => {
    // proportion_confint(0, 500, method='wilson') → (4.3e-19, 0.007624340461552245)
    const zero = wilsonInterval({ conversions: 0, users: 500 });
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(0.007624340461552245, 15);
    const all = wilsonInterval({ conversions: 20, users: 20 });
    expect(all.upper).toBe(1);
    const both = newcombeInterval({ conversions: 0, users: 100 }, { conversions: 0, users: 100 });
    expect(both.lower).toBeLessThan(0);
    expect(both.upper).toBeGreaterThan(0);
    expect(both.upper).toBeCloseTo(-both.lower, 15);
  });

  it('n = 1 works; no users throws', () => {
    const one = wilsonInterval({ conversions: 1, users: 1 });
    expect(one.lower).toBeGreaterThan(0);
    expect(() => wilsonInterval({ conversions: 0, users: 0 })).toThrow(InputError);
    expect(() => newcombeInterval({ conversions: 0, users: 0 }, { conversions: 0, users: 1 })).toThrow(
      InputError,
    );
  });
});
