import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  chiSquareCdf,
  chiSquareSurvival,
  erfc,
  regularizedIncompleteBeta,
  regularizedLowerGamma,
  regularizedUpperGamma,
  standardNormalCdf,
  standardNormalQuantile,
  standardNormalSurvival,
  studentTCdf,
  studentTQuantile,
  studentTSurvival,
} from './distributions.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  if (expected === 0) {
    expect(Math.abs(actual)).toBeLessThanOrEqual(tolerance);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tolerance);
}

// Reference values: scipy 1.10.1 (Debian python3-scipy), e.g.
//   python3 -c "from scipy import stats; print([repr(stats.norm.cdf(x)) for x in [-10, -5, -1.96, -0.5, 0, 0.3, 1, 2.5, 8]])"
describe('normal distribution vs scipy.stats.norm', () => {
  it('erfc matches scipy.special.erfc', () => {
    const cases: [number, number][] = [
      [-3, 1.9999779095030015],
      [-0.5, 1.5204998778130465],
      [0.1, 0.8875370839817152],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028516],
      [2, 0.004677734981047266],
      [5, 1.5374597944280347e-12],
      [26, 5.663192408856145e-296],
    ];
    for (const [x, expected] of cases) expectRelative(erfc(x), expected, 2e-15);
  });

  it('CDF is accurate to ~1e-15 relative, tails included', () => {
    const cases: [number, number][] = [
      [-10, 7.61985302416047e-24],
      [-5, 2.866515718791933e-7],
      [-1.96, 0.024997895148220435],
      [-0.5, 0.3085375387259869],
      [0, 0.5],
      [0.3, 0.6179114221889526],
      [1, 0.8413447460685429],
      [2.5, 0.9937903346742238],
      [8, 0.9999999999999993],
    ];
    for (const [x, expected] of cases) expectRelative(standardNormalCdf(x), expected, 5e-15);
  });

  it('survival function keeps precision far in the upper tail', () => {
    // python3 -c "from scipy import stats; print([repr(stats.norm.sf(x)) for x in [1.96, 5, 10, 30]])"
    const cases: [number, number][] = [
      [1.96, 0.024997895148220435],
      [5, 2.866515718791933e-7],
      [10, 7.61985302416047e-24],
      [30, 4.906713927147908e-198],
    ];
    // The argument x/√2 is rounded, so the relative error grows like x²·1e-16 in the far tail.
    for (const [x, expected] of cases) expectRelative(standardNormalSurvival(x), expected, 5e-14);
  });

  it('quantile matches scipy.stats.norm.ppf to ~1e-15', () => {
    // python3 -c "from scipy import stats; print([repr(stats.norm.ppf(p)) for p in [1e-300,1e-10,0.001,0.025,0.3,0.5,0.975,0.999999]])"
    const cases: [number, number][] = [
      [1e-300, -37.0470962993612],
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400545],
      [0.3, -0.5244005127080409],
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, expected] of cases) expectRelative(standardNormalQuantile(p), expected, 2e-15);
  });
});

describe('Student t vs scipy.stats.t', () => {
  // python3 -c "from scipy import stats; tc=[(2,10),(-2,10),(0.5,3.5),(-4,1),(3,2),(2.2418,39998),(-12,5),(1.5,1e6),(50,20.5)];
  //   print([repr(stats.t.cdf(t,d)) for t,d in tc]); print([repr(stats.t.sf(t,d)) for t,d in tc])"
  const cases: [number, number, number, number][] = [
    [2, 10, 0.9633059826146297, 0.036694017385370196],
    [-2, 10, 0.036694017385370196, 0.9633059826146297],
    [0.5, 3.5, 0.6765747803387245, 0.3234252196612755],
    [-4, 1, 0.07797913037736932, 0.9220208696226307],
    [3, 2, 0.9522670168666454, 0.047732983133354556],
    [2.2418, 39998, 0.9875101196625348, 0.012489880337465228],
    [-12, 5, 3.544746258580764e-5, 0.9999645525374142],
    [1.5, 1e6, 0.9331926408816036, 0.0668073591183964],
    [50, 20.5, 1.0, 3.323475935334781e-23],
  ];
  it('CDF and survival match to 1e-13 relative', () => {
    for (const [t, df, cdf, sf] of cases) {
      // The Lentz continued fraction loses digits to cancellation when ν ≳ 10⁴ (x → 1 with large a):
      // 2e-12 relative at ν = 39998 (checked with mpmath betainc at 40 digits), far inside the 1e-6 target.
      const tolerance = df > 10_000 ? 1e-10 : 1e-13;
      expectRelative(studentTCdf(t, df), cdf, tolerance);
      expectRelative(studentTSurvival(t, df), sf, tolerance);
    }
  });

  it('infinite degrees of freedom is the normal', () => {
    expectRelative(studentTCdf(1, Number.POSITIVE_INFINITY), standardNormalCdf(1), 1e-15);
  });

  it('quantile matches mpmath to 1e-13 relative (and scipy 1.10 t.ppf, which is only ~1e-9, to 1e-8)', () => {
    // scipy.stats.t.ppf (cephes stdtrit) is off by up to 2e-9 here (t.sf of its own ppf(0.6, 30) is 0.40000000019),
    // so the exact reference is mpmath at 40 digits:
    //   python3 -c "import mpmath as mp; mp.mp.dps=40; sf=lambda t,n: mp.betainc(n/2, mp.mpf(1)/2, 0, n/(n+t**2),
    //     regularized=True)/2; print(mp.findroot(lambda t: sf(t, mp.mpf(10)) - mp.mpf('0.025'), 2))"   (etc.)
    // [p, ν, mpmath, scipy.stats.t.ppf(p, ν)]
    const quantiles: [number, number, number, number][] = [
      [0.975, 10, 2.228138851986275, 2.2281388519649385],
      [0.025, 10, -2.228138851986275, -2.2281388519649385],
      [0.975, 1, 12.706204736174705, 12.706204736432095],
      [0.9, 2, 1.8856180831641267, 1.8856180831641507],
      [0.995, 3.3, 5.344306069721079, 5.34430607069089],
      [0.975, 6859.5, 1.9603098818733233, 1.960309881873323],
      [1e-8, 4, -131.59473694062356, -131.59473694062396],
      [0.6, 30, 0.2556053649519128, 0.2556053644420514],
    ];
    for (const [p, df, exact, scipy] of quantiles) {
      expectRelative(studentTQuantile(p, df), exact, df > 1000 ? 1e-12 : 1e-13);
      expectRelative(studentTQuantile(p, df), scipy, 1e-8);
    }
    // 1 − 0.999999 is not exactly 1e-6 in binary, which alone moves the quantile by ~4e-12 relative.
    expectRelative(studentTQuantile(0.999999, 7), 14.241469651981445, 1e-10);
  });

  it('quantile inverts the CDF', () => {
    for (const df of [3, 7.5, 40, 1000]) {
      for (const p of [0.001, 0.2, 0.7, 0.99])
        expectRelative(studentTCdf(studentTQuantile(p, df), df), p, 1e-13);
    }
  });
});

