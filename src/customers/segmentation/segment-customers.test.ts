import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { adjustedRandIndex } from '../../stats/adjusted-rand-index.js';
import { type CustomerFeatureTable, customerFeatureNames } from '../features.js';
import { defaultSegmentationFeatures, segmentCustomers } from './segment-customers.js';
import { plantedCustomerTable } from './testing/planted-customers.js';

/** n customers whose every feature comes from `value(feature, i)`. */
function table(n: number, value: (feature: string, i: number) => number): CustomerFeatureTable {
  const columns = Object.fromEntries(
    customerFeatureNames.map((f) => [f, Float64Array.from({ length: n }, (_, i) => value(f, i))]),
  ) as CustomerFeatureTable['columns'];
  return {
    asOf: new Date('2026-01-01T00:00:00Z'),
    customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
    columns,
  };
}

describe('segmentCustomers', () => {
  const { table: planted, truth } = plantedCustomerTable(1, 400);

  it('recovers planted segments at k = 4 and names them by value and activity', () => {
    const result = segmentCustomers(planted, { k: 4, seed: 1 });
    expect(result).toMatchObject({ k: 4, chosenBy: 'fixed', algorithm: 'k-means', elbowK: null });
    expect(adjustedRandIndex(truth, result.labels)).toBeGreaterThan(0.95);
    expect(result.segments.slice(0, 2).map((s) => s.label.archetype)).toEqual([
      'high_value_loyalists',
      'at_risk_big_spenders',
    ]);
    expect(
      result.segments
        .slice(2)
        .map((s) => s.label.archetype)
        .sort(),
    ).toEqual(['new_customers', 'occasional_low_spenders']);
    // segment ids by value share, shares and sizes add up, names unique, rule engine named
    result.segments.forEach((s, i) => {
      expect(s.segment).toBe(i);
      if (i > 0) expect(s.valueShare).toBeLessThanOrEqual(result.segments[i - 1]?.valueShare as number);
      expect(s.label.engine).toBe('classic-rules');
      expect(s.label.description.en.length).toBeGreaterThan(10);
      expect(s.label.description.zh.length).toBeGreaterThan(5);
    });
    expect(result.segments.reduce((t, s) => t + s.size, 0)).toBe(1600);
    expect(result.segments.reduce((t, s) => t + s.valueShare, 0)).toBeCloseTo(1, 12);
    expect(new Set(result.segments.map((s) => s.label.name.en)).size).toBe(4);
    expect(result.features).toEqual(defaultSegmentationFeatures);
    expect(result.scaling.map((t) => t.name)).toEqual(defaultSegmentationFeatures);
    // centres back in original units: the champions' last order is recent, the at-risk one's long ago
    expect(result.segments[0]?.center.recency_days).toBeLessThan(20);
    expect(result.segments[1]?.center.recency_days).toBeGreaterThan(200);
    expect(result.silhouette).toBeGreaterThan(0.4);
  });

  it('chooses k by silhouette (recovering the planted groups) and reports the elbow', () => {
    const result = segmentCustomers(planted, { seed: 1 });
    expect(result.chosenBy).toBe('silhouette');
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // the smallest k within 0.04 of the best silhouette (parsimony)
    const best = Math.max(...result.candidates.map((c) => c.silhouette ?? -1));
    const smallestNearBest = result.candidates.find((c) => (c.silhouette ?? -1) >= best - 0.04);
    expect(result.k).toBe(smallestNearBest?.k);
    expect(result.silhouette).toBe(smallestNearBest?.silhouette);
    expect(result.candidates.map((c) => c.k)).toContain(result.elbowK);
    // one-order "new" customers have all-or-nothing channel and discount shares, which the
    // silhouette may split off; the planted groups are still recovered
    expect(adjustedRandIndex(truth, result.labels)).toBeGreaterThan(0.8);
  });

  it('is deterministic per seed; mini-batch recovers the groups too', () => {
    const a = segmentCustomers(planted, { k: 4, seed: 7 });
    const b = segmentCustomers(planted, { k: 4, seed: 7 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    const mini = segmentCustomers(planted, { k: 4, seed: 7, miniBatch: true });
    expect(mini.algorithm).toBe('mini-batch k-means');
    expect(adjustedRandIndex(truth, mini.labels)).toBeGreaterThan(0.9);
  });

  it('clusters on chosen features; a constant feature scales to 0, never NaN', () => {
    const constantSessions = {
      ...planted,
      columns: { ...planted.columns, sessions_per_week: new Float64Array(1600).fill(0) },
    };
    const result = segmentCustomers(constantSessions, {
      k: 4,
      seed: 2,
      features: ['recency_days', 'frequency', 'monetary', 'tenure_days', 'sessions_per_week'],
    });
    expect(result.scaling[4]).toMatchObject({ name: 'sessions_per_week', scaleMethod: 'constant' });
    expect(Number.isFinite(result.inertia)).toBe(true);
    for (const s of result.segments) expect(s.features.sessions_per_week.lift).toBe(0);
  });

  it('lets a describer replace the rule descriptions', () => {
    const result = segmentCustomers(planted, {
      k: 4,
      seed: 1,
      describe: (profile) => ({
        description: { en: `Persona ${profile.segment}`, zh: `画像 ${profile.segment}` },
        engine: 'llm:fake',
      }),
    });
    expect(result.segments[2]?.label).toMatchObject({ engine: 'llm:fake', description: { en: 'Persona 2' } });
  });

  it('rejects input segmentation cannot use, with clear messages', () => {
    const two = table(2, (_, i) => i + 1);
    expect(() =>
      segmentCustomers(
        table(1, () => 1),
        { seed: 1 },
      ),
    ).toThrow('segmentation needs at least 2 customers, got 1');
    expect(() =>
      segmentCustomers(
        table(50, () => 3),
        { seed: 1 },
      ),
    ).toThrow('all customers have identical features; segmentation needs variation');
    const five = table(40, (_, i) => i % 5);
    expect(() => segmentCustomers(five, { seed: 1, k: 9 })).toThrow(
      'k = 9 is larger than the number of distinct customers (5)',
    );
    expect(() => segmentCustomers(five, { seed: 1, kRange: [6, 8] })).toThrow(
      'k range 6–8 starts above the number of distinct customers (5)',
    );
    expect(() => segmentCustomers(two, { seed: 1, k: 1 })).toThrow(/integer k ≥ 2/);
    const gaps = table(10, (f, i) => (f === 'interpurchase_days' && i === 3 ? Number.NaN : i));
    expect(() => segmentCustomers(gaps, { seed: 1, features: ['frequency', 'interpurchase_days'] })).toThrow(
      'feature interpurchase_days is missing or not a number for customer c3 (NaN)',
    );
    try {
      segmentCustomers(gaps, { seed: 1, features: ['interpurchase_days'] });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).hint).toMatch(/leave it out/);
    }
    // the default features leave interpurchase_days out, so the same table segments fine
    expect(segmentCustomers(gaps, { seed: 1, k: 2 }).k).toBe(2);
    expect(() => segmentCustomers(two, { seed: 1, features: ['nope' as 'frequency'] })).toThrow(
      /unknown customer feature 'nope'/,
    );
    expect(() => segmentCustomers(two, { seed: 1, features: [] })).toThrow(/at least one feature/);
  });

  it('segments the smallest possible input: two different customers', () => {
    const result = segmentCustomers(
      table(2, (_, i) => i + 1),
      { seed: 1 },
    );
    expect(result.k).toBe(2);
    expect(result.silhouette).toBe(0);
    expect(new Set(result.labels).size).toBe(2);
  });
});
