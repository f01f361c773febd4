import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { fitBgNbd } from './bg-nbd.js';
import { conditionalExpectedPurchases } from './bg-nbd-predict.js';
import { calibrationReport } from './calibration.js';
import { summarisePurchases } from './purchase-summary.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('calibrationReport', () => {
  const params = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 };
  const summary = {
    frequency: Float64Array.from([0, 0, 1, 2, 9]),
    recency: Float64Array.from([0, 0, 3, 5, 9]),
    age: Float64Array.from([10, 4, 10, 6, 10]),
    holdout: {
      end: day('2024-03-01'),
      duration: 8,
      frequency: Float64Array.from([0, 2, 1, 0, 5]),
      monetary: new Float64Array(5),
    },
  };

  it('buckets customers by calibration frequency with per-customer MAE and RMSE', () => {
    const report = calibrationReport(summary, params, { openBucketFrom: 2 });
    const predicted = [0, 1, 2, 3, 4].map((i) =>
      conditionalExpectedPurchases(
        params,
        8,
        summary.frequency[i] as number,
        summary.recency[i] as number,
        summary.age[i] as number,
      ),
    ) as [number, number, number, number, number];
    expect(report.holdoutDuration).toBe(8);
    expect(report.buckets.map((b) => b.label)).toEqual(['0', '1', '2+']);
    const zero = report.buckets[0];
    expect(zero?.customers).toBe(2);
    expect(zero?.actualMean).toBe(1);
    expect(zero?.predictedMean).toBeCloseTo((predicted[0] + predicted[1]) / 2, 14);
    expect(zero?.meanAbsoluteError).toBeCloseTo(
      (Math.abs(predicted[0]) + Math.abs(predicted[1] - 2)) / 2,
      14,
    );
    expect(zero?.rootMeanSquaredError).toBeCloseTo(
      Math.sqrt((predicted[0] ** 2 + (predicted[1] - 2) ** 2) / 2),
      14,
    );
    expect(report.buckets[2]).toMatchObject({
      minFrequency: 2,
      maxFrequency: null,
      customers: 2,
      actualMean: 2.5,
    });
    expect(report.overall.customers).toBe(5);
    expect(report.overall.actualTotal).toBe(8);
    expect(report.overall.predictedTotal).toBeCloseTo(
      predicted.reduce((s, v) => s + v, 0),
      12,
    );
    // empty buckets are left out (no NaN means)
    expect(calibrationReport(summary, params).buckets.map((b) => b.label)).toEqual(['0', '1', '2', '7+']);
  });

  it('rejects a summary without holdout and bad options', () => {
    const { holdout: _ignored, ...calibrationOnly } = summary;
    expect(() => calibrationReport(calibrationOnly, params)).toThrow(/requires a summary with a holdout/);
    expect(() => calibrationReport(summary, params, { openBucketFrom: 0 })).toThrow(InputError);
    expect(() =>
      calibrationReport(
        { ...summary, holdout: { ...summary.holdout, frequency: new Float64Array(2) } },
        params,
      ),
    ).toThrow(/one entry per customer/);
  });
});

describe.skipIf(!existsSync(shared))('calibrationReport on CDNOW (needs ../shared/datasets/cdnow)', () => {
  it('39-week calibration, 39-week holdout: the data’s 1,882 holdout purchases and sensible predictions', () => {
    const transactions = readFileSync(resolve(shared, 'CDNOW_sample.txt'), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [, id, date, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
        return {
          customerId: id,
          at: day(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`),
          amount: Number(dollars),
        };
      });
    const summary = summarisePurchases(transactions, {
      calibrationEnd: day('1997-09-30'),
      observationEnd: day('1998-06-30'),
      timeUnit: 'week',
    });
    const fit = fitBgNbd(summary);
    const report = calibrationReport(summary, fit.params);
    expect(report.holdoutDuration).toBe(39);
    expect(report.overall.customers).toBe(2357);
    expect(report.overall.actualTotal).toBe(1882);
    // measured: predicted 1,653.4 (BG/NBD under-predicts the CDNOW holdout, cf. FHL 2005 Fig. 4)
    expect(report.overall.predictedTotal).toBeGreaterThan(1600);
    expect(report.overall.predictedTotal).toBeLessThan(1700);
    const zero = report.buckets[0];
    expect(zero?.customers).toBe(1411);
    expect(zero?.actualMean).toBeCloseTo(0.2367, 4);
    expect(zero?.predictedMean).toBeCloseTo(0.2251, 3);
    // predictions increase with calibration frequency, like the actuals
    for (let k = 1; k < report.buckets.length; k++)
      expect(report.buckets[k]?.predictedMean).toBeGreaterThan(
        report.buckets[k - 1]?.predictedMean as number,
      );
  });
});
