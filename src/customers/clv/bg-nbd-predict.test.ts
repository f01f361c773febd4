import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { bgNbdExpectedRepeatPurchases } from '../../demo/index.js';
import {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesForCustomers,
  expectedPurchases,
  posteriorPurchaseRate,
  posteriorPurchaseRateForCustomers,
  probabilityAlive,
  probabilityAliveForCustomers,
  probabilityOfPurchases,
} from './bg-nbd-predict.js';

/** FHL 2005's CDNOW estimates, rounded as in the paper. */
const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('conditionalExpectedPurchases (FHL 2005 eq. 10)', () => {
  it('matches mpmath’s 2F1 evaluation of eq. 10 to 1e-12, including large x, T, t and a ≈ 1', () => {
    // python3: mpmath (dps 40) of (a+b+x−1)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x)·hyp2f1(r+x, b+x, a+b+x−1, t/(α+T+t))]
    //          / (1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x))
    const cases: [typeof cdnow, number, number, number, number, number][] = [
      [cdnow, 39, 2, 30.43, 38.86, 1.2260281747671444], // paper: 1.226
      [cdnow, 52, 150, 100, 104, 24.709136695281014],
      [cdnow, 52, 150, 103.9, 104, 61.06098579095501],
      [cdnow, 500, 25, 30, 40, 4.358896368199008],
      [cdnow, 5000, 1, 5, 39, 5.455380732213988],
      [{ r: 0.45, alpha: 6, a: 1.0000000001, b: 2.5 }, 20, 3, 10, 30, 0.3502279890698443],
      [{ r: 0.45, alpha: 6, a: 0.3, b: 0.5 }, 20, 2, 10, 30, 0.5086797456832636],
    ];
    for (const [params, t, x, tx, T, expected] of cases)
      expect(relative(conditionalExpectedPurchases(params, t, x, tx, T), expected)).toBeLessThan(1e-12);
  });

  it('is exactly continuous at a = 1 and 0 at t = 0', () => {
    const near = conditionalExpectedPurchases({ r: 0.45, alpha: 6, a: 1 + 1e-9, b: 2.5 }, 20, 3, 10, 30);
    const at = conditionalExpectedPurchases({ r: 0.45, alpha: 6, a: 1, b: 2.5 }, 20, 3, 10, 30);
    expect(relative(at, near)).toBeLessThan(1e-8);
    expect(conditionalExpectedPurchases(cdnow, 0, 3, 10, 30)).toBe(0);
  });

  it('vectorised version equals the scalar one', () => {
    const data = { frequency: [0, 2, 7], recency: [0, 30.43, 20], age: [38.86, 38.86, 21] };
    const many = conditionalExpectedPurchasesForCustomers(cdnow, 39, data);
    many.forEach((v, i) => {
      const [x, tx, T] = [data.frequency[i], data.recency[i], data.age[i]] as [number, number, number];
      expect(v).toBe(conditionalExpectedPurchases(cdnow, 39, x, tx, T));
    });
  });
});

describe('expectedPurchases (FHL 2005 eq. 9)', () => {
  it('matches mpmath and the demo’s 2F1 implementation', () => {
    // mpmath (dps 40), as above with x = t_x = T = 0
    const reference: [number, number][] = [
      [10, 0.4324133622344256],
      [39, 1.196723193320817],
      [78, 1.8605190579427686],
      [360, 4.2015004196240175],
    ];
    for (const [t, expected] of reference)
      expect(relative(expectedPurchases(cdnow, t), expected)).toBeLessThan(1e-12);
    expect(
      relative(expectedPurchases({ r: 0.45, alpha: 6, a: 0.3, b: 0.5 }, 20), 0.9847227117110878),
    ).toBeLessThan(1e-12);
    for (const t of [1, 10, 104]) {
      const params = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 };
      expect(relative(expectedPurchases(params, t), bgNbdExpectedRepeatPurchases(params, t))).toBeLessThan(
        1e-12,
      );
    }
  });
});

