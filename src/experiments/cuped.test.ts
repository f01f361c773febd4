import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createRng, normal } from '../core/random.js';
import { cuped, cupedEffect, cupedFromSums } from './cuped.js';
import { estimateEffect, meanMoments } from './sequential.js';

/** n units with pre-period X ~ N(10, 3²) and Y = 5 + effect + 0.8·X + N(0, σ²), corr(Y, X)² = ρ². */
function arm(rng: ReturnType<typeof createRng>, n: number, effect: number, noise: number) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = normal(rng, 10, 3);
    y[i] = 5 + effect + 0.8 * (x[i] as number) + normal(rng, 0, noise);
  }
  return { x, y };
}

describe('cuped', () => {
  it('reduces the variance by ≈ corr(Y, X)² and matches a per-unit recomputation', () => {
    const rng = createRng(1);
    const control = arm(rng, 20000, 0, 2);
    const treatment = arm(rng, 20000, 0.1, 2);
    const result = cuped(control, treatment);
    // ρ² = (0.8·3)² / ((0.8·3)² + 2²) = 5.76 / 9.76 = 0.5902
    expect(result.varianceReduction).toBeGreaterThan(0.57);
    expect(result.varianceReduction).toBeLessThan(0.61);
    expect(result.theta).toBeCloseTo(0.8, 1);
    // Direct: adjusted values y − θx, then the plain sample variance per arm.
    for (const [data, summary] of [
      [control, result.control],
      [treatment, result.treatment],
    ] as const) {
      const adjusted = data.y.map((y, i) => y - result.theta * (data.x[i] as number));
      const sum = adjusted.reduce((a, b) => a + b, 0);
      const squares = adjusted.reduce((a, b) => a + b * b, 0);
      const direct = meanMoments({ n: adjusted.length, sum, sumSquares: squares });
      expect(summary.mean).toBeCloseTo(direct.mean, 9);
      expect(summary.variance / direct.variance).toBeCloseTo(1, 9);
    }
    const adjusted = cupedEffect(result, 'absolute');
    const plain = estimateEffect(
      {
        n: result.control.n,
        mean: result.control.unadjustedMean,
        variance: result.control.unadjustedVariance,
      },
      {
        n: result.treatment.n,
        mean: result.treatment.unadjustedMean,
        variance: result.treatment.unadjustedVariance,
      },
      'absolute',
    );
    expect(adjusted.standardError ** 2 / plain.standardError ** 2).toBeCloseTo(
      1 - result.varianceReduction,
      12,
    );
  });

  it('is unbiased: the mean adjusted difference over 300 simulated experiments ≈ the planted effect', () => {
    const rng = createRng(2);
    let total = 0;
    let totalSquares = 0;
    const runs = 300;
    for (let r = 0; r < runs; r++) {
      const result = cuped(arm(rng, 400, 0, 2), arm(rng, 400, 0.25, 2));
      const effect = cupedEffect(result, 'absolute').pointEstimate;
      total += effect;
      totalSquares += effect * effect;
    }
    const mean = total / runs;
    const sd = Math.sqrt((totalSquares - runs * mean * mean) / (runs - 1));
    // s.e. of the mean ≈ sd / √300; 4 s.e. tolerance.
    expect(Math.abs(mean - 0.25)).toBeLessThan((4 * sd) / Math.sqrt(runs));
    // …and its spread matches the reported standard error (2·2²/400 → s.e. ≈ 0.1414).
    expect(sd).toBeGreaterThan(0.12);
    expect(sd).toBeLessThan(0.165);
  });

  it('sums and arrays agree; large offsets do not cancel', () => {
    const rng = createRng(3);
    const c = arm(rng, 500, 0, 1);
    const t = arm(rng, 500, 0.2, 1);
    const shift = (a: { x: Float64Array; y: Float64Array }) => ({
      x: a.x.map((v) => v + 1e8),
      y: a.y.map((v) => v + 1e8),
    });
    const plain = cuped(c, t);
    const shifted = cuped(shift(c), shift(t));
    expect(shifted.theta).toBeCloseTo(plain.theta, 6);
    expect(cupedEffect(shifted, 'absolute').pointEstimate).toBeCloseTo(
      cupedEffect(plain, 'absolute').pointEstimate,
      5,
    );
    const sums = (a: { x: Float64Array; y: Float64Array }) => ({
      post: {
        n: a.y.length,
        sum: a.y.reduce((s, v) => s + v, 0),
        sumSquares: a.y.reduce((s, v) => s + v * v, 0),
      },
      pre: {
        n: a.x.length,
        sum: a.x.reduce((s, v) => s + v, 0),
        sumSquares: a.x.reduce((s, v) => s + v * v, 0),
      },
      sumOfProducts: a.x.reduce((s, v, i) => s + v * (a.y[i] as number), 0),
    });
    const fromSums = cupedFromSums(sums(c), sums(t));
    expect(fromSums.theta).toBeCloseTo(plain.theta, 10);
    expect(fromSums.control.mean).toBeCloseTo(plain.control.mean, 10);
    expect(cupedEffect(fromSums).pointEstimate).toBeCloseTo(cupedEffect(plain).pointEstimate, 10);
  });

  it('gbstats compute_theta on the seq_two_sided_cuped_rel sums: θ = −0.0114032…', () => {
    // Pooled: cov = (2 − 3819.57·39.57/6461)/6460, var_pre = (1876.2667 − 39.57²/6461)/6460.
    const result = cupedFromSums(
      {
        post: { n: 3000, sum: 1396.87, sumSquares: 52377.9767 },
        pre: { n: 3000, sum: 16.87, sumSquares: 527.9767 },
        sumOfProducts: 1,
      },
      {
        post: { n: 3461, sum: 2422.7, sumSquares: 134698.29 },
        pre: { n: 3461, sum: 22.7, sumSquares: 1348.29 },
        sumOfProducts: 1,
      },
    );
    const cov = (2 - (3819.57 * 39.57) / 6461) / 6460;
    const varPre = (1876.2667 - (39.57 * 39.57) / 6461) / 6460;
    expect(result.theta).toBeCloseTo(cov / varPre, 14);
    expect(result.theta).toBeCloseTo(-0.011403222553755, 12);
    // Relative lift 0.50338 (gbstats vector; the full interval is checked in sequential.test.ts).
    expect(Math.round(cupedEffect(result).pointEstimate * 1e5) / 1e5).toBe(0.50338);
  });

  it('no pre-period variance → θ = 0 and no reduction; bad input throws', () => {
    const flat = cuped({ y: [1, 2, 3], x: [5, 5, 5] }, { y: [2, 3, 4], x: [5, 5, 5] });
    expect(flat.theta).toBe(0);
    expect(flat.varianceReduction).toBe(0);
    expect(() => cuped({ y: [1], x: [1] }, { y: [1, 2], x: [1, 2] })).toThrow(/at least 2 units/);
    expect(() => cuped({ y: [], x: [] }, { y: [1, 2], x: [1, 2] })).toThrow(InputError);
    expect(() => cuped({ y: [1, 2], x: [1] }, { y: [1, 2], x: [1, 2] })).toThrow(/pre-period/);
    expect(() => cuped({ y: [1, Number.NaN], x: [1, 2] }, { y: [1, 2], x: [1, 2] })).toThrow(/finite/);
    expect(() => cupedEffect(cuped({ y: [0, 0], x: [1, 2] }, { y: [0, 0], x: [1, 3] }))).toThrow(InputError);
  });
});
