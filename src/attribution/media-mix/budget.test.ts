import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { allocateBudget, type BudgetCurve, optimizeBudget } from './budget.js';
import type { MediaMixFit } from './fit-media-mix.js';
import { steadyStateMarginalResponse } from './hill.js';

const curve = (channel: string, beta: number, k: number, shape = 1, theta = 0): BudgetCurve => ({
  channel,
  params: { adstockDecay: theta, halfSaturation: k, shape, maxResponse: beta },
  minSpend: 0,
  maxSpend: 1e9,
});

describe('allocateBudget', () => {
  it('matches the closed-form optimum of two concave Hill curves', () => {
    // R_i = β x/(K + x): equal marginals √(β₁K₁)/(K₁ + x₁) = √(β₂K₂)/(K₂ + x₂) with x₁ + x₂ = T give
    // x₁ = (a(K₂ + T) − b K₁)/(a + b), a = √1000, b = √4000 → x₁ = 500/3.
    const result = allocateBudget([curve('a', 10, 100), curve('b', 10, 400)], 300);
    expect(result.spend[0]).toBeCloseTo(500 / 3, 4);
    expect(result.spend[1]).toBeCloseTo(400 / 3, 4);
    expect(result.expectedConversions).toBeCloseTo(
      (10 * 500) / 3 / (100 + 500 / 3) + (10 * 400) / 3 / (400 + 400 / 3),
      8,
    );
  });

  it('equalises steady-state marginal returns of interior channels and respects bounds (adstock, s ≠ 1)', () => {
    const curves = [
      curve('a', 20, 1000, 0.8, 0.5),
      curve('b', 8, 300, 0.9, 0.2),
      { ...curve('c', 30, 5000, 1, 0.7), maxSpend: 500 },
      { ...curve('d', 1, 1e6, 1, 0), minSpend: 200 },
    ];
    const result = allocateBudget(curves, 4000);
    expect(result.spend.reduce((s, v) => s + v, 0)).toBeCloseTo(4000, 6);
    expect(result.spend[2]).toBeCloseTo(500, 6);
    expect(result.spend[3]).toBeCloseTo(200, 6);
    const m0 = steadyStateMarginalResponse(
      result.spend[0] as number,
      curves[0]?.params as BudgetCurve['params'],
    );
    const m1 = steadyStateMarginalResponse(
      result.spend[1] as number,
      curves[1]?.params as BudgetCurve['params'],
    );
    expect(Math.abs(m0 / m1 - 1)).toBeLessThan(1e-4);
  });

  it('gives clear errors for infeasible inputs', () => {
    const two = [curve('a', 10, 100), curve('b', 10, 400)];
    expect(() => allocateBudget(two, -1)).toThrow(/≥ 0/);
    expect(() => allocateBudget([{ ...curve('a', 10, 100), minSpend: -5 }], 10)).toThrow(/minimum spend/);
    expect(() => allocateBudget([{ ...curve('a', 10, 100), minSpend: 50, maxSpend: 10 }], 10)).toThrow(
      /below its minimum/,
    );
    expect(() =>
      allocateBudget(
        [{ ...two[0], minSpend: 200 } as BudgetCurve, { ...two[1], minSpend: 200 } as BudgetCurve],
        300,
      ),
    ).toThrow(/below the sum of the minimums/);
    expect(() =>
      allocateBudget(
        [{ ...two[0], maxSpend: 100 } as BudgetCurve, { ...two[1], maxSpend: 100 } as BudgetCurve],
        300,
      ),
    ).toThrow(/above the sum of the maximums/);
    try {
      allocateBudget([], 1);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
    }
  });
});

describe('optimizeBudget', () => {
  const fit: MediaMixFit = {
    priorScale: 1,
    holdoutFraction: 0.2,
    channels: ['a', 'b'].map((channel, i) => ({
      channel,
      params: { adstockDecay: 0, halfSaturation: i === 0 ? 100 : 400, shape: 1, maxResponse: 10 },
      standardErrors: null,
      lower95: null,
      upper95: null,
      unconstrained: {
        // z = (logit(θ/0.95), log(K/K₀), logit((s − 0.5)/2.5), log(β/β₀)); θ ≈ 0 approximated by logit → −30
        estimate: [-30, 0, Math.log(0.5 / 2), 0],
        covariance: [
          [0.01, 0, 0, 0],
          [0, 0.01, 0, 0],
          [0, 0, 0.01, 0],
          [0, 0, 0, 0.01],
        ],
        halfSaturationScale: i === 0 ? 100 : 400,
        maxResponseScale: 10,
      },
      converged: true,
      logLikelihood: 0,
      days: 100,
      holdout: null,
      currentDailySpend: 150,
      expectedConversionsAtCurrent: 0,
      marginalConversionsPerSpend: 0,
      valuePerConversion: null,
      marginalRoi: null,
      curve: [],
    })),
  };

  it('reports uplift over the current allocation with a seeded interval', () => {
    const plan = optimizeBudget(fit, { totalDailyBudget: 300, draws: 400, seed: 3 });
    expect(plan.channels[0]?.optimizedSpend).toBeCloseTo(500 / 3, 4);
    const now = (10 * 150) / 250 + (10 * 150) / 550;
    expect(plan.currentConversions).toBeCloseTo(now, 10);
    expect(plan.uplift).toBeGreaterThan(0);
    expect(plan.relativeUplift).toBeCloseTo(plan.optimizedConversions / now - 1, 12);
    expect(plan.upliftInterval?.lower as number).toBeLessThan(plan.upliftInterval?.upper as number);
    expect(optimizeBudget(fit, { totalDailyBudget: 300, draws: 400, seed: 3 })).toEqual(plan);
    expect(optimizeBudget(fit, { totalDailyBudget: 300, draws: 0 }).upliftInterval).toBeNull();
  });

  it('rejects unknown channels, negative current spend and a negative total', () => {
    expect(() => optimizeBudget(fit, { totalDailyBudget: 300, bounds: { zzz: { min: 1 } } })).toThrow(
      /unknown channel 'zzz'/,
    );
    expect(() => optimizeBudget(fit, { totalDailyBudget: 300, current: { a: -1 } })).toThrow(/current spend/);
    expect(() => optimizeBudget(fit, { totalDailyBudget: -300 })).toThrow(/≥ 0/);
  });
});
