import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { hypergeometric2F1 } from '../stats/special.js';
import { bgNbdExpectedRepeatPurchases } from './bg-nbd-expectation.js';

/** E[X(t)] = E_p[(1/p)(1 − (α/(α + p t))^r)] (λ integrated out), midpoint rule in u = p^a. */
function expectedByQuadrature(r: number, alpha: number, a: number, b: number, t: number): number {
  const logBeta = lgamma(a) + lgamma(b) - lgamma(a + b);
  const n = 200_000;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    const p = u ** (1 / a);
    sum += ((1 - p) ** (b - 1) / a / Math.exp(logBeta)) * ((1 - (alpha / (alpha + p * t)) ** r) / p);
  }
  return sum / n;
}

/** Lanczos log-gamma (g = 7), accurate to ~1e-14 for the arguments used here. */
function lgamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let a = c[0] as number;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

describe('hypergeometric2F1', () => {
  it('matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      // 2F1(1, 1; 2; z) = −ln(1 − z) / z  (A&S 15.1.3)
      expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log(1 - z) / z, 10);
      // 2F1(a, b; b; z) = (1 − z)^(−a)
      expect(hypergeometric2F1(0.7, 2.3, 2.3, z)).toBeCloseTo((1 - z) ** -0.7, 8);
    }
  });

  it('rejects arguments outside the series domain', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(InputError);
    expect(() => hypergeometric2F1(1, 1, 0, 0.5)).toThrow(InputError);
    expect(() => hypergeometric2F1(1, 1, 2, Number.NaN)).toThrow(InputError);
  });
});

describe('bgNbdExpectedRepeatPurchases (Fader, Hardie & Lee 2005, eq. 9)', () => {
  it('agrees with numerical integration of E[(1 − e^{−λpt})/p]', () => {
    const cases = [
      [0.243, 4.414, 0.793, 2.426, 39], // CDNOW estimates → 1.19672
      [0.243, 4.414, 0.793, 2.426, 78],
      [0.45, 6, 0.8, 2.5, 104],
      [0.45, 6, 1.7, 2.5, 10],
    ] as const;
    for (const [r, alpha, a, b, t] of cases) {
      expect(bgNbdExpectedRepeatPurchases({ r, alpha, a, b }, t)).toBeCloseTo(
        expectedByQuadrature(r, alpha, a, b, t),
        7,
      );
    }
    expect(bgNbdExpectedRepeatPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39)).toBeCloseTo(
      1.19672,
      5,
    );
  });

  it('is 0 at t = 0, increasing in t, and validates input', () => {
    const params = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 };
    expect(bgNbdExpectedRepeatPurchases(params, 0)).toBe(0);
    expect(bgNbdExpectedRepeatPurchases(params, 20)).toBeLessThan(bgNbdExpectedRepeatPurchases(params, 40));
    expect(() => bgNbdExpectedRepeatPurchases({ ...params, a: 1 }, 5)).toThrow(InputError);
    expect(() => bgNbdExpectedRepeatPurchases({ ...params, r: 0 }, 5)).toThrow(InputError);
    expect(() => bgNbdExpectedRepeatPurchases(params, -1)).toThrow(InputError);
  });
});
