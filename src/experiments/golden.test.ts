import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections.js';
import {
  meanArmFromSums,
  newcombeInterval,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
} from './frequentist.js';
import golden from './golden-values.json' with { type: 'json' };
import {
  meansMinimumDetectableEffect,
  meansPower,
  meansSampleSize,
  proportionsMinimumDetectableEffect,
  proportionsPower,
  proportionsSampleSize,
} from './power.js';
import { sampleRatioMismatchTest } from './srm.js';

/**
 * Golden file: src/experiments/golden-values.json holds fixed inputs and the scipy 1.10.1 / statsmodels 0.13.5
 * outputs, written by `npx tsx bench/experiments/experiments.bench.ts --write-golden` (which runs
 * bench/experiments/reference.py). Checked here at 1e-6 relative (issue 7) without Python.
 */
const TOLERANCE = 1e-6;

function close(actual: number, expected: number, label: string): void {
  const difference = Math.abs(actual - expected);
  // Exact zeros vs 1e-19 rounding residue (Wilson lower end at 0 conversions) count as equal.
  const ok = difference <= TOLERANCE * Math.abs(expected) || difference < 1e-15;
  expect(ok, `${label}: ${actual} vs ${expected}`).toBe(true);
}

function closeAll(actual: readonly number[], expected: readonly number[], label: string): void {
  expect(actual.length).toBe(expected.length);
  for (const [index, value] of expected.entries())
    close(actual[index] as number, value, `${label}[${index}]`);
}

const { inputs, outputs } = golden;

describe('golden values vs scipy / statsmodels (1e-6 relative)', () => {
  it('issue 7 example: 1000/20000 vs 1100/20000', () => {
    const control = { conversions: 1000, users: 20000 };
    const treatment = { conversions: 1100, users: 20000 };
    const z = twoProportionZTest(control, treatment);
    // statsmodels proportions_ztest([1100, 1000], [20000, 20000]) and confint_proportions_2indep(method='newcomb')
    close(z.statistic, 2.2418200205745373, 'z');
    close(z.pValue, 0.024973006760644276, 'p');
    const newcombe = newcombeInterval(control, treatment);
    close(newcombe.lower, 0.000628000963139, 'Newcombe lower');
    close(newcombe.upper, 0.0093761032645644, 'Newcombe upper');
  });

  it('two-proportion z-test, Wald, Newcombe and Wilson intervals', () => {
    inputs.proportions.forEach((input, index) => {
      const expected = outputs.proportions[index];
      if (expected === undefined) throw new Error('golden file is missing an output');
      const control = { conversions: input.control[0] as number, users: input.control[1] as number };
      const treatment = { conversions: input.treatment[0] as number, users: input.treatment[1] as number };
      const z = twoProportionZTest(control, treatment);
      close(z.statistic, expected.statistic, `z ${index}`);
      close(z.pValue, expected.pValue, `p ${index}`);
      closeAll([z.ci.lower, z.ci.upper], expected.waldCi, `Wald ${index}`);
      const n = newcombeInterval(control, treatment);
      closeAll([n.lower, n.upper], expected.newcombeCi, `Newcombe ${index}`);
      const wc = wilsonInterval(control);
      const wt = wilsonInterval(treatment);
      closeAll([wc.lower, wc.upper], expected.wilsonControl, `Wilson control ${index}`);
      closeAll([wt.lower, wt.upper], expected.wilsonTreatment, `Wilson treatment ${index}`);
    });
  });

  it("Welch's t-test: t, p, Welch–Satterthwaite df and the t interval", () => {
    inputs.means.forEach((input, index) => {
      const expected = outputs.means[index];
      if (expected === undefined) throw new Error('golden file is missing an output');
      const [nc, mc, vc] = input.control as [number, number, number];
      const [nt, mt, vt] = input.treatment as [number, number, number];
      const r = welchTTest({ n: nc, mean: mc, variance: vc }, { n: nt, mean: mt, variance: vt });
      close(r.statistic, expected.statistic, `t ${index}`);
      close(r.pValue, expected.pValue, `p ${index}`);
      close(r.degreesOfFreedom ?? Number.NaN, expected.degreesOfFreedom, `df ${index}`);
      closeAll([r.ci.lower, r.ci.upper], expected.ci, `CI ${index}`);
    });
  });

  it('sample-ratio mismatch chi-square', () => {
    inputs.srm.forEach((input, index) => {
      const expected = outputs.srm[index];
      if (expected === undefined) throw new Error('golden file is missing an output');
      const r = sampleRatioMismatchTest(input.observed, { expectedWeights: input.weights });
      close(r.statistic, expected.statistic, `chi2 ${index}`);
      close(r.pValue, expected.pValue, `p ${index}`);
    });
  });

  it('Holm and Benjamini–Hochberg', () => {
    inputs.corrections.forEach((pValues, index) => {
      const expected = outputs.corrections[index];
      if (expected === undefined) throw new Error('golden file is missing an output');
      closeAll(holmAdjust(pValues), expected.holm, `Holm ${index}`);
      closeAll(benjaminiHochbergAdjust(pValues), expected.benjaminiHochberg, `BH ${index}`);
    });
  });

  it('power, sample size and MDE', () => {
    inputs.proportionsPower.forEach((input, index) => {
      const expected = outputs.proportionsPower[index];
      if (expected === undefined) throw new Error('golden file is missing an output');
      const { baseline, effect, n, power, alpha, ratio } = input;
      close(proportionsPower(baseline, effect, n, { alpha, ratio }), expected.power, `power ${index}`);
      close(
        proportionsSampleSize(baseline, effect, power, { alpha, ratio }).treatmentUsers,
        expected.sampleSize,
        `n ${index}`,
      );
      const direction = effect > 0 ? 'increase' : 'decrease';
      close(
        proportionsMinimumDetectableEffect(baseline, n, power, { alpha, ratio, direction }),
        expected.mde,
        `mde ${index}`,
      );
    });
    inputs.meansPower.forEach((input, index) => {
      const expected = outputs.meansPower[index];
      if (expected === undefined) throw new Error('golden file is missing an output');
      const { effect, sd, n, power, alpha, ratio } = input;
      close(meansPower(effect, sd, n, { alpha, ratio }), expected.power, `power ${index}`);
      close(
        meansSampleSize(effect, sd, power, { alpha, ratio }).treatmentUsers,
        expected.sampleSize,
        `n ${index}`,
      );
      close(meansMinimumDetectableEffect(sd, n, power, { alpha, ratio }), expected.mde, `mde ${index}`);
    });
  });
});

