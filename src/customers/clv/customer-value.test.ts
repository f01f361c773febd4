import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { BG_NBD_PARAMS } from '../../demo/index.js';
import { fitBgNbd } from './bg-nbd.js';
import { conditionalExpectedPurchases } from './bg-nbd-predict.js';
import { bootstrapClvFits } from './bootstrap.js';
import { customerLifetimeValue, customerLifetimeValueIntervals } from './customer-value.js';
import { conditionalExpectedAverageSpend, fitGammaGamma } from './gamma-gamma.js';
import { simulateBgNbdGammaGamma } from './simulate.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow');
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe.skipIf(!existsSync(shared))(
  'customerLifetimeValue on CDNOW (needs ../shared/datasets/cdnow)',
  () => {
    it('reproduces lifetimes’ Quickstart 12-period CLV (discount 0.01, freq "D" → periods of 30 weeks) to 1e-4', () => {
      const rows = readFileSync(resolve(shared, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(',').map(Number));
      const column = (k: number) => Float64Array.from(rows, (row) => row[k] as number);
      const data = { frequency: column(1), recency: column(2), age: column(3), monetary: column(4) };
      const bg = fitBgNbd(data);
      const gg = fitGammaGamma(data);
      const value = customerLifetimeValue(bg.params, gg.params, data, {
        periods: 12,
        periodLength: 30,
        discountRate: 0.01,
      });
      // lifetimes docs/Quickstart.md, customers 1..10
      const lifetimes = [
        140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216,
        38.180574,
      ];
      lifetimes.forEach((expected, i) => {
        expect(relative(value[i] as number, expected)).toBeLessThan(1e-4);
      });

      // parameter-uncertainty intervals contain the point value and are ordered
      const subset = {
        frequency: data.frequency.subarray(0, 10),
        recency: data.recency.subarray(0, 10),
        age: data.age.subarray(0, 10),
        monetary: data.monetary.subarray(0, 10),
      };
      const intervals = customerLifetimeValueIntervals(bg, gg, subset, {
        periods: 12,
        periodLength: 30,
        discountRate: 0.01,
        draws: 200,
        level: 0.9,
        seed: 4,
      });
      for (let i = 0; i < 10; i++) {
        expect(intervals.lower[i]).toBeLessThan(intervals.value[i] as number);
        expect(intervals.upper[i]).toBeGreaterThan(intervals.value[i] as number);
        expect(intervals.value[i]).toBe(value[i]);
      }
      const again = customerLifetimeValueIntervals(bg, gg, subset, {
        periods: 12,
        periodLength: 30,
        discountRate: 0.01,
        seed: 4,
      });
      expect([...again.lower]).toEqual([...intervals.lower]);
    });
  },
);

describe('customerLifetimeValue', () => {
  const bg = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 };
  const gg = { p: 6, q: 4, v: 15 };
  const data = { frequency: [0, 3, 10], recency: [0, 20, 50], age: [30, 40, 52], monetary: [0, 25, 40] };

  it('equals the explicit sum of discounted period increments', () => {
    const options = { periods: 6, periodLength: 4.348, discountRate: 0.02 };
    const value = customerLifetimeValue(bg, gg, data, options);
    for (let i = 0; i < 3; i++) {
      const x = data.frequency[i] as number;
      const m = conditionalExpectedAverageSpend(gg, x, data.monetary[i] as number);
      let expected = 0;
      for (let k = 1; k <= 6; k++) {
        const step = (t: number) =>
          conditionalExpectedPurchases(bg, t, x, data.recency[i] as number, data.age[i] as number);
        expected += (m * (step(k * 4.348) - step((k - 1) * 4.348))) / 1.02 ** k;
      }
      expect(relative(value[i] as number, expected)).toBeLessThan(1e-13);
    }
    // without discounting, CLV = m · E[Y(H·L)]
    const flat = customerLifetimeValue(bg, gg, data, { periods: 6, periodLength: 4.348, discountRate: 0 });
    const expected =
      conditionalExpectedAverageSpend(gg, 3, 25) * conditionalExpectedPurchases(bg, 6 * 4.348, 3, 20, 40);
    expect(relative(flat[1] as number, expected)).toBeLessThan(1e-12);
  });

  it('validates options, parameters and data', () => {
    const ok = { periods: 12, periodLength: 1, discountRate: 0.01 };
    expect(() => customerLifetimeValue(bg, gg, data, { ...ok, periods: 0 })).toThrow(/periods/);
    expect(() => customerLifetimeValue(bg, gg, data, { ...ok, periods: 1.5 })).toThrow(InputError);
    expect(() => customerLifetimeValue(bg, gg, data, { ...ok, periodLength: 0 })).toThrow(/periodLength/);
    expect(() => customerLifetimeValue(bg, gg, data, { ...ok, discountRate: -0.1 })).toThrow(/discountRate/);
    expect(() => customerLifetimeValue(bg, { ...gg, q: 0.5 }, data, ok)).toThrow(/q > 1/);
    expect(() => customerLifetimeValue(bg, gg, { ...data, recency: [0, 50, 50] }, ok)).toThrow(
      /larger than age/,
    );
    expect(() =>
      customerLifetimeValueIntervals(
        { params: bg, covarianceLog: null },
        { params: gg, covarianceLog: null },
        data,
        ok,
      ),
    ).toThrow(/covariance/);
    expect([
      ...customerLifetimeValue(bg, gg, { frequency: [], recency: [], age: [], monetary: [] }, ok),
    ]).toEqual([]);
  });
});

describe('bootstrapClvFits', () => {
  it('percentile intervals bracket the estimates and agree in width with the asymptotic SEs', () => {
    const rng = createRng(8);
    const ages = Float64Array.from({ length: 4000 }, () => 10 + 94 * rng.next());
    const data = simulateBgNbdGammaGamma(rng, ages, BG_NBD_PARAMS, { p: 6, q: 4, v: 15 });
    const result = bootstrapClvFits(data, { replicates: 40, level: 0.95, seed: 2 });
    expect(result.replicates + result.failed).toBe(40);
    expect(result.replicates).toBeGreaterThan(35);
    const fit = fitBgNbd(data);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const interval = result.bgNbd[name];
      expect(interval.estimate).toBeCloseTo(fit.params[name], 6);
      expect(interval.lower).toBeLessThan(interval.estimate);
      expect(interval.upper).toBeGreaterThan(interval.estimate);
      // 95% width ≈ 3.92 SE (log-normal-ish, 40 replicates: loose bounds)
      const width = (interval.upper - interval.lower) / fit.standardErrors[name];
      expect(width, name).toBeGreaterThan(2);
      expect(width, name).toBeLessThan(7);
    }
    expect(result.gammaGamma?.q.lower).toBeLessThan(result.gammaGamma?.q.upper as number);
    const same = bootstrapClvFits(data, { replicates: 3, seed: 2, gammaGamma: null });
    expect(same.gammaGamma).toBeNull();
    expect(() => bootstrapClvFits(data, { replicates: 1 })).toThrow(InputError);
    expect(() => bootstrapClvFits(data, { level: 1 })).toThrow(InputError);
  });
});
