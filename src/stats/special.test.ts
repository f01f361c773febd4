import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { digamma, hypergeometric2F1, lgamma, logBeta } from './special.js';

function expectRelative(actual: number, expected: number, tolerance: number, absolute = 0): void {
  const error = Math.abs(actual - expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(
    Math.max(tolerance * Math.abs(expected), absolute),
  );
}

describe('lgamma', () => {
  // python3 -c "from scipy.special import gammaln; print(repr(float(gammaln(x))))"  (scipy 1.17.1)
  const reference: [number, number][] = [
    [1e-10, 23.025850929882733],
    [0.001, 6.907178885383853],
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247],
    [1.5, -0.12078223763524526],
    [2.5, 0.2846828704729192],
    [3, Math.LN2],
    [7, 6.579251212010101],
    [10.3, 13.482036786138359],
    [100, 359.1342053695754],
    [1e5, 1051287.7089736569],
    [1e15, 3.3538776394910668e16],
    [-0.5, 1.2655121234846454],
    [-2.5, -0.05624371649767401],
  ];
  it('matches scipy.special.gammaln to ~1e-14 relative', () => {
    // near a root (x = −2.5 gives −0.056) the error is absolute: ~1e-15
    for (const [x, expected] of reference) expectRelative(lgamma(x), expected, 2e-14, 4e-15);
  });
  it('is 0 at 1 and 2 (absolute 1e-15), +Infinity at poles, throws on NaN', () => {
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(lgamma(2))).toBeLessThan(1e-14);
    expect(lgamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(() => lgamma(Number.NaN)).toThrow(InputError);
  });
  it('satisfies the recurrence lgamma(x + 1) = lgamma(x) + ln x', () => {
    for (const x of [0.3, 1.7, 4.2, 9.99, 10.01, 55.5])
      expectRelative(lgamma(x + 1), lgamma(x) + Math.log(x), 1e-14, 1e-14);
  });
});

describe('digamma', () => {
  // python3 -c "from scipy.special import digamma; print(repr(float(digamma(x))))"  (scipy 1.17.1)
  const reference: [number, number][] = [
    [1e-8, -100000000.57721564],
    [0.1, -10.423754940411076],
    [0.5, -1.9635100260214235],
    [1, -0.5772156649015329],
    [2, 0.42278433509846713],
    [3.7, 1.1671535393615113],
    [10, 2.251752589066721],
    [100, 4.600161852738088],
    [1e6, 13.81551005796419],
    [-0.5, 0.03648997397857651],
    [-2.3, 3.3173231575618236],
  ];
  it('matches scipy.special.digamma to ~1e-14 relative', () => {
    for (const [x, expected] of reference) expectRelative(digamma(x), expected, 2e-14);
    // root x0 = 1.4616321449683622: scipy gives −9.24e-17
    expect(Math.abs(digamma(1.4616321449683622))).toBeLessThan(1e-15);
  });
  it('is the derivative of lgamma (central difference)', () => {
    for (const x of [0.4, 2.2, 12]) {
      const h = 1e-5;
      expectRelative(digamma(x), (lgamma(x + h) - lgamma(x - h)) / (2 * h), 1e-8);
    }
  });
  it('throws at poles and NaN', () => {
    expect(() => digamma(0)).toThrow(InputError);
    expect(() => digamma(-2)).toThrow(InputError);
    expect(() => digamma(Number.NaN)).toThrow(InputError);
  });
});

describe('logBeta', () => {
  // python3 -c "import mpmath as mp; mp.mp.dps = 40; print(repr(float(mp.log(mp.beta(a, b)))))"  (mpmath 1.3.0).
  // scipy.special.betaln is less accurate for the large cases (betaln(1e6, 3) = −40.75338749401271, 1.7e-11 off).
  const reference: [number, number, number][] = [
    [0.5, 0.5, 1.1447298858494002],
    [2.5, 3.5, -3.301835269962053],
    [0.793, 2.426, -0.5115692885937033],
    [1e3, 2e3, -1911.8746142144516],
    [1e6, 3, -40.75338749333038],
    [0.1, 1e8, 0.41064457778896923],
    [1e10, 1e10, -13862943621.44632],
  ];
  it('matches mpmath, including huge arguments', () => {
    for (const [a, b, expected] of reference) expectRelative(logBeta(a, b), expected, 1e-13);
    expect(Math.abs(logBeta(1, 1))).toBeLessThan(1e-14);
    expect(logBeta(3, 0.7)).toBe(logBeta(0.7, 3));
  });
  it('rejects non-positive and NaN arguments', () => {
    expect(() => logBeta(0, 1)).toThrow(InputError);
    expect(() => logBeta(1, -2)).toThrow(InputError);
    expect(() => logBeta(Number.NaN, 1)).toThrow(InputError);
  });
});

describe('hypergeometric2F1', () => {
  it('matches scipy.special.hyp2f1', () => {
    // python3 -c "from scipy.special import hyp2f1; print(repr(float(hyp2f1(a, b, c, z))))"  (scipy 1.17.1)
    const reference: [number, number, number, number, number][] = [
      [0.243, 2.426, 2.219, 0.9, 1.9476311698186006],
      [2.243, 4.426, 4.219, 0.5, 5.161693901383611],
      [0.5, 1.5, 2.5, -0.7, 0.8447658818688254],
      [1.2, 3.4, 0.6, 0.3, 7.43760230272934],
      [0.45, 2.5, 2.3, 0.99, 13.025942177722811],
    ];
    for (const [a, b, c, z, expected] of reference)
      expectRelative(hypergeometric2F1(a, b, c, z), expected, 1e-13);
  });
  it('matches closed forms, also for z < 0 (Pfaff transformation)', () => {
    for (const z of [-9, -1, -0.3, 0, 0.5, 0.99]) {
      // 2F1(1, 1; 2; z) = −ln(1 − z) / z  (A&S 15.1.3)
      expectRelative(hypergeometric2F1(1, 1, 2, z), z === 0 ? 1 : -Math.log(1 - z) / z, 1e-13);
      // 2F1(a, b; b; z) = (1 − z)^(−a)
      expectRelative(hypergeometric2F1(0.7, 2.3, 2.3, z), (1 - z) ** -0.7, 1e-13);
    }
    // terminating series: 2F1(−2, b; c; z) is a polynomial
    expectRelative(
      hypergeometric2F1(-2, 3, 4, 0.5),
      1 - 2 * (3 / 4) * 0.5 + ((3 * 4) / (4 * 5)) * 0.25,
      1e-15,
    );
  });
  it('rejects arguments outside the domain', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(InputError);
    expect(() => hypergeometric2F1(1, 1, 0, 0.5)).toThrow(InputError);
    expect(() => hypergeometric2F1(1, 1, -3, 0.5)).toThrow(InputError);
    expect(() => hypergeometric2F1(1, 1, 2, Number.NaN)).toThrow(InputError);
    expect(() => hypergeometric2F1(Number.NaN, 1, 2, 0.5)).toThrow(InputError);
  });
});