describe('probabilityOfPurchases (FHL 2005 eq. 8)', () => {
  it('matches R BTYD (lifetimes test_probability_of_n_purchases_up_to_time_same_as_R_BTYD)', () => {
    expect(relative(probabilityOfPurchases(cdnow, 2, 10), 1.07869e-7)).toBeLessThan(1e-5);
    expect(relative(probabilityOfPurchases(cdnow, 39, 0), 0.5737864)).toBeLessThan(1e-6);
    const r30 = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913,
      0.0003467171, 0.0002769613, 0.000222226,
    ];
    r30.forEach((expected, k) => {
      expect(relative(probabilityOfPurchases(cdnow, 30, 11 + k), expected)).toBeLessThan(1e-6);
    });
  });

  it('is a distribution whose mean is E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 3000; n++) {
      const p = probabilityOfPurchases(cdnow, 30, n);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(relative(mean, expectedPurchases(cdnow, 30))).toBeLessThan(1e-10);
    expect(probabilityOfPurchases(cdnow, 0, 0)).toBe(1);
    expect(probabilityOfPurchases(cdnow, 0, 3)).toBe(0);
  });
});

describe('probabilityAlive and posteriorPurchaseRate', () => {
  it('matches mpmath and stays finite in the tails', () => {
    // mpmath: 1 / (1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x))
    expect(relative(probabilityAlive(cdnow, 2, 30.43, 38.86), 0.726578570080673)).toBeLessThan(1e-13);
    expect(relative(probabilityAlive(cdnow, 300, 50, 104), 4.951589909557565e-88)).toBeLessThan(1e-10);
    expect(relative(probabilityAlive(cdnow, 300, 103, 104), 0.9592303544722821)).toBeLessThan(1e-13);
    expect(probabilityAlive(cdnow, 0, 0, 50)).toBe(1);
    expect(probabilityAlive(cdnow, 5000, 0.001, 1e6)).toBe(0);
    const data = { frequency: [0, 2], recency: [0, 30.43], age: [10, 38.86] };
    expect([...probabilityAliveForCustomers(cdnow, data)]).toEqual([
      1,
      probabilityAlive(cdnow, 2, 30.43, 38.86),
    ]);
  });

  it('posterior rate is (r + x)/(α + T)', () => {
    expect(posteriorPurchaseRate(cdnow, 2, 38.86)).toBeCloseTo(2.243 / 43.274, 15);
    expect([...posteriorPurchaseRateForCustomers(cdnow, { frequency: [0], recency: [0], age: [0] })]).toEqual(
      [0.243 / 4.414],
    );
  });
});

describe('input validation', () => {
  it('throws InputError instead of returning NaN', () => {
    expect(() => probabilityAlive({ ...cdnow, r: 0 }, 1, 1, 2)).toThrow(/parameter r/);
    expect(() => probabilityAlive(cdnow, 1, 3, 2)).toThrow(/larger than age/);
    expect(() => probabilityAlive(cdnow, Number.NaN, 0, 2)).toThrow(InputError);
    expect(() => conditionalExpectedPurchases(cdnow, -1, 1, 1, 2)).toThrow(/t must be/);
    expect(() => conditionalExpectedPurchases(cdnow, Number.POSITIVE_INFINITY, 1, 1, 2)).toThrow(InputError);
    expect(() => expectedPurchases({ ...cdnow, alpha: Number.NaN }, 3)).toThrow(InputError);
    expect(() => probabilityOfPurchases(cdnow, 3, 1.5)).toThrow(/whole number/);
    expect(() => posteriorPurchaseRate(cdnow, -1, 3)).toThrow(InputError);
    expect(() => probabilityAliveForCustomers(cdnow, { frequency: [1], recency: [], age: [1] })).toThrow(
      /same length/,
    );
    // a horizon far beyond α + T needs too many series terms: a clear error, not a hang or NaN
    expect(() => conditionalExpectedPurchases(cdnow, 1e12, 0, 0, 0)).toThrow(/too long/);
  });
});
