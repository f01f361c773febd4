import { describe, expect, it } from 'vitest';
import { expectedRevenue } from './expected-revenue.js';

describe('expectedRevenue', () => {
  it('matches the delta method and the beta posterior quantiles (scipy)', () => {
    // python3: p = .3, n = 100, se = 50·√(p(1 − p)/n) = 2.29128784747792; 15 ∓ norm.ppf(.975)·se →
    // [10.509158340728973, 19.490841659271027]; beta(31, 71).ppf([.025, .975])·50 →
    // [10.94893632, 19.80735643]; posterior mean 31/102·50 = 15.196078431372548
    const result = expectedRevenue(
      [{ name: 'coupon', outcomes: [{ value: 50, successes: 30, trials: 100 }] }],
      {
        draws: 40_000,
        seed: 11,
      },
    );
    const s = result.strategies[0];
    expect(s?.expected).toBeCloseTo(15, 12);
    expect(s?.posteriorMean).toBeCloseTo(15.196078431372548, 12);
    expect(s?.deltaInterval.lower).toBeCloseTo(10.509158340728973, 7);
    expect(s?.deltaInterval.upper).toBeCloseTo(19.490841659271027, 7);
    expect(s?.deltaInterval.standardError).toBeCloseTo(2.29128784747792, 12);
    // (delta bounds to 1e-7: normalQuantile is Acklam, relative error < 1.2e-9)
    // Monte-Carlo quantiles: SE of a 2.5 % quantile at 40 000 draws ≈ 0.05
    expect(Math.abs((s?.credibleInterval.lower as number) - 10.94893632)).toBeLessThan(0.2);
    expect(Math.abs((s?.credibleInterval.upper as number) - 19.80735643)).toBeLessThan(0.2);
    expect(s?.probabilityBest).toBe(1);
  });

  it('sums outcomes, keeps known probabilities fixed and ranks strategies', () => {
    // python3: √(120²·.04·.96/500 + 5²·.1·.9/500) = 1.0537646796130529; 5.3 ∓ 1.96·se → [3.23466, 7.36534]
    const result = expectedRevenue(
      [
        {
          name: 'coupon',
          outcomes: [
            { label: 'buy', value: 120, successes: 20, trials: 500 },
            { label: 'click', value: 5, successes: 50, trials: 500 },
          ],
        },
        { name: 'nothing', outcomes: [{ value: 100, probability: 0.02 }] },
      ],
      { seed: 5 },
    );
    const [coupon, nothing] = result.strategies;
    expect(coupon?.expected).toBeCloseTo(5.3, 12);
    expect(coupon?.deltaInterval.lower).toBeCloseTo(3.2346591797780273, 7);
    expect(nothing?.expected).toBeCloseTo(2, 12);
    expect(nothing?.deltaInterval.standardError).toBe(0);
    expect(nothing?.credibleInterval).toEqual({ lower: 2, upper: 2 });
    expect((coupon?.probabilityBest as number) + (nothing?.probabilityBest as number)).toBeCloseTo(1, 12);
    expect(coupon?.probabilityBest as number).toBeGreaterThan(0.99);
    expect(
      expectedRevenue([{ name: 'x', outcomes: [{ value: 1, successes: 1, trials: 3 }] }], { seed: 5 }),
    ).toEqual(
      expectedRevenue([{ name: 'x', outcomes: [{ value: 1, successes: 1, trials: 3 }] }], { seed: 5 }),
    );
  });

  it('handles zero successes without NaN and rejects bad input', () => {
    const zero = expectedRevenue([{ name: 'z', outcomes: [{ value: 10, successes: 0, trials: 50 }] }]);
    expect(zero.strategies[0]?.expected).toBe(0);
    expect(zero.strategies[0]?.credibleInterval.upper as number).toBeGreaterThan(0);
    expect(JSON.stringify(zero)).not.toMatch(/NaN|null/);
    expect(() => expectedRevenue([{ name: 'a', outcomes: [{ value: 1, successes: 0, trials: 0 }] }])).toThrow(
      /trials must be/,
    );
    expect(() => expectedRevenue([{ name: 'a', outcomes: [{ value: 1, successes: 5, trials: 3 }] }])).toThrow(
      /successes/,
    );
    expect(() => expectedRevenue([{ name: 'a', outcomes: [{ value: 1, probability: 1.5 }] }])).toThrow(
      /probability/,
    );
    expect(() => expectedRevenue([{ name: 'a', outcomes: [{ value: 1 }] }])).toThrow(/either probability/);
    expect(() => expectedRevenue([{ name: 'a', outcomes: [] }])).toThrow(/no outcomes/);
    expect(() => expectedRevenue([])).toThrow(/at least one/);
  });
});