const vectorsPath = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/datasets/ab_testing_growthbook/gbstats_reference_vectors.json',
);

interface GbVector {
  readonly id: string;
  readonly test: string;
  readonly config: { readonly difference_type: 'relative' | 'absolute'; readonly alpha: number };
  readonly control: {
    readonly type: string;
    readonly sum: number;
    readonly sum_squares?: number;
    readonly n: number;
  };
  readonly treatment: {
    readonly type: string;
    readonly sum: number;
    readonly sum_squares?: number;
    readonly n: number;
  };
  readonly expected: {
    readonly expected: number;
    readonly ci: readonly (number | string)[];
    readonly uplift: { readonly stddev: number };
    readonly pValue: number;
  };
}

function gbArm(arm: GbVector['control']) {
  if (arm.type === 'proportion') {
    // gbstats ProportionStatistic: variance p(1 − p) (no n/(n − 1)).
    const p = arm.sum / arm.n;
    return { n: arm.n, mean: p, variance: p * (1 - p) };
  }
  return meanArmFromSums({ n: arm.n, sum: arm.sum, sumOfSquares: arm.sum_squares ?? Number.NaN });
}

describe.skipIf(!existsSync(vectorsPath))(
  'GrowthBook gbstats fixed-horizon TwoSidedTTest vectors (needs ../shared/datasets/ab_testing_growthbook)',
  () => {
    it('matches expected lift, CI, standard error and p-value to the 5 decimals upstream checks', () => {
      const file = JSON.parse(readFileSync(vectorsPath, 'utf8')) as { vectors: GbVector[] };
      const vectors = file.vectors.filter(
        (v) =>
          v.test === 'TwoSidedTTest' && (v.control.type === 'sample_mean' || v.control.type === 'proportion'),
      );
      expect(vectors.length).toBeGreaterThanOrEqual(3);
      for (const v of vectors) {
        const r = welchTTest(gbArm(v.control), gbArm(v.treatment), { confidenceLevel: 1 - v.config.alpha });
        const relative = v.config.difference_type === 'relative';
        const estimate = relative ? r.relative?.estimate : r.difference;
        const ci = relative ? r.relative?.ci : r.ci;
        const standardError = relative ? r.relative?.standardError : r.standardError;
        const pValue = relative ? r.relative?.pValue : r.pValue;
        const [lower, upper] = v.expected.ci as [number, number];
        const label = v.id;
        expect(Math.abs((estimate ?? Number.NaN) - v.expected.expected), label).toBeLessThan(5e-6);
        expect(Math.abs((ci?.lower ?? Number.NaN) - lower), label).toBeLessThan(5e-6);
        expect(Math.abs((ci?.upper ?? Number.NaN) - upper), label).toBeLessThan(5e-6);
        expect(Math.abs((standardError ?? Number.NaN) - v.expected.uplift.stddev), label).toBeLessThan(5e-6);
        expect(Math.abs((pValue ?? Number.NaN) - v.expected.pValue), label).toBeLessThan(5e-6);
      }
    });
  },
);
