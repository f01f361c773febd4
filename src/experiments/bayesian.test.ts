import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { bayesianEffectTest, normalExpectedLoss } from './bayesian.js';
import { betaBinomialTest } from './beta-binomial.js';
import { meanMoments, proportionMoments } from './sequential.js';

const vectorsPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/datasets/ab_testing_growthbook/gbstats_reference_vectors.json',
);
// biome-ignore lint/suspicious/noExplicitAny: JSON fixture
type Json = any;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/*
 * Beta-binomial references (Beta(1, 1) prior), scipy 1.17.1, adaptive quadrature at 1e-12:
 *   A = stats.beta(1+ca, 1+na-ca); B = stats.beta(1+cb, 1+nb-cb)
 *   pbest = quad(lambda x: A.pdf(x)*B.sf(x)), lossA = quad(A.pdf(x)*(B.mean()*beta(aB+1,bB).sf(x) − x*B.sf(x)))
 *   difference / lift quantiles: brentq on quad(A.pdf(x)*B.cdf(x+d)) and quad(A.pdf(x)*B.cdf(x*(1+r)))
 * (the formulas above are the whole script; values pasted below).
 */
const cases = [
  {
    counts: [100, 1000, 120, 1000],
    pBest: 0.92318343897346,
    lossA: 0.020444693766668156,
    lossB: 0.0004846139263487946,
    difference: [-0.007470692707560926, 0.04746969272423906],
    lift: [-0.06536043211098298, 0.19863424042250558, 0.5408381930997967],
    intervals: [0.08293639849581784, 0.1201691298758606, 0.10132341964422846, 0.1416269997488508],
  },
  {
    // zero conversions in control
    counts: [0, 50, 3, 60],
    pBest: 0.9159764733158229,
    lossA: 0.046843999081360596,
    lossB: 0.0015586392798717652,
    difference: [-0.02265440910835402, 0.12314170529281514],
    lift: [-0.4267949488404224, 3.409364921104008, 128.62186304340943],
    intervals: [0.0004963044077377714, 0.06977703074953864, 0.018154195975968398, 0.13706922191589432],
  },
  {
    counts: [1000, 20000, 1100, 20000],
    pBest: 0.987507490847327,
    lossA: 0.005009180135991485,
    lossB: 9.6800859964866e-6,
    difference: [0.0006282972390153672, 0.009374039081572938],
    lift: [0.012035790094806355, 0.09993245301915835, 0.19560973402305293],
    intervals: [0.04706629590030123, 0.05310891684787565, 0.05192632397706118, 0.058246942511353456],
  },
];