describe('chi-square and incomplete gamma / beta vs scipy', () => {
  // python3 -c "from scipy import stats; cc=[(3.84,1),(10,2),(0.5,3),(100,90),(25,4),(1e-3,1),(60,10)];
  //   print([repr(stats.chi2.cdf(x,k)) for x,k in cc]); print([repr(stats.chi2.sf(x,k)) for x,k in cc])"
  const cases: [number, number, number, number][] = [
    [3.84, 1, 0.9499564787512949, 0.05004352124870519],
    [10, 2, 0.9932620530009145, 0.006737946999085468],
    [0.5, 3, 0.08110858834532418, 0.9188914116546758],
    [100, 90, 0.7789597673745553, 0.22104023262544467],
    [25, 4, 0.9999496901821769, 5.0309817823062075e-5],
    [1e-3, 1, 0.02522712063003961, 0.9747728793699604],
    [60, 10, 0.999999996375699, 3.6243009520614924e-9],
  ];
  it('chi-square CDF and survival match to 1e-13 relative', () => {
    for (const [x, k, cdf, sf] of cases) {
      expectRelative(chiSquareCdf(x, k), cdf, 1e-13);
      expectRelative(chiSquareSurvival(x, k), sf, 1e-13);
    }
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('incomplete gamma and beta', () => {
    expectRelative(regularizedLowerGamma(2, 1), 0.2642411176571153, 1e-14);
    expectRelative(regularizedUpperGamma(2, 1), 1 - 0.2642411176571153, 1e-14);
    // python3 -c "from scipy import special; print([repr(special.betainc(a,b,x)) for x,a,b in
    //   [(0.3,2,5),(0.9,0.5,0.5),(0.01,10,3),(0.999,200,0.5)]])"
    expectRelative(regularizedIncompleteBeta(0.3, 2, 5), 0.5798250000000001, 1e-13);
    expectRelative(regularizedIncompleteBeta(0.9, 0.5, 0.5), 0.7951672353008662, 1e-13);
    expectRelative(regularizedIncompleteBeta(0.01, 10, 3), 6.480550000000002e-19, 1e-13);
    expectRelative(regularizedIncompleteBeta(0.999, 200, 0.5), 0.5272441070252669, 1e-12);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('bad input throws InputError, never NaN', () => {
  it('rejects NaN, non-positive degrees of freedom and probabilities outside (0, 1)', () => {
    expect(() => standardNormalCdf(Number.NaN)).toThrow(InputError);
    expect(() => standardNormalQuantile(0)).toThrow(InputError);
    expect(() => standardNormalQuantile(1)).toThrow(InputError);
    expect(() => studentTCdf(1, 0)).toThrow(InputError);
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(InputError);
    expect(() => studentTQuantile(1.2, 3)).toThrow(InputError);
    expect(() => studentTQuantile(0.5, -1)).toThrow(InputError);
    expect(() => chiSquareSurvival(1, 0)).toThrow(InputError);
    expect(() => chiSquareCdf(Number.NaN, 2)).toThrow(InputError);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(InputError);
  });

  it('infinite arguments give the limits', () => {
    expect(standardNormalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(standardNormalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 4)).toBe(1);
    expect(studentTSurvival(Number.POSITIVE_INFINITY, 4)).toBe(0);
    expect(chiSquareSurvival(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });
});
