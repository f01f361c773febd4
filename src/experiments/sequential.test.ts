import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { cupedEffect, cupedFromSums } from './cuped.js';
import {
  estimateEffect,
  meanMoments,
  proportionMoments,
  sequentialRho,
  sequentialTest,
  sequentialTestFromEffect,
} from './sequential.js';

const vectorsPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/datasets/ab_testing_growthbook/gbstats_reference_vectors.json',
);

// biome-ignore lint/suspicious/noExplicitAny: JSON fixture
type Json = any;
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

describe.skipIf(!existsSync(vectorsPath))(
  'sequentialTest vs gbstats SequentialTwoSidedTTest (needs ../shared/datasets/ab_testing_growthbook)',
  () => {
    const vectors: Json[] = existsSync(vectorsPath)
      ? JSON.parse(readFileSync(vectorsPath, 'utf8')).vectors.filter(
          (v: Json) => v.test === 'SequentialTwoSidedTTest',
        )
      : [];
    const arm = (a: Json) =>
      a.type === 'proportion'
        ? proportionMoments(a.sum, a.n)
        : meanMoments({ n: a.n, sum: a.sum, sumSquares: a.sum_squares });
    const sums = (a: Json) => ({
      post: { n: a.n, sum: a.post_statistic.sum, sumSquares: a.post_statistic.sum_squares },
      pre: { n: a.n, sum: a.pre_statistic.sum, sumSquares: a.pre_statistic.sum_squares },
      sumOfProducts: a.post_pre_sum_of_products,
    });
    const supported = vectors.filter((v) => v.control.type !== 'regression_adjusted_ratio');
    it('covers the sample-mean, proportion and CUPED vectors (ratio CUPED is not supported)', () => {
      expect(supported.map((v) => v.id)).toEqual([
        'seq_two_sided_rel_tuning1000',
        'seq_two_sided_prop_rel',
        'seq_two_sided_cuped_rel',
      ]);
    });
    it.each(supported.map((v) => [v.id, v]))('%s matches to 5 decimals', (_id, v: Json) => {
      const options = { tuningParameter: v.config.sequential_tuning_parameter, alpha: v.config.alpha };
      const result =
        v.control.type === 'regression_adjusted'
          ? sequentialTestFromEffect(
              cupedEffect(cupedFromSums(sums(v.control), sums(v.treatment)), v.config.difference_type),
              options,
            )
          : sequentialTest(arm(v.control), arm(v.treatment), {
              ...options,
              differenceType: v.config.difference_type,
            });
      expect(round5(result.pointEstimate)).toBe(v.expected.expected);
      expect(round5(result.lower)).toBe(v.expected.ci[0]);
      expect(round5(result.upper)).toBe(v.expected.ci[1]);
      expect(round5(result.standardError)).toBe(v.expected.uplift.stddev);
      expect(round5(result.pValue)).toBe(v.expected.pValue);
    });
  },
);

describe('sequentialTest', () => {
  // Hand-checked against the closed forms (gbstats example numbers, README of the reference vectors).
  const control = meanMoments({ n: 3407, sum: 1396.87, sumSquares: 52377.9767 });
  const treatment = meanMoments({ n: 3461, sum: 2422.7, sumSquares: 134698.29 });

  it('estimateEffect: absolute difference 0.29 with s.e. 0.12478 (gbstats freq_two_sided_abs)', () => {
    const effect = estimateEffect(control, treatment, 'absolute');
    expect(effect.pointEstimate).toBeCloseTo(0.29, 12);
    expect(round5(effect.standardError)).toBe(0.12478);
    // relative: lift 0.70732, s.e. 0.37879 (freq_two_sided_rel)
    const relative = estimateEffect(control, treatment, 'relative');
    expect(round5(relative.pointEstimate)).toBe(0.70732);
    expect(round5(relative.standardError)).toBe(0.37879);
  });

  it('rho(0.05, 5000) = sqrt((−2 ln .05 + ln(−2 ln .05 + 1)) / 5000)', () => {
    // python3 -c "import math;a=.05;print(math.sqrt((-2*math.log(a)+math.log(-2*math.log(a)+1))/5000))"
    expect(sequentialRho(0.05, 5000)).toBeCloseTo(0.03984006677137368, 14);
  });

  it('the sequential interval is wider than the fixed z interval, and p < alpha ⇔ it excludes 0', () => {
    const result = sequentialTest(control, treatment, { differenceType: 'absolute' });
    expect(result.halfWidth).toBeGreaterThan(1.959963984540054 * result.standardError);
    for (const shift of [0, 0.1, 0.2, 0.3, 0.4, 0.6]) {
      const r = sequentialTestFromEffect({
        ...estimateEffect(control, treatment, 'absolute'),
        pointEstimate: shift,
      });
      expect(r.pValue < 0.05).toBe(r.significant);
      expect(Number.isFinite(r.pValue)).toBe(true);
    }
  });

  it('narrows toward the fixed interval as alpha grows and has p-value in (0, 1]', () => {
    const narrow = sequentialTest(control, treatment, { alpha: 0.2 });
    const wide = sequentialTest(control, treatment, { alpha: 0.01 });
    expect(narrow.halfWidth).toBeLessThan(wide.halfWidth);
    expect(wide.pValue).toBeGreaterThan(0);
    expect(wide.pValue).toBeLessThanOrEqual(1);
  });

  it('a huge effect gives p = 0, not NaN', () => {
    const r = sequentialTestFromEffect({
      differenceType: 'absolute',
      pointEstimate: 10,
      standardError: 0.001,
      totalSampleSize: 1e6,
    });
    expect(r.pValue).toBe(0);
  });

  it('bad input: zero conversions, all conversions, no users, n = 1, zero baseline, bad alpha', () => {
    // zero conversions in control: relative lift undefined, absolute works
    expect(() => sequentialTest(proportionMoments(0, 100), proportionMoments(5, 100))).toThrow(InputError);
    const absolute = sequentialTest(proportionMoments(0, 100), proportionMoments(5, 100), {
      differenceType: 'absolute',
    });
    expect(Number.isFinite(absolute.pValue)).toBe(true);
    // zero / all conversions in both arms: no variance → InputError, never NaN
    expect(() => sequentialTest(proportionMoments(0, 100), proportionMoments(0, 100))).toThrow(
      /zero variance/,
    );
    expect(() =>
      sequentialTest(proportionMoments(100, 100), proportionMoments(100, 100), {
        differenceType: 'absolute',
      }),
    ).toThrow(/zero variance/);
    expect(() => proportionMoments(0, 0)).toThrow(/no users/);
    expect(() => proportionMoments(5, 4)).toThrow(InputError);
    expect(() => sequentialTest(proportionMoments(1, 1), proportionMoments(1, 10))).toThrow(/≥ 2/);
    expect(() => meanMoments({ n: 5, sum: Number.NaN, sumSquares: 1 })).toThrow(InputError);
    expect(() => sequentialTest(control, treatment, { alpha: 1.5 })).toThrow(/alpha/);
    expect(() => sequentialTest(control, treatment, { tuningParameter: 0 })).toThrow(/tuningParameter/);
  });
});
