import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createRng, normal } from '../core/random.js';
import {
  analyzeExperiment,
  type ExperimentAnalysis,
  type ExperimentAnalysisInput,
  type MeanMetricInput,
} from './analyze-experiment.js';
import { proportionsMinimumDetectableEffect } from './power.js';

/**
 * Reference values (scipy 1.17.1, numpy 2.4):
 *   x1,n1,x2,n2 = 204,2000,254,2000; pp = (x1+x2)/(n1+n2)
 *   z = (p2-p1)/sqrt(pp(1-pp)(1/n1+1/n2))            → 2.482807122401985
 *   2*stats.norm.sf(z)                                → 0.013035164628922253
 *   Wald: p2-p1 ± norm.ppf(.975)·se                   → [0.0052798498604919725, 0.044720150139508044]
 *   stats.binomtest(204,2000).proportion_ci(.95,'wilson') → (0.08948985374022952, 0.11603611589564783)
 *   quad(lambda t: beta(255,1747).pdf(t)*beta(205,1797).cdf(t), 0, 1) → 0.9934713083204403
 *   ttest_ind_from_stats(m2, s2, 2000, m1, s1, 2000, equal_var=False) with (n, Σ, Σ²) =
 *     (2000, 204·300, 204·300²·1.25), (2000, 254·300, 254·300²·1.25) → t 2.19329079979648, p 0.02834438299681393
 *   Holm of [0.013035…, 0.028344…]                     → [0.026070329257844506, 0.02834438299681393]
 *   stats.chisquare([1000, 1200])                     → p 2.007865612426481e-05
 */

const conversion = (c: number, t: number, users = 2000) => ({
  key: 'conversion_rate',
  kind: 'proportion' as const,
  variants: [
    { variant: 'control', conversions: c, users },
    { variant: 'one_page', conversions: t, users },
  ],
});

const revenue = (c: number, t: number, n = 2000): MeanMetricInput => ({
  key: 'revenue_per_user',
  kind: 'mean',
  unit: 'CNY',
  variants: [
    { variant: 'control', n, sum: c * 300, sumSquares: c * 300 * 300 * 1.25 },
    { variant: 'one_page', n, sum: t * 300, sumSquares: t * 300 * 300 * 1.25 },
  ],
});

const base = (
  metrics: ExperimentAnalysisInput['metrics'],
  users = [2000, 2000],
): ExperimentAnalysisInput => ({
  experiment: { id: 'exp', name: 'One-page checkout' },
  variants: [
    { name: 'control', users: users[0] as number },
    { name: 'one_page', users: users[1] as number },
  ],
  metrics,
});

/** Every number in the result is finite (no NaN, no ±Infinity that JSON would turn into null). */
function expectAllFinite(value: unknown, path = 'analysis'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) expectAllFinite(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) expectAllFinite(v, `${path}.${k}`);
}

const close = (actual: number | undefined, expected: number, relative = 1e-9) =>
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));

