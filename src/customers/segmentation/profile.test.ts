import { describe, expect, it } from 'vitest';
import { fitColumnTransform } from '../../stats/robust-scaling.js';
import { type CustomerFeatureTable, customerFeatureNames } from '../features.js';
import { profileSegments } from './profile.js';

/** Six customers by hand: segment 0 = big recent buyers, segment 1 = small lapsed ones. */
function handTable(): { table: CustomerFeatureTable; labels: Int32Array } {
  const values: Record<string, number[]> = {
    recency_days: [5, 10, 15, 200, 300, 400],
    frequency: [10, 12, 8, 1, 2, 1],
    monetary: [100, 120, 80, 20, 30, 25],
    total_spend: [1000, 1440, 640, 20, 60, 25],
    tenure_days: [500, 600, 400, 300, 500, 410],
    interpurchase_days: [50, 40, 50, Number.NaN, 190, Number.NaN],
    category_breadth: [4, 5, 3, 1, 1, 1],
    share_online: [0.5, 0.5, 0.5, 1, 0, 1],
    share_store: [0.5, 0.5, 0.5, 0, 1, 0],
    share_miniprogram: [0, 0, 0, 0, 0, 0],
    discount_share: [0.1, 0, 0.2, 1, 0.5, 1],
    sessions_per_week: [1, 2, 3, 0, 0, 0],
  };
  const columns = Object.fromEntries(
    customerFeatureNames.map((f) => [f, Float64Array.from(values[f] as number[])]),
  );
  return {
    table: {
      asOf: new Date('2026-01-01T00:00:00Z'),
      customerIds: ['a', 'b', 'c', 'd', 'e', 'f'],
      columns: columns as CustomerFeatureTable['columns'],
    },
    labels: Int32Array.of(0, 0, 0, 1, 1, 1),
  };
}

describe('profileSegments', () => {
  it('reports size, shares, value share, medians, ratios and lifts against everyone', () => {
    const { table, labels } = handTable();
    const [big, small] = profileSegments(table, labels, 2);
    expect(big).toMatchObject({ segment: 0, size: 3, share: 0.5 });
    expect(big?.valueShare).toBeCloseTo(3080 / 3185, 14);
    expect(small?.valueShare).toBeCloseTo(105 / 3185, 14);
    const frequency = big?.features.frequency;
    expect(frequency).toMatchObject({ count: 3, median: 10, mean: 10, overallMedian: 5, ratio: 2 });
    expect(frequency?.overallMean).toBeCloseTo(34 / 6, 14);
    // lift = mean of the robustly scaled values in the segment − mean over everyone
    const transform = fitColumnTransform([10, 12, 8, 1, 2, 1], { name: 'frequency' });
    const scaled = (v: number) => ((transform.log ? Math.log1p(v) : v) - transform.center) / transform.scale;
    const overall = [10, 12, 8, 1, 2, 1].map(scaled).reduce((a, b) => a + b) / 6;
    expect(frequency?.lift).toBeCloseTo([10, 12, 8].map(scaled).reduce((a, b) => a + b) / 3 - overall, 12);
    expect(small?.features.frequency.lift).toBeLessThan(0);
    expect(small?.features.recency_days.lift).toBeGreaterThan(0);
  });

  it('leaves missing values out per feature and handles zero medians and constant columns', () => {
    const { table, labels } = handTable();
    const [big, small] = profileSegments(table, labels, 2);
    expect(small?.features.interpurchase_days).toMatchObject({ count: 1, median: 190 });
    expect(big?.features.interpurchase_days).toMatchObject({ count: 3, median: 50, overallMedian: 50 });
    // all-zero mini-program share: ratio undefined, lift 0, never NaN
    expect(big?.features.share_miniprogram).toMatchObject({
      median: 0,
      overallMedian: 0,
      ratio: null,
      lift: 0,
    });
    for (const profile of [big, small])
      for (const feature of customerFeatureNames)
        expect(Number.isNaN(profile?.features[feature].lift)).toBe(false);
  });

  it('reports centres in original units and rejects bad labels', () => {
    const { table, labels } = handTable();
    const transform = fitColumnTransform([10, 12, 8, 1, 2, 1], { log: 'never' });
    const [big] = profileSegments(table, labels, 2, {
      features: ['frequency'],
      transforms: [transform],
      centers: Float64Array.of((10 - transform.center) / transform.scale, 0),
    });
    expect(big?.center.frequency).toBeCloseTo(10, 12);
    expect(() => profileSegments(table, Int32Array.of(0, 1), 2)).toThrow(/2 labels for 6 customers/);
    expect(() => profileSegments(table, Int32Array.of(0, 0, 0, 1, 1, 2), 2)).toThrow(/label 2 of customer 5/);
  });
});