describe('betaBinomialTest (two arms, exact by numerical integration)', () => {
  it.each(cases.map((c) => [c.counts.join('/'), c]))('%s matches scipy quad', (_label, c) => {
    const [ca, na, cb, nb] = c.counts as [number, number, number, number];
    const result = betaBinomialTest([
      { users: na, conversions: ca },
      { users: nb, conversions: cb },
    ]);
    expect(result.method).toBe('exact');
    const [control, variant] = result.variants as [Json, Json];
    // Simpson with 1,000 intervals: ~2e-9 on the skewed zero-conversion posterior, ~1e-10 otherwise.
    expect(variant.probabilityBest).toBeCloseTo(c.pBest, 8);
    expect(control.probabilityBest).toBeCloseTo(1 - c.pBest, 8);
    expect(control.expectedLoss).toBeCloseTo(c.lossA, 9);
    expect(variant.expectedLoss).toBeCloseTo(c.lossB, 9);
    expect(variant.versusControl.difference.lower).toBeCloseTo(c.difference[0] as number, 8);
    expect(variant.versusControl.difference.upper).toBeCloseTo(c.difference[1] as number, 8);
    const lift = c.lift as [number, number, number];
    expect(variant.versusControl.relativeLift.lower / lift[0]).toBeCloseTo(1, 6);
    expect(variant.versusControl.relativeLiftMedian / lift[1]).toBeCloseTo(1, 6);
    expect(variant.versusControl.relativeLift.upper / lift[2]).toBeCloseTo(1, 6);
    const [al, ah, bl, bh] = c.intervals as [number, number, number, number];
    expect(control.credibleInterval.lower).toBeCloseTo(al, 10);
    expect(control.credibleInterval.upper).toBeCloseTo(ah, 10);
    expect(variant.credibleInterval.lower).toBeCloseTo(bl, 10);
    expect(variant.credibleInterval.upper).toBeCloseTo(bh, 10);
  });

  it('P(B > A) agrees with Evan Miller’s closed form Σ_i B(α_A+i, β_A+β_B)/((β_B+i) B(1+i, β_B) B(α_A, β_A))', () => {
    // Closed form needs integer α_B; evaluated here in logs (Miller 2015, "Formulas for Bayesian A/B testing").
    const aA = 1 + 37;
    const bA = 1 + 400 - 37;
    const aB = 1 + 45;
    const bB = 1 + 410 - 45;
    const lb = (x: number, y: number) => lgammaSum(x) + lgammaSum(y) - lgammaSum(x + y);
    let total = 0;
    for (let i = 0; i < aB; i++)
      total += Math.exp(lb(aA + i, bA + bB) - Math.log(bB + i) - lb(1 + i, bB) - lb(aA, bA));
    const result = betaBinomialTest([
      { users: 400, conversions: 37 },
      { users: 410, conversions: 45 },
    ]);
    expect(result.variants[1]?.probabilityBest).toBeCloseTo(total, 9);
  });

  it('edge cases: all conversions, n = 1, identical arms; never NaN', () => {
    const all = betaBinomialTest([
      { users: 20, conversions: 20 },
      { users: 1, conversions: 1 },
    ]);
    const one = betaBinomialTest([
      { users: 1, conversions: 0 },
      { users: 1, conversions: 1 },
    ]);
    const same = betaBinomialTest([
      { users: 500, conversions: 50 },
      { users: 500, conversions: 50 },
    ]);
    expect(same.variants[1]?.probabilityBest).toBeCloseTo(0.5, 9);
    expect(same.variants[0]?.expectedLoss).toBeCloseTo(same.variants[1]?.expectedLoss as number, 10);
    // Beta(2,1) vs Beta(1,2): P(B > A) = 1 − ∫ 2x · (1 − (1−x)²)... = 5/6 by direct integration.
    expect(one.variants[1]?.probabilityBest).toBeCloseTo(5 / 6, 8);
    for (const r of [all, one, same])
      for (const v of r.variants) {
        expect(Number.isFinite(v.probabilityBest) && Number.isFinite(v.expectedLoss)).toBe(true);
        if (v.versusControl)
          for (const value of Object.values(v.versusControl).flatMap((x) =>
            typeof x === 'number' ? [x] : [x.lower, x.upper],
          ))
            expect(Number.isFinite(value)).toBe(true);
      }
  });

  it('bad input: a variant with no users, impossible counts, one variant, bad prior', () => {
    expect(() =>
      betaBinomialTest([
        { users: 0, conversions: 0 },
        { users: 10, conversions: 1 },
      ]),
    ).toThrow(/no users/);
    expect(() =>
      betaBinomialTest([
        { users: 10, conversions: 11 },
        { users: 10, conversions: 1 },
      ]),
    ).toThrow(InputError);
    expect(() => betaBinomialTest([{ users: 10, conversions: 1 }])).toThrow(/two variants/);
    expect(() =>
      betaBinomialTest(
        [
          { users: 10, conversions: 1 },
          { users: 10, conversions: 2 },
        ],
        { prior: { alpha: 0.5, beta: 0.5 } },
      ),
    ).toThrow(/≥ 1/);
  });
});

describe('betaBinomialTest (more than two arms, seeded Monte Carlo)', () => {
  const arms = [
    { name: 'A', users: 2000, conversions: 100 },
    { name: 'B', users: 2000, conversions: 112 },
    { name: 'C', users: 2000, conversions: 140 },
  ];
  it('is deterministic per seed and agrees with the exact two-arm numbers within MC error', () => {
    const first = betaBinomialTest(arms, { seed: 3, samples: 20000 });
    const again = betaBinomialTest(arms, { seed: 3, samples: 20000 });
    expect(first).toEqual(again);
    expect(first.method).toBe('monte-carlo');
    const total = first.variants.reduce((s, v) => s + v.probabilityBest, 0);
    expect(total).toBeCloseTo(1, 12);
    // C clearly best; its exact pairwise P(C > A) is an upper bound for P(C best).
    const c = first.variants[2];
    expect(c?.probabilityBest).toBeGreaterThan(0.9);
    expect(c?.probabilityBest).toBeLessThanOrEqual((c?.versusControl?.probabilityBetter as number) + 0.01);
    // Loss of the best arm is smallest.
    expect(c?.expectedLoss).toBeLessThan(first.variants[0]?.expectedLoss as number);
    // Two of the three arms alone: the MC estimator (k = 3 with a hopeless third arm) ≈ exact.
    const pair = betaBinomialTest([arms[0] as Json, arms[1] as Json, { users: 5000, conversions: 1 }], {
      seed: 9,
      samples: 40000,
    });
    const exact = betaBinomialTest([arms[0] as Json, arms[1] as Json]);
    // binomial s.e. at p ≈ 0.8 and 40k draws ≈ 0.002 → 4 s.e.
    expect(
      Math.abs(
        (pair.variants[1]?.probabilityBest as number) - (exact.variants[1]?.probabilityBest as number),
      ),
    ).toBeLessThan(0.008);
    expect(pair.variants[0]?.expectedLoss).toBeCloseTo(exact.variants[0]?.expectedLoss as number, 3);
  });
});