describe('analyzeExperiment', () => {
  const result: ExperimentAnalysis = analyzeExperiment(base([conversion(204, 254), revenue(204, 254)]));
  const [rate, rpu] = result.metrics;
  const z = rate?.comparisons[0];
  const welch = rpu?.comparisons[0];

  it('matches scipy: z-test, Wald and Wilson intervals, beta-binomial P(better), Welch, Holm', () => {
    close(z?.frequentist?.statistic, 2.482807122401985);
    close(z?.frequentist?.pValue, 0.013035164628922253);
    close(z?.frequentist?.absolute.ci.lower, 0.0052798498604919725);
    close(z?.frequentist?.absolute.ci.upper, 0.044720150139508044);
    close(rate?.arms[0]?.ci?.lower, 0.08948985374022952);
    close(rate?.arms[0]?.ci?.upper, 0.11603611589564783);
    close(z?.bayesian?.probabilityBetter, 0.9934713083204403, 1e-7);
    close(welch?.frequentist?.statistic, 2.19329079979648);
    close(welch?.frequentist?.pValue, 0.02834438299681393, 1e-8);
    close(z?.frequentist?.pValueHolm, 0.026070329257844506);
    close(welch?.frequentist?.pValueHolm, 0.02834438299681393, 1e-8);
    expect(result.corrections.family).toBe(2);
    expect(z?.frequentist?.pValueBenjaminiHochberg).toBeLessThanOrEqual(z?.frequentist?.pValueHolm as number);
    expectAllFinite(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('says ship in en and zh with lift, interval and the Holm p-value', () => {
    expect(z?.verdict.decision).toBe('ship');
    expect(z?.verdict.en).toBe(
      'one_page raises the conversion rate by 2.5 points (+24.5%; 10.2% → 12.7%, 95% CI 0.5–4.5 points; p = 0.026 after Holm). Ship it.',
    );
    expect(z?.verdict.zh).toBe(
      'one_page 使转化率提高 2.5 个百分点（+24.5%；10.2% → 12.7%，95% 置信区间 0.5–4.5 个百分点；Holm 校正后 p = 0.026）。建议上线。',
    );
    expect(result.verdict.decision).toBe('ship');
    expect(result.verdict.en.startsWith('Primary metric, conversion rate: one_page raises')).toBe(true);
    expect(result.srm.mismatch).toBe(false);
    // The always-valid interval is wider than the fixed-horizon one.
    const seq = z?.sequential;
    expect((seq?.ci.upper as number) - (seq?.ci.lower as number)).toBeGreaterThan(
      (z?.frequentist?.absolute.ci.upper as number) - (z?.frequentist?.absolute.ci.lower as number),
    );
  });

  it('a sample-ratio mismatch makes every verdict "don\'t trust this result"', () => {
    const r = analyzeExperiment(
      base(
        [
          {
            ...conversion(100, 150),
            variants: [
              { variant: 'control', conversions: 100, users: 1000 },
              { variant: 'one_page', conversions: 150, users: 1200 },
            ],
          },
        ],
        [1000, 1200],
      ),
    );
    close(r.srm.pValue, 2.007865612426481e-5, 1e-6);
    expect(r.srm.mismatch).toBe(true);
    expect(r.verdict.decision).toBe('untrustworthy');
    expect(r.verdict.en).toMatch(/^Don't trust this result: the users split 45\.5% \/ 54\.5%/);
    expect(r.verdict.zh).toMatch(/^不要相信这个结果/);
    expect(r.metrics[0]?.comparisons[0]?.verdict.decision).toBe('untrustworthy');
    // Declared weights that match the split clear it.
    const planned = analyzeExperiment({
      ...base([conversion(100, 150, 1000)], [1000, 1200]),
      metrics: [
        {
          ...conversion(100, 150),
          variants: [
            { variant: 'control', conversions: 100, users: 1000 },
            { variant: 'one_page', conversions: 150, users: 1200 },
          ],
        },
      ],
      plannedWeights: { control: 5, one_page: 6 },
    });
    expect(planned.srm.plannedWeights).toBe('declared');
    expect(planned.srm.mismatch).toBe(false);
  });

  it('not significant: "no detectable difference" with the power module’s MDE', () => {
    const r = analyzeExperiment(base([conversion(204, 214)]));
    const c = r.metrics[0]?.comparisons[0];
    expect(c?.verdict.decision).toBe('no_detectable_difference');
    const mde = proportionsMinimumDetectableEffect(0.102, 2000, 0.8, { alpha: 0.05, ratio: 1 });
    expect(c?.minimumDetectableEffect?.absolute).toBe(mde);
    expect(c?.verdict.en).toContain(`The MDE at this sample size is ${(mde * 100).toFixed(1)} points`);
    expect(c?.verdict.en).toMatch(
      /^No detectable difference in the conversion rate between one_page and control \(10\.2% vs 10\.7%, 95% CI of the difference −1\.4 to 2\.4 points; p = 0\.\d\d after Holm\)\./,
    );
    expect(c?.verdict.zh).toContain('没有可检测的差异');
    expect(c?.verdict.zh).toContain('最小可检测效应');
  });

  it('a significant drop is do-not-ship, and a drop in another metric is noted in the overall verdict', () => {
    const r = analyzeExperiment({
      ...base([conversion(204, 254), revenue(254, 180)]),
      primaryMetric: 'conversion_rate',
    });
    expect(r.metrics[1]?.verdict.decision).toBe('do_not_ship');
    expect(r.metrics[1]?.verdict.en).toMatch(
      /^one_page lowers the revenue per user by 11\.10 CNY \(−29\.1%; 38\.10 CNY → 27\.00 CNY, 95% CI −17\.64 to −4\.56 CNY/,
    );
    expect(r.guardrails).toEqual([]);
    expect(r.verdict.decision).toBe('ship');
    expect(r.verdict.en).toContain('Watch the other metrics: one_page lowers the revenue per user');
    expect(r.verdict.zh).toContain('请留意其他指标');
  });

  it('a failing guardrail stops a ship; a tolerated or unproven harm does not', () => {
    const failing = analyzeExperiment({
      ...base([conversion(204, 254), revenue(254, 180)]),
      primaryMetric: 'conversion_rate',
      guardrails: [{ metric: 'revenue_per_user', tolerance: 0.05 }],
    });
    const check = failing.guardrails[0];
    expect(check?.status).toBe('fail');
    expect(check?.harm).toBeCloseTo(0.2913, 3); // 27.00 / 38.10 − 1 = −29.1%
    expect(failing.metrics[1]?.guardrail).toBe(true);
    expect(failing.verdict.decision).toBe('do_not_ship');
    expect(failing.verdict.en).toMatch(
      /one_page raises the conversion rate by 2\.5 points .*\. But the guardrail revenue per user fails for one_page: −29\.1% \(allowed: −5\.0%\), p < 0\.001 \(uncorrected\)\. Don't ship until the harm is understood\.$/,
    );
    expect(failing.verdict.zh).toContain('护栏指标人均收入未通过');
    // the same harm within a 30% tolerance passes
    const tolerated = analyzeExperiment({
      ...base([conversion(204, 254), revenue(254, 180)]),
      guardrails: [{ metric: 'revenue_per_user', tolerance: 0.3 }],
    });
    expect(tolerated.guardrails[0]?.status).toBe('pass');
    expect(tolerated.verdict.decision).toBe('ship');
    // a small, non-significant drop with a high probability of harm warns
    const unproven = analyzeExperiment({
      ...base([conversion(204, 254), revenue(254, 230)]),
      guardrails: [{ metric: 'revenue_per_user' }],
    });
    expect(unproven.guardrails[0]?.status).toBe('warn');
    expect(unproven.verdict.decision).toBe('ship');
    expect(unproven.verdict.en).toMatch(
      /Guardrail revenue per user may be hurt by one_page: −9\.4%, not significant \(p = 0\.30\) but the probability of harm is 85%\.$/,
    );
  });

  it('lower-is-better metrics flip the decision, and guardrail settings are validated', () => {
    const refunds = {
      key: 'refund_rate',
      kind: 'proportion' as const,
      label: { en: 'refund rate', zh: '退款率' },
      higherIsBetter: false,
      variants: [
        { variant: 'control', conversions: 100, users: 2000 },
        { variant: 'one_page', conversions: 160, users: 2000 },
      ],
    };
    const r = analyzeExperiment({
      ...base([conversion(204, 254), refunds]),
      guardrails: [{ metric: 'refund_rate', tolerance: 0.1 }],
    });
    expect(r.metrics[1]?.verdict.decision).toBe('do_not_ship');
    expect(r.metrics[1]?.verdict.en).toMatch(
      /^one_page raises the refund rate by 3\.0 points .*Don't ship it\.$/,
    );
    expect(r.guardrails[0]?.status).toBe('fail');
    expect(r.guardrails[0]?.harm).toBeCloseTo(0.6, 12);
    expect(r.verdict.decision).toBe('do_not_ship');
    expect(() =>
      analyzeExperiment({ ...base([conversion(204, 254)]), guardrails: [{ metric: 'x' }] }),
    ).toThrow(/Guardrail "x" is not one of the metrics/);
    expect(() =>
      analyzeExperiment({ ...base([conversion(204, 254)]), guardrails: [{ metric: 'conversion_rate' }] }),
    ).toThrow(/is the primary metric/);
    expect(() =>
      analyzeExperiment({
        ...base([conversion(204, 254), refunds]),
        guardrails: [{ metric: 'refund_rate', tolerance: 2 }],
      }),
    ).toThrow(/tolerance is a relative harm in \[0, 1\)/);
  });

  it('zero conversions in both arms: not testable, excluded from the family, no NaN anywhere', () => {
    const r = analyzeExperiment(base([conversion(0, 0), revenue(204, 254)]));
    const c = r.metrics[0]?.comparisons[0];
    expect(c?.testable).toBe(false);
    expect(c?.frequentist).toBeNull();
    expect(c?.verdict.decision).toBe('not_testable');
    expect(c?.verdict.en).toContain('no conversions');
    expect(c?.bayesian?.probabilityBetter).toBeCloseTo(0.5, 6);
    expect(c?.minimumDetectableEffect).toBeNull();
    expect(r.corrections.family).toBe(1);
    expectAllFinite(r);
    // Zero conversions in the control only: testable, relative lift undefined (null), still finite.
    const one = analyzeExperiment(base([conversion(0, 12)]));
    expect(one.metrics[0]?.comparisons[0]?.frequentist?.relative).toBeNull();
    expectAllFinite(one);
    // All converted vs none: the Wald interval is a point, so the Newcombe interval is used.
    const extreme = analyzeExperiment(base([conversion(20, 0, 20)], [20, 20]));
    const e = extreme.metrics[0]?.comparisons[0]?.frequentist;
    expect(e?.absolute.ci).toEqual(e?.absoluteNewcombe);
    expect(e?.absolute.ci.upper).toBeLessThan(-0.5);
    // An arm of one user for a mean: not testable (no variance), reason named.
    const tiny = analyzeExperiment({
      ...base(
        [
          {
            ...revenue(1, 2),
            variants: [
              { variant: 'control', n: 1, sum: 3, sumSquares: 9 },
              { variant: 'one_page', n: 5, sum: 10, sumSquares: 30 },
            ],
          },
        ],
        [1, 5],
      ),
    });
    expect(tiny.verdict.en).toContain('an arm has fewer than 2 users');
    expectAllFinite(tiny);
    // Constant revenue: not testable.
    const flat = analyzeExperiment(base([revenue(0, 0)]));
    expect(flat.metrics[0]?.comparisons[0]?.verdict.decision).toBe('not_testable');
    expect(flat.verdict.en).toContain('constant');
    expectAllFinite(flat);
  });

  it('bad input: empty variant, one variant, unknown control, missing metric data, bad counts', () => {
    expect(() => analyzeExperiment(base([conversion(0, 0)], [0, 2000]))).toThrow(
      /variant "control" has 0 users; a variant with no users cannot be compared/,
    );
    expect(() =>
      analyzeExperiment({ ...base([conversion(1, 2)]), variants: [{ name: 'control', users: 10 }] }),
    ).toThrow(InputError);
    expect(() => analyzeExperiment({ ...base([conversion(1, 2)]), controlVariant: 'nope' })).toThrow(
      /control variant "nope" is not among/,
    );
    expect(() =>
      analyzeExperiment(
        base([{ ...conversion(1, 2), variants: [{ variant: 'control', conversions: 1, users: 2000 }] }]),
      ),
    ).toThrow(/has no data for variant "one_page"/);
    expect(() => analyzeExperiment(base([conversion(2001, 2)]))).toThrow(
      /conversions must be a whole number/,
    );
    expect(() => analyzeExperiment({ ...base([conversion(1, 2)]), alpha: 0.7 })).toThrow(/alpha/);
  });

  it('control: the one named control even when not first, or the one chosen; inputs untouched', () => {
    const input = Object.freeze({
      experiment: { id: 'e', name: 'E' },
      variants: Object.freeze([
        { name: 'b', users: 500 },
        { name: 'control', users: 500 },
      ]),
      metrics: Object.freeze([
        {
          key: 'conversion_rate',
          kind: 'proportion' as const,
          variants: [
            { variant: 'b', conversions: 60, users: 500 },
            { variant: 'control', conversions: 50, users: 500 },
          ],
        },
      ]),
    });
    const copy = structuredClone(input);
    const r = analyzeExperiment(input);
    expect(r.control).toBe('control');
    expect(r.variants.map((v) => v.name)).toEqual(['control', 'b']);
    expect(input).toEqual(copy);
    expect(analyzeExperiment({ ...input, controlVariant: 'b' }).control).toBe('b');
  });

  it('three arms: P(best) sums to 1, Holm over both treatments', () => {
    const r = analyzeExperiment({
      experiment: { id: 'e', name: 'E' },
      variants: [
        { name: 'control', users: 3000 },
        { name: 'a', users: 3000 },
        { name: 'b', users: 3000 },
      ],
      metrics: [
        {
          key: 'conversion_rate',
          kind: 'proportion',
          variants: [
            { variant: 'control', conversions: 300, users: 3000 },
            { variant: 'a', conversions: 310, users: 3000 },
            { variant: 'b', conversions: 390, users: 3000 },
          ],
        },
        {
          key: 'revenue_per_user',
          kind: 'mean',
          variants: ['control', 'a', 'b'].map((variant, i) => ({
            variant,
            n: 3000,
            sum: (300 + 40 * i) * 30,
            sumSquares: (300 + 40 * i) * 30 * 30 * 1.3,
          })),
        },
      ],
    });
    for (const m of r.metrics) {
      const total = m.arms.reduce((s, a) => s + (a.probabilityBest as number), 0);
      expect(total).toBeCloseTo(1, 6);
      expect(m.arms[2]?.probabilityBest).toBeGreaterThan(0.9);
    }
    expect(r.corrections.family).toBe(4);
    expect(r.metrics[0]?.verdict.decision).toBe('ship');
    expect(r.metrics[0]?.verdict.en).toMatch(/^b raises/);
    expectAllFinite(r);
  });

  it('CUPED: a correlated pre-period covariate narrows the interval of a mean metric', () => {
    const rng = createRng(7);
    const arm = (lift: number) => {
      let sum = 0;
      let sumSquares = 0;
      let preSum = 0;
      let preSumSquares = 0;
      let products = 0;
      for (let i = 0; i < 4000; i++) {
        const x = normal(rng, 50, 10);
        const y = 0.8 * x + normal(rng, 10 + lift, 6);
        sum += y;
        sumSquares += y * y;
        preSum += x;
        preSumSquares += x * x;
        products += x * y;
      }
      return {
        n: 4000,
        sum,
        sumSquares,
        pre: { sum: preSum, sumSquares: preSumSquares, sumOfProducts: products },
      };
    };
    const control = arm(0);
    const treatment = arm(0.5);
    const metric = (withPre: boolean): MeanMetricInput => ({
      key: 'order_value',
      kind: 'mean',
      variants: [
        { variant: 'control', ...(withPre ? control : { ...control, pre: undefined }) },
        { variant: 'one_page', ...(withPre ? treatment : { ...treatment, pre: undefined }) },
      ],
    });
    const adjusted = analyzeExperiment(base([metric(true)], [4000, 4000])).metrics[0]?.comparisons[0];
    const plain = analyzeExperiment(base([metric(false)], [4000, 4000])).metrics[0]?.comparisons[0];
    const width = (c: typeof plain) =>
      (c?.frequentist?.absolute.ci.upper as number) - (c?.frequentist?.absolute.ci.lower as number);
    expect(adjusted?.frequentist?.test).toBe('Welch t-test (CUPED)');
    // corr(X, Y)² = 64/(64 + 36) = 0.64 → the s.e. shrinks by about √(1 − 0.64) = 0.6.
    expect(adjusted?.cuped?.varianceReduction).toBeGreaterThan(0.55);
    expect(width(adjusted) / width(plain)).toBeLessThan(0.7);
    expect(adjusted?.frequentist?.absolute.ci.lower).toBeLessThan(0.5);
    expect(adjusted?.frequentist?.absolute.ci.upper).toBeGreaterThan(0.5);
  });
});
