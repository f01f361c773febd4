import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { BG_NBD_PARAMS, GAMMA_GAMMA_PARAMS } from '../../demo/index.js';
import {
  conditionalExpectedAverageSpend,
  conditionalExpectedAverageSpendForCustomers,
  fitGammaGamma,
  gammaGammaLogLikelihood,
} from './gamma-gamma.js';
import { simulateBgNbdGammaGamma } from './simulate.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow');
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe.skipIf(!existsSync(shared))('fitGammaGamma on CDNOW (needs ../shared/datasets/cdnow)', () => {
  it('gives p = 6.25, q = 3.74, v = 15.44 within 1% and Hardie’s conditional expected average profit', () => {
    const rows = readFileSync(resolve(shared, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',').map(Number));
    const data = {
      frequency: Float64Array.from(rows, (row) => row[1] as number),
      monetary: Float64Array.from(rows, (row) => row[4] as number),
    };
    const fit = fitGammaGamma(data);
    expect(fit.customers).toBe(946);
    expect(relative(fit.params.p, 6.25)).toBeLessThan(0.01);
    expect(relative(fit.params.q, 3.74)).toBeLessThan(0.01);
    expect(relative(fit.params.v, 15.44)).toBeLessThan(0.01);
    // scipy reference (same likelihood, BFGS gtol 1e-10): p 6.248803137, q 3.744588394, v 15.447746296, LL −4055.9232435
    expect(relative(fit.params.p, 6.248803137454335)).toBeLessThan(1e-5);
    expect(relative(fit.params.q, 3.7445883943368363)).toBeLessThan(1e-5);
    expect(relative(fit.params.v, 15.447746296427946)).toBeLessThan(1e-5);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9232435028584, 6);
    expect(fit.converged).toBe(true);
    for (const se of Object.values(fit.standardErrors)) expect(se).toBeGreaterThan(0);
    // lifetimes docs/Quickstart.md: corr(monetary_value, frequency) among repeaters = 0.113884
    expect(fit.frequencySpendCorrelation).toBeCloseTo(0.113884, 5);
    // Hardie spreadsheet (lifetimes tests/test_estimation.py): first 10 customers
    const hardie = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const spend = conditionalExpectedAverageSpendForCustomers(fit.params, data);
    hardie.forEach((expected, i) => {
      expect(Math.abs((spend[i] as number) - expected)).toBeLessThan(0.01);
    });
    // lifetimes Quickstart: mean over all 2,357 customers 35.2529588256
    expect(spend.reduce((s, v) => s + v, 0) / spend.length).toBeCloseTo(35.2529588256, 4);
  });
});

describe('fitGammaGamma parameter recovery (demo truth p 6, q 4, v 15)', () => {
  it('recovers the parameters within 3 standard errors', () => {
    const truth = { p: GAMMA_GAMMA_PARAMS.p, q: GAMMA_GAMMA_PARAMS.q, v: GAMMA_GAMMA_PARAMS.gamma };
    for (const seed of [21, 22, 23]) {
      const rng = createRng(seed);
      const ages = Float64Array.from({ length: 30_000 }, () => 10 + 94 * rng.next());
      const data = simulateBgNbdGammaGamma(rng, ages, BG_NBD_PARAMS, truth);
      const fit = fitGammaGamma(data);
      expect(fit.converged).toBe(true);
      expect(fit.customers).toBeGreaterThan(10_000);
      for (const name of ['p', 'q', 'v'] as const)
        expect(
          Math.abs(fit.params[name] - truth[name]) / fit.standardErrors[name],
          `${name} seed ${seed}`,
        ).toBeLessThan(3);
      // independence of spend and counts holds by construction
      expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(0.05);
    }
  });
});

describe('Gamma-Gamma edge cases', () => {
  const data = {
    frequency: [1, 2, 3, 0, 1, 2, 4, 1, 2, 3, 1],
    monetary: [10, 12, 8, 0, 30, 9, 11, 14, 7, 22, 13],
  };

  it('conditional spend: x = 0 → population mean p·v/(q−1); shrinks towards it with few purchases', () => {
    const params = { p: 6, q: 4, v: 15 };
    expect(conditionalExpectedAverageSpend(params, 0, 0)).toBe(30);
    expect(conditionalExpectedAverageSpend(params, 0, 99)).toBe(30);
    const one = conditionalExpectedAverageSpend(params, 1, 60);
    const many = conditionalExpectedAverageSpend(params, 50, 60);
    expect(one).toBeGreaterThan(30);
    expect(many).toBeGreaterThan(one);
    expect(many).toBeLessThan(60);
    expect(() => conditionalExpectedAverageSpend({ p: 6, q: 1, v: 15 }, 1, 3)).toThrow(/q > 1/);
    expect(() => conditionalExpectedAverageSpend(params, 1.5, 3)).toThrow(InputError);
    expect(() => conditionalExpectedAverageSpend(params, 1, -3)).toThrow(InputError);
  });

  it('rejects zero or negative spend among repeaters, too few repeaters, NaN', () => {
    expect(() =>
      fitGammaGamma({ ...data, monetary: data.monetary.map((m, i) => (i === 2 ? 0 : m)) }),
    ).toThrow(/customer 2 has 3 repeat purchase\(s\) but mean spend 0/);
    expect(() =>
      fitGammaGamma({ ...data, monetary: data.monetary.map((m, i) => (i === 1 ? -5 : m)) }),
    ).toThrow(InputError);
    expect(() =>
      fitGammaGamma({ ...data, monetary: data.monetary.map((m, i) => (i === 1 ? Number.NaN : m)) }),
    ).toThrow(InputError);
    expect(() => fitGammaGamma({ frequency: [1, 0], monetary: [5, 0] })).toThrow(
      /at least 10 customers with a repeat purchase, got 1/,
    );
    expect(() => fitGammaGamma({ frequency: [1], monetary: [5, 6] })).toThrow(/same length/);
  });

  it('throws a clear error when every repeater has the same mean spend (not identified)', () => {
    expect(() =>
      fitGammaGamma({ frequency: new Array(20).fill(2), monetary: new Array(20).fill(10) }),
    ).toThrow(/same mean spend \(10\)/);
  });

  it('throws when the estimate has q ≤ 1 (infinite mean spend)', () => {
    // very heavy-tailed spend: mean spends spanning six orders of magnitude
    const rng = createRng(5);
    const frequency = Array.from({ length: 400 }, () => 1 + Math.floor(rng.next() * 3));
    const monetary = frequency.map(() => Math.exp(8 * (rng.next() - 0.5) ** 3 * 20));
    expect(() => fitGammaGamma({ frequency, monetary })).toThrow(/q = .* ≤ 1/);
  });

  it('small data gives finite estimates and a log-likelihood', () => {
    const fit = fitGammaGamma(data);
    for (const v of [...Object.values(fit.params), fit.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
    expect(gammaGammaLogLikelihood(fit.params, data)).toBeCloseTo(fit.logLikelihood, 10);
  });
});