describe('normalExpectedLoss', () => {
  it('matches gbstats get_risk(mu = 0.1, sigma = 0.05) to 1e-10 (TestGetRiskNumericalStability)', () => {
    const risk = normalExpectedLoss(0.1, 0.05);
    expect(risk.control).toBeCloseTo(0.1004245351308, 10);
    expect(risk.treatment).toBeCloseTo(0.0004245351308414, 10);
  });
  it('far tails: no NaN, no negative loss', () => {
    const risk = normalExpectedLoss(-40, 1);
    expect(risk.control).toBeGreaterThanOrEqual(0);
    expect(risk.treatment).toBeCloseTo(40, 10);
  });
});

describe.skipIf(!existsSync(vectorsPath))(
  'bayesianEffectTest vs gbstats EffectBayesianABTest (needs ../shared/datasets/ab_testing_growthbook)',
  () => {
    const vectors: Json[] = existsSync(vectorsPath)
      ? JSON.parse(readFileSync(vectorsPath, 'utf8')).vectors.filter(
          (v: Json) =>
            v.test === 'EffectBayesianABTest' &&
            (v.control.type === 'proportion' || v.control.type === 'sample_mean'),
        )
      : [];
    it('covers the binomial, gaussian flat and gaussian informative vectors (quantile metrics not supported)', () => {
      expect(vectors.map((v) => v.id)).toEqual([
        'bayes_binom_rel',
        'bayes_gaussian_rel',
        'bayes_gaussian_rel_informative',
      ]);
    });
    it.each(vectors.map((v) => [v.id, v]))('%s matches to 5 decimals', (_id, v: Json) => {
      const arm = (a: Json) =>
        a.type === 'proportion'
          ? proportionMoments(a.sum, a.n)
          : meanMoments({ n: a.n, sum: a.sum, sumSquares: a.sum_squares });
      const prior = v.config.prior_effect.proper
        ? { mean: v.config.prior_effect.mean, variance: v.config.prior_effect.variance }
        : undefined;
      const r = bayesianEffectTest(arm(v.control), arm(v.treatment), {
        differenceType: v.config.difference_type,
        alpha: v.config.alpha,
        ...(prior ? { prior } : {}),
      });
      expect(round(r.expected, 5)).toBe(v.expected.expected);
      expect(round(r.lower, 5)).toBe(v.expected.ci[0]);
      expect(round(r.upper, 5)).toBe(v.expected.ci[1]);
      expect(round(r.posteriorStandardDeviation, 5)).toBe(v.expected.uplift.stddev);
      expect(round(r.chanceToWin, 5)).toBe(v.expected.chanceToWin);
      expect(round(r.risk.control, 5)).toBe(v.expected.risk[0]);
      expect(round(r.risk.treatment, 5)).toBe(v.expected.risk[1]);
    });
  },
);

describe('bayesianEffectTest', () => {
  it('inverse metrics swap chance to win and risks; bad input throws', () => {
    const c = meanMoments({ n: 10, sum: 100, sumSquares: 1002.25 });
    const t = meanMoments({ n: 10, sum: 105, sumSquares: 1111.5 });
    const plain = bayesianEffectTest(c, t);
    const inverse = bayesianEffectTest(c, t, { inverse: true });
    expect(inverse.chanceToWin).toBeCloseTo(1 - plain.chanceToWin, 14);
    expect(inverse.risk.control).toBe(plain.risk.treatment);
    expect(() => bayesianEffectTest(proportionMoments(0, 10), proportionMoments(0, 10))).toThrow(InputError);
    expect(() => bayesianEffectTest(proportionMoments(0, 10), proportionMoments(3, 10))).toThrow(
      /control mean is 0/,
    );
    expect(() => bayesianEffectTest(c, t, { prior: { mean: 0, variance: 0 } })).toThrow(/prior/);
  });
});

function lgammaSum(x: number): number {
  // ln Γ(x) for integer x ≥ 1 as Σ ln k (exact enough for the closed-form check).
  let s = 0;
  for (let k = 2; k < x; k++) s += Math.log(k);
  return s;
}
