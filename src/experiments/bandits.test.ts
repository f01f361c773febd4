import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { simulateBandit, thompsonAllocation, ucb1Choice } from './bandits.js';

const rates = [0.05, 0.06, 0.08];
const horizon = 20000;
// Fixed equal split, round robin: 6667 / 6667 / 6666 users → regret 6667 · 0.03 + 6667 · 0.02 = 333.35.
const fixedRegret = 6667 * 0.03 + 6667 * 0.02;

describe('simulateBandit on planted rates 0.05 / 0.06 / 0.08, horizon 20,000', () => {
  const results = Object.fromEntries(
    (['thompson', 'ucb1', 'fixed-split'] as const).map((policy) => [
      policy,
      simulateBandit({ rates, horizon, policy, seed: 42 }),
    ]),
  );

  it('Thompson and UCB1 have lower regret than a fixed equal split', () => {
    const fixed = results['fixed-split'];
    const thompson = results.thompson;
    const ucb1 = results.ucb1;
    console.log(
      `regret at 20k: fixed split ${fixed?.totalRegret.toFixed(1)}, UCB1 ${ucb1?.totalRegret.toFixed(1)}, ` +
        `Thompson ${thompson?.totalRegret.toFixed(1)}; pulls Thompson ${thompson?.pulls.join('/')}, UCB1 ${ucb1?.pulls.join('/')}`,
    );
    expect(fixed?.totalRegret).toBeCloseTo(fixedRegret, 6);
    expect(thompson?.totalRegret).toBeLessThan(0.5 * fixedRegret);
    expect(ucb1?.totalRegret).toBeLessThan(fixedRegret);
    // Thompson sends most traffic to the best arm.
    expect(thompson?.bestArm).toBe(2);
    expect((thompson?.pulls[2] as number) / horizon).toBeGreaterThan(0.7);
  });

  it('regret curve is non-decreasing, has one entry per user and ends at totalRegret; pulls sum to horizon', () => {
    for (const r of Object.values(results)) {
      expect(r.cumulativeRegret.length).toBe(horizon);
      expect(r.cumulativeRegret[horizon - 1]).toBe(r.totalRegret);
      for (let t = 1; t < horizon; t++)
        expect(r.cumulativeRegret[t] as number).toBeGreaterThanOrEqual(r.cumulativeRegret[t - 1] as number);
      expect(r.pulls.reduce((a, b) => a + b, 0)).toBe(horizon);
    }
  });

  it('is deterministic per seed and differs across seeds', () => {
    const again = simulateBandit({ rates, horizon: 3000, policy: 'thompson', seed: 42 });
    const same = simulateBandit({ rates, horizon: 3000, policy: 'thompson', seed: 42 });
    const other = simulateBandit({ rates, horizon: 3000, policy: 'thompson', seed: 43 });
    expect(same).toEqual(again);
    expect(other.pulls).not.toEqual(again.pulls);
  });

  it('wins across seeds, not just one (5 seeds, horizon 20k)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(simulateBandit({ rates, horizon, policy: 'thompson', seed }).totalRegret).toBeLessThan(
        fixedRegret,
      );
      expect(simulateBandit({ rates, horizon, policy: 'ucb1', seed }).totalRegret).toBeLessThan(fixedRegret);
    }
  });
});

describe('allocation helpers', () => {
  it('thompsonAllocation ≈ P(best); new arms with no users are explored', () => {
    const w = thompsonAllocation(
      [
        { users: 1000, conversions: 50 },
        { users: 1000, conversions: 80 },
      ],
      { samples: 20000, seed: 7 },
    );
    // P(Beta(81, 921) > Beta(51, 951)) = 0.996746 (scipy quad of B.pdf·A.cdf); MC s.e. ≈ 0.0004.
    expect(w[1]).toBeGreaterThan(0.995);
    expect((w[0] as number) + (w[1] as number)).toBeCloseTo(1, 12);
    const cold = thompsonAllocation([
      { users: 0, conversions: 0 },
      { users: 0, conversions: 0 },
    ]);
    expect(cold[0]).toBeGreaterThan(0.45);
    expect(cold[0]).toBeLessThan(0.55);
  });

  it('ucb1Choice plays untried arms first, then the upper bound', () => {
    expect(
      ucb1Choice([
        { users: 10, conversions: 1 },
        { users: 0, conversions: 0 },
      ]),
    ).toBe(1);
    expect(
      ucb1Choice([
        { users: 1000, conversions: 100 },
        { users: 1000, conversions: 200 },
      ]),
    ).toBe(1);
    // All conversions / zero conversions are fine.
    expect(
      ucb1Choice([
        { users: 5, conversions: 5 },
        { users: 5, conversions: 0 },
      ]),
    ).toBe(0);
  });

  it('bad input throws InputError', () => {
    expect(() => simulateBandit({ rates: [0.1], horizon: 10, policy: 'ucb1', seed: 1 })).toThrow(/two rates/);
    expect(() => simulateBandit({ rates: [0.1, 1.2], horizon: 10, policy: 'ucb1', seed: 1 })).toThrow(
      InputError,
    );
    expect(() => simulateBandit({ rates: [0.1, 0.2], horizon: 0, policy: 'ucb1', seed: 1 })).toThrow(
      /horizon/,
    );
    expect(() =>
      simulateBandit({ rates: [0.1, 0.2], horizon: 10, policy: 'ucb1', seed: Number.NaN }),
    ).toThrow(InputError);
    expect(() =>
      ucb1Choice([
        { users: 3, conversions: 4 },
        { users: 1, conversions: 0 },
      ]),
    ).toThrow(InputError);
    expect(() => thompsonAllocation([{ users: 3, conversions: 1 }])).toThrow(/two arms/);
  });
});
