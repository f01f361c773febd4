import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { BG_NBD_PARAMS } from '../../demo/index.js';
import { centralDifferenceGradient } from '../../stats/optimize.js';
import { fitBgNbd } from './bg-nbd.js';
import { bgNbdLogLikelihood, bgNbdLogLikelihoodPrepared, prepareBgNbdData } from './bg-nbd-likelihood.js';
import { conditionalExpectedPurchases, expectedPurchases, probabilityOfPurchases } from './bg-nbd-predict.js';
import { simulateBgNbdGammaGamma } from './simulate.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow');

function readCdnowSummary() {
  const rows = readFileSync(resolve(shared, 'cdnow_customers_summary.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',').map(Number));
  const column = (k: number) => Float64Array.from(rows, (row) => row[k] as number);
  return { frequency: column(1), recency: column(2), age: column(3) };
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe.skipIf(!existsSync(shared))('fitBgNbd on CDNOW (needs ../shared/datasets/cdnow)', () => {
  const data = existsSync(shared) ? readCdnowSummary() : { frequency: [], recency: [], age: [] };
  const fit = existsSync(shared) ? fitBgNbd(data) : undefined;

  it('gives the published estimates (FHL 2005: 0.243, 4.414, 0.793, 2.426) within 1% and lifetimes’ to 1e-5', () => {
    if (!fit) return;
    const { r, alpha, a, b } = fit.params;
    expect(relative(r, 0.243)).toBeLessThan(0.01);
    expect(relative(alpha, 4.414)).toBeLessThan(0.01);
    expect(relative(a, 0.793)).toBeLessThan(0.01);
    expect(relative(b, 2.426)).toBeLessThan(0.01);
    // lifetimes docs/Quickstart.md: r 0.242593, alpha 4.413532, a 0.792886, b 2.425752
    expect(relative(r, 0.242593)).toBeLessThan(1e-5);
    expect(relative(alpha, 4.413532)).toBeLessThan(1e-5);
    expect(relative(a, 0.792886)).toBeLessThan(1e-5);
    expect(relative(b, 2.425752)).toBeLessThan(1e-5);
    // scipy reference (BFGS, gtol 1e-10, on the same file): LL = −9582.425560567364
    expect(fit.logLikelihood).toBeCloseTo(-9582.425560567364, 6);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
  });

  it('standard errors match lifetimes’ (0.012557, 0.378221, 0.185719, 0.705345) within 1%', () => {
    if (!fit) return;
    const se = fit.standardErrors;
    expect(relative(se.r, 0.012557)).toBeLessThan(0.01);
    expect(relative(se.alpha, 0.378221)).toBeLessThan(0.01);
    expect(relative(se.a, 0.185719)).toBeLessThan(0.01);
    expect(relative(se.b, 0.705345)).toBeLessThan(0.01);
    const cov = fit.covarianceLog as number[][];
    expect(cov).toHaveLength(4);
    expect(cov[0]?.[1]).toBe(cov[1]?.[0]);
    expect(Math.sqrt(cov[0]?.[0] as number) * fit.params.r).toBeCloseTo(se.r, 12);
  });

  it('predictions at the fitted parameters reproduce the published values', () => {
    if (!fit) return;
    // Hardie spreadsheet, lifetimes tests/test_estimation.py: 1.226
    expect(conditionalExpectedPurchases(fit.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    // lifetimes tests (atol 0.01 there): E[X(t)] at t = 0.1429, 1, 3, 31.8571, 32, 78
    const published = [
      [0.1429, 0.0078],
      [1, 0.0532],
      [3, 0.1506],
      [31.8571, 1.0405],
      [32, 1.0437],
      [78, 1.8576],
    ] as const;
    for (const [t, expected] of published)
      expect(Math.abs(expectedPurchases(fit.params, t) - expected)).toBeLessThan(5e-4);
    // R BTYD bgnbd.pmf gives 0.5737864 with the paper's rounded parameters (checked exactly in
    // bg-nbd-predict.test.ts); the unrounded estimates move it by 5e-4
    expect(Math.abs(probabilityOfPurchases(fit.params, 39, 0) - 0.5737864)).toBeLessThan(1e-3);
  });
});

describe('BG/NBD log-likelihood', () => {
  const rng = createRng(7);
  const ages = Float64Array.from({ length: 400 }, () => 10 + 94 * rng.next());
  const data = simulateBgNbdGammaGamma(rng, ages, BG_NBD_PARAMS);

  it('analytic gradient (log-parameters) equals central differences', () => {
    const prepared = prepareBgNbdData(data);
    const theta = Float64Array.from([Math.log(0.6), Math.log(4), Math.log(1.3), Math.log(1.9)]);
    const toParams = (t: Float64Array) => ({
      r: Math.exp(t[0] as number),
      alpha: Math.exp(t[1] as number),
      a: Math.exp(t[2] as number),
      b: Math.exp(t[3] as number),
    });
    const analytic = new Float64Array(4);
    bgNbdLogLikelihoodPrepared(prepared, toParams(theta), analytic);
    const numeric = new Float64Array(4);
    centralDifferenceGradient((t) => bgNbdLogLikelihoodPrepared(prepared, toParams(t)), theta, numeric);
    analytic.forEach((g, k) => {
      expect(Math.abs(g - (numeric[k] as number))).toBeLessThan(1e-5 * Math.max(1, Math.abs(g)));
    });
  });

  it('weights act as repeated customers', () => {
    const params = { r: 0.5, alpha: 5, a: 0.9, b: 2 };
    const doubled = {
      frequency: [...data.frequency, ...data.frequency],
      recency: [...data.recency, ...data.recency],
      age: [...data.age, ...data.age],
    };
    const weighted = bgNbdLogLikelihoodPrepared(
      prepareBgNbdData(data, new Float64Array(400).fill(2)),
      params,
    );
    expect(weighted).toBeCloseTo(bgNbdLogLikelihood(params, doubled), 8);
  });
});

describe('fitBgNbd parameter recovery (demo truth r 0.45, α 6, a 0.8, b 2.5)', () => {
  it('recovers the parameters within 3 standard errors, and the SEs match the spread over seeds', () => {
    const zScores: number[] = [];
    for (const seed of [11, 12, 13, 14, 15]) {
      const rng = createRng(seed);
      const ages = Float64Array.from({ length: 20_000 }, () => 10 + 94 * rng.next());
      const fit = fitBgNbd(simulateBgNbdGammaGamma(rng, ages, BG_NBD_PARAMS));
      expect(fit.converged).toBe(true);
      for (const name of ['r', 'alpha', 'a', 'b'] as const) {
        const z = (fit.params[name] - BG_NBD_PARAMS[name]) / fit.standardErrors[name];
        expect(Math.abs(z), `${name} seed ${seed}`).toBeLessThan(3);
        zScores.push(z);
      }
    }
    // 20 z-scores: if the SEs are right, their RMS is ≈ 1 (χ²₂₀ / 20 in 0.4 … 1.9 with 99.9%)
    const rms = Math.sqrt(zScores.reduce((s, z) => s + z * z, 0) / zScores.length);
    expect(rms).toBeGreaterThan(0.4);
    expect(rms).toBeLessThan(1.9);
  });
});

describe('fitBgNbd edge cases', () => {
  it('rejects no customers, no repeat purchases and invalid histories', () => {
    const fitOf = (frequency: number[], recency: number[], age: number[]) => () =>
      fitBgNbd({ frequency, recency, age });
    expect(fitOf([], [], [])).toThrow(/at least one customer/);
    expect(fitOf([0, 0], [0, 0], [5, 8])).toThrow(
      'fitBgNbd requires at least one customer with a repeat purchase',
    );
    expect(fitOf([1], [6], [5])).toThrow(/recency 6 is larger than age 5/);
    expect(fitOf([-1], [0], [5])).toThrow(/negative/);
    expect(fitOf([1], [Number.NaN], [5])).toThrow(/finite/);
    expect(fitOf([1.5], [1], [5])).toThrow(/whole number/);
    expect(fitOf([0], [2], [5])).toThrow(/recency must be 0 when frequency is 0/);
    expect(fitOf([1, 0], [1], [5, 5])).toThrow(/same length/);
    expect(() => fitBgNbd({ frequency: [1], recency: [1], age: [2] }, { penalizer: -1 })).toThrow(InputError);
    expect(() => fitBgNbd({ frequency: [1], recency: [1], age: [2] }, { starts: [] })).toThrow(InputError);
    expect(() => fitBgNbd({ frequency: [1], recency: [1], age: [2] }, { starts: 0 })).toThrow(InputError);
  });

  it('tiny or degenerate data still gives finite numbers (never NaN)', () => {
    // one repeat customer, zero-length histories among the others
    const fit = fitBgNbd({ frequency: [1, 0, 0, 0], recency: [1, 0, 0, 0], age: [2, 0, 3, 0] });
    for (const v of [...Object.values(fit.params), ...Object.values(fit.standardErrors), fit.logLikelihood])
      expect(Number.isNaN(v)).toBe(false);
    expect(fit.message.length).toBeGreaterThan(0);
  });

  it('identical customers: documented behaviour — not converged, infinite SEs, a message, no NaN', () => {
    // the likelihood has no interior maximum (parameters run off to infinity), as in lifetimes
    const fit = fitBgNbd({
      frequency: new Array(50).fill(2),
      recency: new Array(50).fill(10),
      age: new Array(50).fill(20),
    });
    expect(fit.converged).toBe(false);
    expect(fit.covarianceLog).toBeNull();
    expect(fit.standardErrors.r).toBe(Number.POSITIVE_INFINITY);
    expect(fit.message).toMatch(/standard errors unavailable: matrix is not positive definite/);
    for (const v of [...Object.values(fit.params), fit.logLikelihood]) expect(Number.isNaN(v)).toBe(false);
  });

  it('penalizer shrinks the parameters and explicit starts are honoured', () => {
    const rng = createRng(3);
    const ages = Float64Array.from({ length: 3000 }, () => 10 + 94 * rng.next());
    const data = simulateBgNbdGammaGamma(rng, ages, BG_NBD_PARAMS);
    const plain = fitBgNbd(data, { starts: [{ r: 1, alpha: 1, a: 1, b: 1 }] });
    const penalised = fitBgNbd(data, { penalizer: 0.01 });
    const size = (p: typeof plain.params) => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(size(penalised.params)).toBeLessThan(size(plain.params));
    const many = fitBgNbd(data, { starts: 6, seed: 9 });
    expect(many.params.r).toBeCloseTo(plain.params.r, 4);
  });
});
